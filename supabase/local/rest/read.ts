import type postgres from 'postgres';
import type { Caller } from '../keys/gateway.ts';
import { ApiError } from './errors.ts';
import { ident, Params, QueryBuilder, type Scope } from './query.ts';
import type { MediaType, ParsedRequest } from './request.ts';
import { key, type Relation, type SchemaCache } from './schema-cache.ts';
import { asCaller } from './transaction.ts';
import { JSON_TYPE, type RestConfig, type RestRequest, type RestResponse } from './types.ts';

export function tableScope(relation: Relation, from?: string): Scope {
	return {
		key: key(relation.schema, relation.name),
		name: relation.name,
		columns: relation.columns,
		from: from ?? `${ident(relation.schema)}.${ident(relation.name)}`,
		alias: 't0',
		path: ''
	};
}

export async function read(
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
	const statement = selectSql(builder, scope, parsed, config, true);
	const context = { schema: relation.schema, prefer: parsed.prefer };
	const row = await asCaller(pool, cache, config, caller, req, true, context, (tx) =>
		runSelect(tx, statement, params, parsed, config)
	);
	return respond(req, parsed, row, 200, parsed.options.get('')?.offset ?? 0, true);
}

/** A level-0 read: the statement, and where the count comes from (see `withTotal`). */
export interface SelectStatement {
	sql: string;
	/** `from … where …` of the rows counted, and how many bind parameters it uses. */
	count: { from: string; params: number };
}

/** Runs a read and completes its total as `Prefer: count=…` asks. */
export async function runSelect(
	tx: postgres.TransactionSql,
	statement: SelectStatement,
	params: Params,
	parsed: ParsedRequest,
	config: RestConfig
): Promise<ResultRow> {
	const [row] = (await tx.unsafe(
		statement.sql,
		params.values as never[]
	)) as unknown as ResultRow[];
	return withTotal(tx, statement, params, parsed, config, row);
}

/**
 * count=planned takes the planner's row estimate of the count query; count=estimated counts
 * exactly up to max_rows and takes the larger of that and the estimate past it (PostgREST
 * src/PostgREST/Query.hs, resultSetWTotal; docs: Pagination and Count > Planned/Estimated Count).
 */
export async function withTotal(
	tx: postgres.TransactionSql,
	statement: SelectStatement,
	params: Params,
	parsed: ParsedRequest,
	config: RestConfig,
	row: ResultRow
): Promise<ResultRow> {
	const count = parsed.prefer.count;
	if (count !== 'planned' && count !== 'estimated') return row;
	const exact = row.total === null || row.total === undefined ? null : Number(row.total);
	if (count === 'estimated' && (config.maxRows === null || (exact ?? 0) <= config.maxRows))
		return row;
	const [plan] = (await tx.unsafe(
		`explain (format json) select 1 from ${statement.count.from}`,
		params.values.slice(0, statement.count.params) as never[]
	)) as unknown as { 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }[];
	const planned = Number(plan['QUERY PLAN'][0].Plan['Plan Rows']);
	return { ...row, total: count === 'planned' ? planned : Math.max(exact ?? 0, planned) };
}

/**
 * The response body, built in SQL over the rows `_r`. CSV is built as PostgREST builds it: a header
 * from the first row's keys, then each row's record text without its parentheses.
 */
export function aggregate(accept: MediaType): string {
	if (accept.kind === 'csv') {
		return `(select coalesce(string_agg(k, ','), '') from json_object_keys((array_agg(row_to_json(_r)))[1]) k) || chr(10) || coalesce(string_agg(substring(_r::text, 2, length(_r::text) - 2), chr(10)), '')`;
	}
	const json = `coalesce(json_agg(_r), '[]')`;
	return `${accept.stripNulls ? `json_strip_nulls(${json})` : json}::text`;
}

export interface ResultRow {
	body: string;
	n: number | string;
	total?: number | string | null;
}

/** `select count, json body` for a level-0 read over `scope`. */
export function selectSql(
	builder: QueryBuilder,
	scope: Scope,
	parsed: ParsedRequest,
	config: RestConfig,
	countable: boolean
): SelectStatement {
	const root = builder.level('');
	const where = builder.whereFor(scope, parsed.select);
	const whereSql = where.length ? ` where ${where.join(' and ')}` : '';
	const countFrom = `${scope.from} ${scope.alias}${whereSql}`;
	const countParams = builder.params.values.length;
	let limit = root.limit;
	if (config.maxRows !== null) limit = Math.min(limit ?? Infinity, config.maxRows);
	const fields = builder.selectList(scope, parsed.select).join(', ');
	const order = builder.orderSql(scope, root.order);
	const limits = builder.limitSql(limit === Infinity ? undefined : limit, root.offset);
	const inner = `select ${fields} from ${scope.from} ${scope.alias}${whereSql}${order}${limits}`;
	let total = 'null';
	if (countable && parsed.prefer.count === 'exact') total = `(select count(*) from ${countFrom})`;
	else if (countable && parsed.prefer.count === 'estimated') {
		// Counted exactly up to max_rows + 1, so that passing max_rows shows.
		total =
			config.maxRows === null
				? `(select count(*) from ${countFrom})`
				: `(select count(*) from (select 1 from ${countFrom} limit ${config.maxRows + 1}) _c)`;
	}
	return {
		sql: `select ${total} as total, count(*) as n, ${aggregate(parsed.accept)} as body from (${inner}) _r`,
		count: { from: countFrom, params: countParams }
	};
}

export function respond(
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
