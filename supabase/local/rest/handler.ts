import type postgres from 'postgres';
import type { Caller } from '../keys/gateway.ts';
import { ApiError, fromPostgres, isPgError } from './errors.ts';
import { arrayLiteral, ident, Params, QueryBuilder, type Scope } from './query.ts';
import { parseRequest, type MediaType, type ParsedRequest } from './request.ts';
import { key, type DbFunction, type Relation, type SchemaCache } from './schema-cache.ts';

export interface RestConfig {
	schemas: string[];
	extraSearchPath: string[];
	maxRows: number | null;
}

export interface RestRequest {
	method: string;
	/** Path below /rest/v1, e.g. `/organizations` or `/rpc/take_seat`. */
	path: string;
	url: URL;
	headers: Headers;
	body: string;
}

export interface RestResponse {
	status: number;
	headers: Record<string, string>;
	body: string;
}

const JSON_TYPE = 'application/json; charset=utf-8';

/** One request to /rest/v1, answered as PostgREST answers it. Never throws. */
export async function handleRest(
	req: RestRequest,
	caller: Caller,
	pool: postgres.Sql,
	cache: SchemaCache,
	config: RestConfig
): Promise<RestResponse> {
	try {
		return await route(req, caller, pool, cache, config);
	} catch (error) {
		if (error instanceof ApiError) return errorResponse(error);
		if (isPgError(error)) return errorResponse(fromPostgres(error, caller.role !== 'anon'));
		console.error('rest: unexpected error', error);
		return errorResponse(new ApiError(500, 'PGRST000', 'Internal server error'));
	}
}

function errorResponse(error: ApiError): RestResponse {
	const headers: Record<string, string> = { 'content-type': JSON_TYPE };
	if (error.status === 401) headers['www-authenticate'] = 'Bearer';
	return { status: error.status, headers, body: JSON.stringify(error.body()) };
}

function schemaOf(req: RestRequest, config: RestConfig): string {
	const reading = req.method === 'GET' || req.method === 'HEAD';
	const asked = req.headers.get(reading ? 'accept-profile' : 'content-profile');
	if (!asked) return config.schemas[0];
	if (!config.schemas.includes(asked)) {
		throw new ApiError(
			406,
			'PGRST106',
			`Invalid schema: ${asked}`,
			null,
			`Only the following schemas are exposed: ${config.schemas.join(', ')}`
		);
	}
	return asked;
}

async function route(
	req: RestRequest,
	caller: Caller,
	pool: postgres.Sql,
	cache: SchemaCache,
	config: RestConfig
): Promise<RestResponse> {
	const schema = schemaOf(req, config);
	const segments = req.path.split('/').filter(Boolean).map(decodeURIComponent);
	if (segments.length === 2 && segments[0] === 'rpc')
		return rpc(req, caller, pool, cache, config, schema, segments[1]);
	if (segments.length !== 1) {
		throw new ApiError(404, 'PGRST125', `Invalid path specified in request URL`);
	}
	const relation = cache.relations.get(key(schema, segments[0]));
	if (!relation) {
		const names = [...cache.relations.values()]
			.filter((r) => r.schema === schema)
			.map((r) => r.name);
		const near = closest(segments[0], names);
		throw new ApiError(
			404,
			'PGRST205',
			`Could not find the table '${schema}.${segments[0]}' in the schema cache`,
			null,
			near ? `Perhaps you meant the table '${schema}.${near}'` : null
		);
	}
	const parsed = parseRequest(req.url, req.headers);
	switch (req.method) {
		case 'GET':
		case 'HEAD':
			return read(req, caller, pool, cache, config, relation, parsed);
		case 'POST':
			return write(req, caller, pool, cache, config, relation, parsed, 'insert');
		case 'PATCH':
			return write(req, caller, pool, cache, config, relation, parsed, 'update');
		case 'DELETE':
			return write(req, caller, pool, cache, config, relation, parsed, 'delete');
		default:
			throw new ApiError(405, 'PGRST117', `Unsupported HTTP method: ${req.method}`);
	}
}

function tableScope(relation: Relation, from?: string): Scope {
	return {
		key: key(relation.schema, relation.name),
		name: relation.name,
		columns: relation.columns,
		from: from ?? `${ident(relation.schema)}.${ident(relation.name)}`,
		alias: 't0',
		path: ''
	};
}

