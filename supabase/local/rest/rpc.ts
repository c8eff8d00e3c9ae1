import type postgres from 'postgres';
import type { Caller } from '../keys/gateway.ts';
import { ApiError, closest } from './errors.ts';
import { ident, Params, QueryBuilder, type Scope } from './query.ts';
import { respond, selectSql, type ResultRow } from './read.ts';
import { parseRequest } from './request.ts';
import { key, type DbFunction, type SchemaCache } from './schema-cache.ts';
import { asCaller } from './transaction.ts';
import { JSON_TYPE, type RestConfig, type RestRequest, type RestResponse } from './types.ts';
import { parseBody } from './write.ts';

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
