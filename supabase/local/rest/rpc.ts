import type postgres from 'postgres';
import type { Caller } from '../keys/gateway.ts';
import { ApiError, closest } from './errors.ts';
import { ident, Params, QueryBuilder, type Scope } from './query.ts';
import { respond, runSelect, selectSql, type ResultRow } from './read.ts';
import {
	checkMaxAffected,
	checkStrict,
	parseRequest,
	preferOptions,
	type Preferences
} from './request.ts';
import { key, type DbFunction, type SchemaCache } from './schema-cache.ts';
import { asCaller } from './transaction.ts';
import { JSON_TYPE, type RestConfig, type RestRequest, type RestResponse } from './types.ts';
import { parseBody } from './write.ts';

/** What a POST to /rpc carries (PostgREST reads a raw body for a single unnamed parameter). */
type Body = 'json' | 'text' | 'xml' | 'bytea';

function bodyKind(headers: Headers): Body {
	const type = (headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
	if (type === 'text/plain') return 'text';
	if (type === 'text/xml') return 'xml';
	if (type === 'application/octet-stream') return 'bytea';
	return 'json';
}

const RAW_TYPES: Record<Body, string[]> = {
	json: ['json', 'jsonb'],
	text: ['text'],
	xml: ['xml'],
	bytea: ['bytea']
};

const sameSet = (a: Set<string>, b: Set<string>) =>
	a.size === b.size && [...a].every((x) => b.has(x));

/**
 * Picks the function a call means, as PostgREST does (src/PostgREST/Plan.hs, findProc): an
 * overload whose required parameters are exactly the given keys, less any of its optional ones;
 * otherwise, for a POST, the one function with a single unnamed parameter of the body's type
 * (json/jsonb for JSON, text, xml or bytea for a raw body). More than one fit is PGRST203, none
 * PGRST202. `body` is null for GET.
 */
function resolveFunction(
	cache: SchemaCache,
	schema: string,
	name: string,
	given: string[],
	body: Body | null,
	singleObject: boolean
): { fn: DbFunction; whole: boolean } {
	const candidates = cache.functions.get(key(schema, name)) ?? [];
	if (singleObject && body === 'json') {
		// Prefer: params=single-object (deprecated in PostgREST, still honoured): the one function
		// with a single json/jsonb parameter takes the whole object.
		const single = candidates.filter(
			(f) => f.args.length === 1 && (f.args[0].type === 'json' || f.args[0].type === 'jsonb')
		);
		if (single.length === 1) return { fn: single[0], whole: true };
	}
	const keys = new Set(given);
	const raw = body !== null && body !== 'json';
	const matches = (f: DbFunction) => {
		if (f.args.length === 0) return keys.size === 0 && !raw;
		const required = new Set(f.args.filter((a) => !a.hasDefault).map((a) => a.name));
		const optional = new Set(f.args.filter((a) => a.hasDefault).map((a) => a.name));
		if (optional.size === 0) return sameSet(keys, required);
		if (required.size === 0) return [...keys].every((k) => optional.has(k));
		return sameSet(new Set([...keys].filter((k) => !optional.has(k))), required);
	};
	const singleUnnamed = (f: DbFunction) =>
		body !== null &&
		f.args.length === 1 &&
		f.args[0].name === '' &&
		RAW_TYPES[body].includes(f.args[0].type);
	const named = candidates.filter(matches);
	const fallback = candidates.filter((f) => !matches(f) && singleUnnamed(f));
	const found = named.length ? named : fallback;
	if (found.length === 1) {
		const fn = found[0];
		return { fn, whole: fn.args.length === 1 && fn.args[0].name === '' };
	}
	if (found.length > 1) {
		throw new ApiError(
			300,
			'PGRST203',
			`Could not choose the best candidate function between: ${found.map((f) => `${schema}.${name}(${f.args.map((a) => `${a.name} => ${a.type}`).join(', ')})`).join(', ')}`,
			null,
			'Try renaming the parameters or the function itself in the database so function overloading can be resolved'
		);
	}
	const sorted = [...given].sort();
	if (raw) {
		throw new ApiError(
			404,
			'PGRST202',
			`Could not find the function ${schema}.${name} in the schema cache`,
			`Searched for the function ${schema}.${name} with a single unnamed ${body} parameter, but no matches were found in the schema cache.`
		);
	}
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
		`Searched for the function ${schema}.${name}${sorted.length ? ` with parameter${sorted.length > 1 ? 's' : ''} ${sorted.join(', ')}` : ' without parameters'}${body === 'json' ? ' or with a single unnamed json/jsonb parameter' : ''}, but no matches were found in the schema cache.`,
		hint
	);
}