/** Runs `work` in one transaction as the caller's role, with its claims, as PostgREST does. */
async function asCaller<T>(
	pool: postgres.Sql,
	cache: SchemaCache,
	config: RestConfig,
	caller: Caller,
	req: RestRequest,
	readOnly: boolean,
	work: (tx: postgres.TransactionSql) => Promise<T>
): Promise<T> {
	const settings: [string, string][] = [
		['role', caller.role],
		['request.jwt.claims', JSON.stringify(caller.claims)],
		['request.method', req.method],
		['request.path', req.path],
		[
			'request.headers',
			JSON.stringify(
				Object.fromEntries(
					[...req.headers].filter(([k]) => k !== 'authorization' && k !== 'apikey')
				)
			)
		],
		['search_path', [...new Set([...config.extraSearchPath])].map(ident).join(', ')],
		...(cache.roleSettings.get(caller.role) ?? [])
	];
	const names = settings.map(([n]) => n);
	const values = settings.map(([, v]) => v);
	return (await pool.begin(readOnly ? 'read only' : 'read write', async (tx) => {
		await tx`select set_config(n, v, true) from unnest(${arrayLiteral(names)}::text[], ${arrayLiteral(values)}::text[]) as s(n, v)`;
		return work(tx);
	})) as T;
}

async function read(
	req: RestRequest,
	caller: Caller,
	pool: postgres.Sql,
	cache: SchemaCache,
	config: RestConfig,
	relation: Relation,
	parsed: ParsedRequest
): Promise<RestResponse> {
	const params = new Params();
	const builder = new QueryBuilder(cache, params, parsed.options);
	const scope = tableScope(relation);
	const sql = selectSql(builder, scope, parsed, config, true);
	const rows = await asCaller(pool, cache, config, caller, req, true, (tx) =>
		tx.unsafe(sql, params.values as never[])
	);
	return respond(
		req,
		parsed,
		rows[0] as unknown as ResultRow,
		200,
		parsed.options.get('')?.offset ?? 0,
		true
	);
}

/**
 * The response body, built in SQL over the rows `_r`. CSV is built as PostgREST builds it: a header
 * from the first row's keys, then each row's record text without its parentheses.
 */
function aggregate(accept: MediaType): string {
	if (accept.kind === 'csv') {
		return `(select coalesce(string_agg(k, ','), '') from json_object_keys((array_agg(row_to_json(_r)))[1]) k) || chr(10) || coalesce(string_agg(substring(_r::text, 2, length(_r::text) - 2), chr(10)), '')`;
	}
	const json = `coalesce(json_agg(_r), '[]')`;
	return `${accept.stripNulls ? `json_strip_nulls(${json})` : json}::text`;
}

interface ResultRow {
	body: string;
	n: number | string;
	total?: number | string | null;
}

/** `select count, json body` for a level-0 read over `scope`. */
function selectSql(
	builder: QueryBuilder,
	scope: Scope,
	parsed: ParsedRequest,
	config: RestConfig,
	countable: boolean
): string {
	const root = builder.level('');
	const where = builder.whereFor(scope, parsed.select);
	const whereSql = where.length ? ` where ${where.join(' and ')}` : '';
	let limit = root.limit;
	if (config.maxRows !== null) limit = Math.min(limit ?? Infinity, config.maxRows);
	const fields = builder.selectList(scope, parsed.select).join(', ');
	const order = builder.orderSql(scope, root.order);
	const limits = builder.limitSql(limit === Infinity ? undefined : limit, root.offset);
	const inner = `select ${fields} from ${scope.from} ${scope.alias}${whereSql}${order}${limits}`;
	const total =
		countable && parsed.prefer.count
			? `(select count(*) from ${scope.from} ${scope.alias}${whereSql})`
			: 'null';
	return `select ${total} as total, count(*) as n, ${aggregate(parsed.accept)} as body from (${inner}) _r`;
}

function respond(
	req: RestRequest,
	parsed: ParsedRequest,
	row: ResultRow,
	okStatus: number,
	offset: number,
	isRead: boolean
): RestResponse {
	const n = Number(row.n);
	const total = row.total === null || row.total === undefined ? null : Number(row.total);
	const headers: Record<string, string> = {};
	if (parsed.prefer.applied.length)
		headers['preference-applied'] = parsed.prefer.applied.join(', ');
	let status = okStatus;
	if (isRead) {
		if (total !== null && offset > 0 && offset >= total && n === 0 && total > 0) {
			throw new ApiError(
				416,
				'PGRST103',
				'Requested range not satisfiable',
				`An offset of ${offset} was requested, but there are only ${total} rows.`
			);
		}
		const range = n === 0 ? '*' : `${offset}-${offset + n - 1}`;
		headers['content-range'] = `${range}/${total ?? '*'}`;
		if (total !== null && (offset > 0 || offset + n < total)) status = 206;
	} else headers['content-range'] = `*/${total ?? n}`;
	return body(req, parsed.accept, row.body, n, status, headers);
}

