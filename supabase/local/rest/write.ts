import type postgres from 'postgres';
import type { Caller } from '../keys/gateway.ts';
import { ApiError } from './errors.ts';
import { ident, Params, QueryBuilder } from './query.ts';
import { checkMaxAffected, type ParsedRequest } from './request.ts';
import { aggregate, respond, tableScope, type ResultRow } from './read.ts';
import type { Relation, SchemaCache } from './schema-cache.ts';
import { asCaller } from './transaction.ts';
import type { RestConfig, RestRequest, RestResponse } from './types.ts';

export function parseBody(req: RestRequest): unknown {
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

export async function write(
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
		let whereSql = where.length ? ` where ${where.join(' and ')}` : '';
		const root = builder.level('');
		if (root.limit !== undefined || root.offset) {
			// A limited update or delete (PostgREST docs: Tables and Views > Limited Update/Delete):
			// only the rows the limit, offset and order pick, found by their ctid.
			const picked = `select t0.ctid from ${table} t0${whereSql}${builder.orderSql(target, root.order)}${builder.limitSql(root.limit, root.offset)}`;
			whereSql = ` where t0.ctid = any(array(${picked}))`;
		}
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
	const context = { schema: relation.schema, prefer: parsed.prefer };
	return asCaller(pool, cache, config, caller, req, false, context, async (tx) => {
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
		// Prefer: max-affected with handling=strict limits updates and deletes (not inserts).
		if (kind !== 'insert') checkMaxAffected(parsed.prefer, n);
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