/** The Preference-Applied header, when any preference was applied. */
function applied(prefer: Preferences): Record<string, string> {
	return prefer.applied.length ? { 'preference-applied': prefer.applied.join(', ') } : {};
}

export async function rpc(
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
	const parsed = parseRequest(req.url, req.headers, reading, preferOptions(config, cache));
	const body = reading ? null : bodyKind(req.headers);
	let args: Record<string, unknown> = {};
	if (reading) args = Object.fromEntries(parsed.rpcArgs);
	else if (body === 'json') {
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
		body,
		parsed.prefer.singleObject
	);
	checkStrict(parsed.prefer);
	if (
		parsed.prefer.handling === 'strict' &&
		parsed.prefer.maxAffected !== undefined &&
		!fn.returnsSet
	) {
		throw new ApiError(
			400,
			'PGRST128',
			'Function must return SETOF or TABLE when max-affected preference is used with handling=strict'
		);
	}
	const params = new Params();
	const fnName = `${ident(fn.schema)}.${ident(fn.name)}`;
	let call: string;
	let from: string;
	if (whole && body === 'bytea') {
		const bytes = req.raw ?? Buffer.from(req.body, 'utf8');
		call = `${fnName}(decode(${params.add(bytes.toString('hex'), 'text')}, 'hex'))`;
		from = '';
	} else if (whole && body !== 'json' && body !== null) {
		call = `${fnName}(${params.add(req.body, body)})`;
		from = '';
	} else if (whole) {
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
	const context = { schema, prefer: parsed.prefer };
	if (fn.returnColumns) {
		const relation = fn.returnRelation ? (cache.relations.get(fn.returnRelation) ?? null) : null;
		const scope: Scope = {
			key: relation ? key(relation.schema, relation.name) : key(fn.schema, fn.name),
			name: relation?.name ?? fn.name,
			columns: fn.returnColumns,
			from: `(select _f.*${from || ' from (select 1) _x'}, lateral ${call} _f)`,
			alias: 't0',
			path: ''
		};
		const builder = new QueryBuilder(cache, params, parsed.options);
		const statement = selectSql(builder, scope, parsed, config, true);
		const row = await asCaller(pool, cache, config, caller, req, readOnly, context, async (tx) => {
			const result = await runSelect(tx, statement, params, parsed, config);
			checkMaxAffected(parsed.prefer, Number(result.n));
			return result;
		});
		if (!fn.returnsSet && parsed.accept.kind === 'array') {
			// A function returning one row answers with an object (or null), not an array.
			const list = JSON.parse(row.body) as unknown[];
			return {
				status: 200,
				headers: { 'content-type': JSON_TYPE, ...applied(parsed.prefer) },
				body: req.method === 'HEAD' ? '' : JSON.stringify(list[0] ?? null)
			};
		}
		return respond(req, parsed, row, 200, parsed.options.get('')?.offset ?? 0, true);
	}
	const sql = fn.returnsSet
		? `select coalesce(json_agg(_v), '[]')::text as body, count(*) as n from (select ${call} as _v${from}) _s`
		: `select to_json(${call})::text as body, 1 as n${from}`;
	const row = await asCaller(pool, cache, config, caller, req, readOnly, context, async (tx) => {
		const [result] = (await tx.unsafe(sql, params.values as never[])) as unknown as ResultRow[];
		checkMaxAffected(parsed.prefer, Number(result.n));
		return result;
	});
	if (fn.returnsVoid) return { status: 204, headers: applied(parsed.prefer), body: '' };
	// A scalar result counts as one row.
	const range = `0-0/${parsed.prefer.count ? 1 : '*'}`;
	return {
		status: 200,
		headers: { 'content-type': JSON_TYPE, 'content-range': range, ...applied(parsed.prefer) },
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