function body(
	req: RestRequest,
	accept: MediaType,
	json: string,
	n: number,
	status: number,
	headers: Record<string, string>
): RestResponse {
	if (accept.kind === 'object') {
		if (n !== 1) {
			throw new ApiError(
				406,
				'PGRST116',
				'Cannot coerce the result to a single JSON object',
				`The result contains ${n} rows`
			);
		}
		const parsed = JSON.parse(json) as unknown[];
		return {
			status,
			headers: { ...headers, 'content-type': 'application/vnd.pgrst.object+json; charset=utf-8' },
			body: req.method === 'HEAD' ? '' : JSON.stringify(parsed[0])
		};
	}
	if (accept.kind === 'csv') {
		return {
			status,
			headers: { ...headers, 'content-type': 'text/csv; charset=utf-8' },
			body: req.method === 'HEAD' ? '' : json
		};
	}
	return {
		status,
		headers: { ...headers, 'content-type': JSON_TYPE },
		body: req.method === 'HEAD' ? '' : json
	};
}

function parseBody(req: RestRequest): unknown {
	if (req.body.trim() === '') return {};
	try {
		return JSON.parse(req.body);
	} catch {
		throw new ApiError(400, 'PGRST102', 'Empty or invalid json');
	}
}

/** Stand for the RETURNING list and the inserted-row test until the caller's privileges are known. */
const RETURNING = '/*pgrst_returning*/';
const INSERTED = '/*pgrst_inserted*/';

async function write(
	req: RestRequest,
	caller: Caller,
	pool: postgres.Sql,
	cache: SchemaCache,
	config: RestConfig,
	relation: Relation,
	parsed: ParsedRequest,
	kind: 'insert' | 'update' | 'delete'
): Promise<RestResponse> {
	const params = new Params();
	const builder = new QueryBuilder(cache, params, parsed.options);
	const table = `${ident(relation.schema)}.${ident(relation.name)}`;
	const target = tableScope(relation);
	let mutation: string;
	if (kind === 'insert') mutation = insertSql(relation, table, parsed, params, parseBody(req));
	else {
		const where = builder.whereFor(target, []);
		const whereSql = where.length ? ` where ${where.join(' and ')}` : '';
		if (kind === 'delete') mutation = `delete from ${table} t0${whereSql} returning ${RETURNING}`;
		else {
			const payload = parseBody(req);
			if (!payload || typeof payload !== 'object' || Array.isArray(payload)) {
				throw new ApiError(400, 'PGRST102', 'Empty or invalid json');
			}
			const cols = checkColumns(relation, Object.keys(payload));
			if (cols.length === 0) mutation = `select t0.* from ${table} t0 where false`;
			else {
				const list = cols.map(ident).join(', ');
				mutation = `update ${table} t0 set (${list}) = (select ${list} from json_populate_record(null::${table}, ${params.add(JSON.stringify(payload), 'json')})) ${whereSql} returning ${RETURNING}`;
			}
		}
	}
	const representation = parsed.prefer.return === 'representation';
	const scope = tableScope(relation, '_m');
	// Rows the write inserted rather than updated (an upsert that only merged answers 200).
	const inserted = kind === 'insert' ? '(select count(*) from _m where pgrst_inserted)' : '0';
	let body = `'[]'`;
	let rows = '_m';
	if (representation) {
		const fields = builder.selectList(scope, parsed.select).join(', ');
		const order = builder.orderSql(scope, builder.level('').order);
		body = aggregate(parsed.accept);
		rows = `(select ${fields} from _m t0${order}) _r`;
	}
	const sql = `with _m as (${mutation}) select count(*) as n, ${inserted} as inserted, ${body} as body from ${rows}`;
	return asCaller(pool, cache, config, caller, req, false, async (tx) => {
		// Like PostgREST, RETURNING carries only columns the caller may read, so a table with
		// column-level SELECT grants can still be written; selecting a column the caller may not
		// read answers 42501, as Postgres does for a plain SELECT of it.
		const readable = await tx<{ name: string | null; whole: boolean }[]>`
			select a.attname::text as name, has_table_privilege(${table}::regclass, 'SELECT') as whole
			from (select ${table}::regclass as rel) r
			left join pg_attribute a on a.attrelid = r.rel and a.attnum > 0 and not a.attisdropped
			  and has_column_privilege(a.attrelid, a.attnum, 'SELECT')
			order by a.attnum`;
		const cols = readable.flatMap((c) => (c.name ? [c.name] : []));
		// xmax = 0 marks a row this statement inserted (an upsert's merged rows answer 200). A view
		// has no xmax, and reading it needs SELECT on the whole table: count every row then.
		const inserted = relation.kind === 'table' && readable[0]?.whole ? '(t0.xmax = 0)' : 'true';
		const returning = cols.length
			? cols.map((c) => `t0.${ident(c)}`).join(', ')
			: '1 as pgrst_none';
		let row: ResultRow & { inserted: number | string };
		try {
			[row] = (await tx.unsafe(
				sql.replaceAll(RETURNING, returning).replaceAll(INSERTED, inserted),
				params.values as never[]
			)) as unknown as (ResultRow & { inserted: number | string })[];
		} catch (e) {
			if ((e as { code?: string }).code === '42703' && cols.length < relation.columns.size)
				throw new ApiError(403, '42501', `permission denied for table ${relation.name}`);
			throw e;
		}
		const n = Number(row.n);
		if (parsed.accept.kind === 'object' && n !== 1) {
			// PostgREST rolls back a write that does not hit exactly one row when one was asked for.
			throw new ApiError(
				406,
				'PGRST116',
				'Cannot coerce the result to a single JSON object',
				`The result contains ${n} rows`
			);
		}
		const merged =
			kind === 'insert' &&
			parsed.prefer.resolution === 'merge-duplicates' &&
			n > 0 &&
			Number(row.inserted) === 0;
		const status = kind === 'insert' ? (merged ? 200 : 201) : representation ? 200 : 204;
		if (!representation) {
			const headers: Record<string, string> = { 'content-range': `*/${n}` };
			if (parsed.prefer.applied.length)
				headers['preference-applied'] = parsed.prefer.applied.join(', ');
			return { status, headers, body: '' };
		}
		return respond(
			req,
			parsed,
			{ ...row, total: parsed.prefer.count ? n : null },
			status,
			0,
			false
		);
	});
}

function checkColumns(relation: Relation, columns: string[]): string[] {
	for (const c of columns) {
		if (!relation.columns.has(c)) {
			throw new ApiError(
				400,
				'PGRST204',
				`Could not find the '${c}' column of '${relation.name}' in the schema cache`
			);
		}
	}
	return columns;
}

function insertSql(
	relation: Relation,
	table: string,
	parsed: ParsedRequest,
	params: Params,
	payload: unknown
): string {
	const rows = Array.isArray(payload) ? payload : [payload];
	if (rows.some((r) => !r || typeof r !== 'object' || Array.isArray(r))) {
		throw new ApiError(400, 'PGRST102', 'Empty or invalid json');
	}
	const objects = rows as Record<string, unknown>[];
	let columns = parsed.columns;
	if (!columns) {
		const first = Object.keys(objects[0] ?? {});
		const same = objects.every((o) => {
			const keys = Object.keys(o);
			return keys.length === first.length && keys.every((k) => first.includes(k));
		});
		if (!same) throw new ApiError(400, 'PGRST102', 'All object keys must match');
		columns = first;
	}
	checkColumns(relation, columns);
	let sql: string;
	if (objects.length === 0) return `select t0.* from ${table} t0 where false`;
	if (columns.length === 0) {
		if (objects.length !== 1) throw new ApiError(400, 'PGRST102', 'All object keys must match');
		sql = `insert into ${table} as t0 default values`;
	} else if (parsed.prefer.missing === 'default') {
		const list = columns.map(ident).join(', ');
		const values = objects.map((o) => {
			const record = params.add(JSON.stringify(o), 'json');
			return `(${columns!.map((c) => (c in o ? `(json_populate_record(null::${table}, ${record})).${ident(c)}` : 'default')).join(', ')})`;
		});
		sql = `insert into ${table} as t0 (${list}) values ${values.join(', ')}`;
	} else {
		const list = columns.map(ident).join(', ');
		sql = `insert into ${table} as t0 (${list}) select ${list} from json_populate_recordset(null::${table}, ${params.add(JSON.stringify(objects), 'json')})`;
	}
	if (parsed.prefer.resolution) {
		const conflict = parsed.onConflict ?? relation.primaryKey;
		checkColumns(relation, conflict);
		if (conflict.length === 0)
			throw new ApiError(
				400,
				'PGRST102',
				'on_conflict is required when the table has no primary key'
			);
		const target = `(${conflict.map(ident).join(', ')})`;
		if (parsed.prefer.resolution === 'ignore-duplicates')
			sql += ` on conflict ${target} do nothing`;
		else {
			const updates = columns.filter((c) => !relation.columns.get(c)?.generated);
			sql += updates.length
				? ` on conflict ${target} do update set ${updates.map((c) => `${ident(c)} = excluded.${ident(c)}`).join(', ')}`
				: ` on conflict ${target} do nothing`;
		}
	}
	// xmax = 0 marks a row this statement inserted (a view has no xmax: count every row).
	return `${sql} returning ${RETURNING}, ${INSERTED} as pgrst_inserted`;
}

/** Picks the overload whose named parameters fit the given arguments (PGRST202 / PGRST203). */
function resolveFunction(
	cache: SchemaCache,
	schema: string,
	name: string,
	given: string[],
	singleObjectPossible: boolean,
	singleObject: boolean
): { fn: DbFunction; whole: boolean } {
	const candidates = cache.functions.get(key(schema, name)) ?? [];
	const single = candidates.filter(
		(f) =>
			f.args.length === 1 &&
			(f.args[0].type === 'json' || f.args[0].type === 'jsonb') &&
			(singleObject || f.args[0].name === '')
	);
	if (single.length === 1 && (singleObject || given.length === 0 || candidates.length === 1)) {
		if (singleObject || single[0].args[0].name === '') return { fn: single[0], whole: true };
	}
	const fits = candidates.filter((f) => {
		const names = f.args.map((a) => a.name);
		return (
			given.every((g) => names.includes(g)) &&
			f.args.every((a) => a.hasDefault || given.includes(a.name))
		);
	});
	if (fits.length === 1) return { fn: fits[0], whole: false };
	const sorted = [...given].sort();
	if (fits.length === 0) {
		let hint: string | null = null;
		if (candidates.length && given.length) {
			const nearest = [...candidates].sort(
				(a, b) => argDistance(a, given) - argDistance(b, given)
			)[0];
			hint = `Perhaps you meant to call the function ${schema}.${name}(${nearest.args.map((a) => a.name).join(', ')})`;
		} else if (!candidates.length) {
			const names = [...cache.functions.keys()]
				.filter((k) => k.startsWith(`${schema}.`))
				.map((k) => k.slice(schema.length + 1));
			const near = closest(name, names);
			if (near) hint = `Perhaps you meant to call the function ${schema}.${near}`;
		}
		const signature = sorted.length
			? `${schema}.${name}(${sorted.join(', ')})`
			: `${schema}.${name} without parameters`;
		throw new ApiError(
			404,
			'PGRST202',
			`Could not find the function ${signature} in the schema cache`,
			`Searched for the function ${schema}.${name}${sorted.length ? ` with parameter${sorted.length > 1 ? 's' : ''} ${sorted.join(', ')}` : ' without parameters'}${singleObjectPossible ? ' or with a single unnamed json/jsonb parameter' : ''}, but no matches were found in the schema cache.`,
			hint
		);
	}
	throw new ApiError(
		300,
		'PGRST203',
		`Could not choose the best candidate function between: ${fits.map((f) => `${schema}.${name}(${f.args.map((a) => `${a.name} => ${a.type}`).join(', ')})`).join(', ')}`,
		null,
		'Try renaming the parameters or the function itself in the database so function overloading can be resolved'
	);
}

async function rpc(
	req: RestRequest,
	caller: Caller,
	pool: postgres.Sql,
	cache: SchemaCache,
	config: RestConfig,
	schema: string,
	name: string
): Promise<RestResponse> {
	const reading = req.method === 'GET' || req.method === 'HEAD';
	if (!reading && req.method !== 'POST')
		throw new ApiError(405, 'PGRST117', `Unsupported HTTP method: ${req.method}`);
	const parsed = parseRequest(req.url, req.headers, reading);
	let args: Record<string, unknown>;
	if (reading) args = Object.fromEntries(parsed.rpcArgs);
	else {
		const payload = parseBody(req);
		if (!payload || typeof payload !== 'object')
			throw new ApiError(400, 'PGRST102', 'Empty or invalid json');
		args = payload as Record<string, unknown>;
	}
	const { fn, whole } = resolveFunction(
		cache,
		schema,
		name,
		Array.isArray(args) ? [] : Object.keys(args),
		!reading,
		parsed.prefer.singleObject
	);
	const params = new Params();
	const fnName = `${ident(fn.schema)}.${ident(fn.name)}`;
	let call: string;
	let from: string;
	if (whole) {
		call = `${fnName}(${params.add(JSON.stringify(args), fn.args[0].type)})`;
		from = '';
	} else {
		const used = fn.args.filter((a) => a.name in args);
		call = `${fnName}(${used.map((a) => `${ident(a.name)} => _a.${ident(a.name)}`).join(', ')})`;
		const record = used.length
			? `${used.map((a) => `${ident(a.name)} ${a.type}`).join(', ')}`
			: '_none int';
		from = ` from json_to_record(${params.add(JSON.stringify(args), 'json')}) as _a(${record})`;
	}
	// GET is read-only; so is a POST to a stable or immutable function (PostgREST does the same).
	const readOnly = reading || fn.volatility !== 'v';
	if (fn.returnColumns) {
		const relation = cache.relations.get(fn.returnType.replace(/"/g, '')) ?? null;
		const scope: Scope = {
			key: relation ? key(relation.schema, relation.name) : key(fn.schema, fn.name),
			name: relation?.name ?? fn.name,
			columns: fn.returnColumns,
			from: `(select _f.*${from || ' from (select 1) _x'}, lateral ${call} _f)`,
			alias: 't0',
			path: ''
		};
		const builder = new QueryBuilder(cache, params, parsed.options);
		const sql = selectSql(builder, scope, parsed, config, true);
		const rows = await asCaller(pool, cache, config, caller, req, readOnly, (tx) =>
			tx.unsafe(sql, params.values as never[])
		);
		const row = rows[0] as unknown as ResultRow;
		if (!fn.returnsSet && parsed.accept.kind === 'array') {
			// A function returning one row answers with an object (or null), not an array.
			const list = JSON.parse(row.body) as unknown[];
			return {
				status: 200,
				headers: { 'content-type': JSON_TYPE },
				body: req.method === 'HEAD' ? '' : JSON.stringify(list[0] ?? null)
			};
		}
		return respond(req, parsed, row, 200, parsed.options.get('')?.offset ?? 0, true);
	}
	const sql = fn.returnsSet
		? `select coalesce(json_agg(_v), '[]')::text as body, count(*) as n from (select ${call} as _v${from}) _s`
		: `select to_json(${call})::text as body, 1 as n${from}`;
	const rows = await asCaller(pool, cache, config, caller, req, readOnly, (tx) =>
		tx.unsafe(sql, params.values as never[])
	);
	const row = rows[0] as unknown as ResultRow;
	if (fn.returnsVoid) return { status: 204, headers: {}, body: '' };
	// A scalar result counts as one row.
	const range = `0-0/${parsed.prefer.count ? 1 : '*'}`;
	return {
		status: 200,
		headers: { 'content-type': JSON_TYPE, 'content-range': range },
		body: req.method === 'HEAD' ? '' : (row.body ?? 'null')
	};
}

/** How far an overload's parameter names are from the given ones (for PGRST202's hint). */
function argDistance(fn: DbFunction, given: string[]): number {
	const names = fn.args.map((a) => a.name);
	return (
		names.filter((n) => !given.includes(n)).length + given.filter((g) => !names.includes(g)).length
	);
}

/** The name in `names` nearest to `wanted`, if it is near enough to be a typo. */
export function closest(wanted: string, names: string[]): string | null {
	let best: string | null = null;
	let bestDistance = Infinity;
	for (const name of names) {
		const d = levenshtein(wanted.toLowerCase(), name.toLowerCase());
		if (d < bestDistance) [best, bestDistance] = [name, d];
	}
	return best !== null && bestDistance <= Math.max(1, Math.floor(wanted.length / 3)) ? best : null;
}

function levenshtein(a: string, b: string): number {
	if (a.length > 64 || b.length > 64) return Infinity;
	let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
	for (let i = 1; i <= a.length; i++) {
		const row = [i];
		for (let j = 1; j <= b.length; j++) {
			row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
		}
		prev = row;
	}
	return prev[b.length];
}
