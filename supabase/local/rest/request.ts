import { ApiError, parseError } from './errors.ts';
import {
	OPERATORS,
	parseCondition,
	parseFieldRef,
	parseLogic,
	parseOrder,
	parseSelect,
	type SelectItem
} from './parse.ts';
import type { LevelOptions, Options } from './query.ts';
import type { SchemaCache } from './schema-cache.ts';
import type { RestConfig } from './types.ts';

/** What a request asks for, parsed from its query string and headers. */
export interface ParsedRequest {
	select: SelectItem[];
	options: Options;
	columns?: string[];
	onConflict?: string[];
	/** Query parameters left for a GET /rpc call's arguments. */
	rpcArgs: Map<string, string>;
	prefer: Preferences;
	accept: MediaType;
}

export interface Preferences {
	return: 'minimal' | 'representation' | 'headers-only';
	count?: 'exact' | 'planned' | 'estimated';
	resolution?: 'merge-duplicates' | 'ignore-duplicates';
	missing?: 'default' | 'null';
	singleObject: boolean;
	/** `tx=commit|rollback`, kept only when the configuration lets a request choose (db-tx-end). */
	tx?: 'commit' | 'rollback';
	handling?: 'strict' | 'lenient';
	timezone?: string;
	maxAffected?: number;
	/** Preferences PostgREST does not know (PGRST122 with handling=strict). */
	invalid: string[];
	/** The Preference-Applied header's values, in PostgREST's order. */
	applied: string[];
}

export type MediaType = { kind: 'array' | 'object' | 'csv'; stripNulls: boolean };

const RESERVED = new Set(['select', 'columns', 'on_conflict', 'order', 'limit', 'offset']);

/** `eq.1`, `not.in.(1,2)`, `fts(english).x`: a filter value rather than a plain argument. */
function isOperatorExpression(value: string): boolean {
	const m = /^(?:not\.)?([a-z]+)(?:\([^)]*\))?\./.exec(value);
	return !!m && OPERATORS.has(m[1]);
}

function level(options: Options, path: string): LevelOptions {
	let l = options.get(path);
	if (!l) options.set(path, (l = { filters: [] }));
	return l;
}

function integer(name: string, value: string): number {
	if (name === 'limit' && /^-\d{1,15}$/.test(value)) {
		throw new ApiError(
			416,
			'PGRST103',
			'Requested range not satisfiable',
			'Limit should be greater than or equal to zero.'
		);
	}
	if (!/^\d+$/.test(value)) {
		throw parseError(
			name,
			value,
			`unexpected "${value.replace(/^\d*/, '').slice(0, 1) || value.slice(0, 1)}" expecting digit`,
			1
		);
	}
	// A limit past any real table (limit=1e20) is just "no limit": max_rows still applies.
	return Math.min(Number(value), Number.MAX_SAFE_INTEGER);
}

/** Splits `a.b.col` into the embed path `a.b` and the field `col` (a JSON path may follow it). */
function splitPath(key: string): { path: string; field: string } {
	const arrow = key.indexOf('->');
	const head = arrow < 0 ? key : key.slice(0, arrow);
	const tail = arrow < 0 ? '' : key.slice(arrow);
	const dot = head.lastIndexOf('.');
	return dot < 0
		? { path: '', field: key }
		: { path: head.slice(0, dot), field: head.slice(dot + 1) + tail };
}

/**
 * Reads the query string as PostgREST does. For GET /rpc (`rpc` set), a parameter whose value is
 * not an operator expression is one of the function's arguments rather than a filter.
 */
export function parseRequest(
	url: URL,
	headers: Headers,
	rpc = false,
	preferOptions?: PreferOptions
): ParsedRequest {
	const options: Options = new Map();
	level(options, '');
	let select: SelectItem[] = [{ type: 'star' }];
	let columns: string[] | undefined;
	let onConflict: string[] | undefined;
	const rpcArgs = new Map<string, string>();
	for (const [rawKey, value] of url.searchParams) {
		const k = rawKey.trim();
		if (k === 'select') {
			select = parseSelect(value);
			refuseAggregates(select);
		} else if (k === 'columns')
			columns = value.split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
		else if (k === 'on_conflict') onConflict = value.split(',').map((c) => c.trim());
		else if (
			rpc &&
			!RESERVED.has(k) &&
			!/^(and|or|not\.and|not\.or)$/.test(k) &&
			!isOperatorExpression(value)
		) {
			rpcArgs.set(k, value);
		} else {
			const logic = /^(?:(.+)\.)?(not\.)?(and|or)$/.exec(k);
			if (logic) {
				level(options, logic[1] ?? '').filters.push(
					parseLogic(logic[3] as 'and' | 'or', !!logic[2], value)
				);
				continue;
			}
			const { path, field } = splitPath(k);
			if (RESERVED.has(field) && !field.includes('->')) {
				const l = level(options, path);
				if (field === 'order') l.order = parseOrder(value);
				else if (field === 'limit') l.limit = integer('limit', value);
				else if (field === 'offset') l.offset = integer('offset', value);
				else throw parseError('filter', k, `unexpected "${field}"`);
				continue;
			}
			let ref;
			try {
				ref = parseFieldRef(field);
			} catch (error) {
				throw parseError('tree path', k, (error as Error).message, 1);
			}
			level(options, path).filters.push(parseCondition(ref, value, 'filter'));
		}
	}
	applyRange(headers.get('range'), level(options, ''));
	return {
		select,
		options,
		columns,
		onConflict,
		rpcArgs,
		prefer: parsePrefer(headers, preferOptions),
		accept: parseAccept(headers)
	};
}

/**
 * Aggregates are off on a hosted project (PostgREST's db-aggregates-enabled = false), and this
 * runtime does not implement them: it answers as PostgREST does when they are disabled.
 */
function refuseAggregates(items: SelectItem[]): void {
	for (const item of items) {
		if (item.type === 'aggregate')
			throw new ApiError(400, 'PGRST123', 'Use of aggregate functions is not allowed');
		if (item.type === 'embed') refuseAggregates(item.select);
	}
}

/** `Range: 0-9` (items): combined with limit/offset as PostgREST does. */
function applyRange(range: string | null, root: LevelOptions): void {
	if (!range) return;
	const m = /^(?:items=)?\s*(\d{1,15})-(\d{0,15})\s*$/.exec(range);
	if (!m) return; // PostgREST ignores a Range it cannot read
	const from = Number(m[1]);
	const to = m[2] === '' ? undefined : Number(m[2]);
	if (to !== undefined && to < from) {
		throw new ApiError(416, 'PGRST103', 'Requested range not satisfiable', null);
	}
	root.offset = (root.offset ?? 0) + from;
	if (to !== undefined) root.limit = Math.min(root.limit ?? Infinity, to - from + 1);
}

const PREFERENCES: Record<string, string[]> = {
	resolution: ['merge-duplicates', 'ignore-duplicates'],
	return: ['representation', 'minimal', 'headers-only'],
	params: ['single-object'],
	count: ['exact', 'planned', 'estimated'],
	tx: ['commit', 'rollback'],
	missing: ['default', 'null'],
	handling: ['strict', 'lenient']
};

/** How the runtime is configured to treat a request's choices (PostgREST's db-tx-end). */
export interface PreferOptions {
	txAllowOverride: boolean;
	timezones: ReadonlySet<string>;
}

const DEFAULT_PREFER_OPTIONS: PreferOptions = { txAllowOverride: false, timezones: new Set() };

/**
 * The Prefer header as PostgREST reads it (src/PostgREST/ApiRequest/Preferences.hs, fromHeaders):
 * comma-separated, the first of each kind wins, `tx` only counts when db-tx-end allows an
 * override, `timezone` only with a name Postgres knows, and anything else is an invalid preference
 * (an error only with handling=strict).
 */
export function parsePrefer(
	headers: Headers,
	options: PreferOptions = DEFAULT_PREFER_OPTIONS
): Preferences {
	const prefer: Preferences = {
		return: 'minimal',
		singleObject: false,
		invalid: [],
		applied: []
	};
	const raw = headers.get('prefer') ?? '';
	const chosen = new Map<string, string>();
	let timezone: string | undefined;
	let maxAffected: number | undefined;
	for (const part of raw
		.split(',')
		.map((p) => p.trim())
		.filter(Boolean)) {
		const eq = part.indexOf('=');
		const name = eq < 0 ? part : part.slice(0, eq);
		const value = eq < 0 ? '' : part.slice(eq + 1);
		if (PREFERENCES[name]?.includes(value)) {
			if (!chosen.has(name)) chosen.set(name, value);
		} else if (name === 'timezone' && options.timezones.has(value)) {
			timezone ??= value;
		} else if (name === 'max-affected') {
			// Haskell's readMaybe on an Int64: digits with an optional minus sign.
			if (maxAffected === undefined && /^-?\d{1,18}$/.test(value)) maxAffected = Number(value);
		} else prefer.invalid.push(part);
	}
	const get = (name: string) => chosen.get(name);
	if (get('return')) prefer.return = get('return') as Preferences['return'];
	prefer.count = get('count') as Preferences['count'];
	prefer.resolution = get('resolution') as Preferences['resolution'];
	prefer.missing = get('missing') as Preferences['missing'];
	prefer.singleObject = get('params') === 'single-object';
	prefer.handling = get('handling') as Preferences['handling'];
	if (options.txAllowOverride) prefer.tx = get('tx') as Preferences['tx'];
	prefer.timezone = timezone;
	prefer.maxAffected = maxAffected;
	// Preference-Applied lists them in PostgREST's order (prefAppliedHeader).
	for (const name of ['resolution', 'missing', 'return', 'params', 'count']) {
		if (get(name)) prefer.applied.push(`${name}=${get(name)}`);
	}
	if (prefer.tx) prefer.applied.push(`tx=${prefer.tx}`);
	if (prefer.handling) prefer.applied.push(`handling=${prefer.handling}`);
	if (timezone) prefer.applied.push(`timezone=${timezone}`);
	if (prefer.handling === 'strict' && maxAffected !== undefined)
		prefer.applied.push(`max-affected=${maxAffected}`);
	return prefer;
}

/** PGRST122: unknown preferences are an error when the request asked for handling=strict. */
export function checkStrict(prefer: Preferences): void {
	if (prefer.handling === 'strict' && prefer.invalid.length) {
		throw new ApiError(
			400,
			'PGRST122',
			'Invalid preferences given with handling=strict',
			`Invalid preferences: ${prefer.invalid.join(', ')}`
		);
	}
}

/** PGRST124: with handling=strict, a call or write may not touch more rows than max-affected. */
export function checkMaxAffected(prefer: Preferences, n: number): void {
	if (prefer.handling === 'strict' && prefer.maxAffected !== undefined && n > prefer.maxAffected) {
		throw new ApiError(
			400,
			'PGRST124',
			'Query result exceeds max-affected preference constraint',
			`The query affects ${n} rows`
		);
	}
}

/** What the Prefer header may choose here: tx only where db-tx-end allows an override. */
export function preferOptions(config: RestConfig, cache: SchemaCache): PreferOptions {
	return {
		txAllowOverride: (config.txEnd ?? 'commit').endsWith('allow-override'),
		timezones: cache.timezones
	};
}

/** Content negotiation: JSON array, single JSON object, or CSV (PGRST107 otherwise). */
export function parseAccept(headers: Headers): MediaType {
	const accept = headers.get('accept');
	if (!accept) return { kind: 'array', stripNulls: false };
	for (const candidate of accept.split(',')) {
		const [type, ...params] = candidate.split(';').map((s) => s.trim().toLowerCase());
		const stripNulls = params.includes('nulls=stripped');
		if (type === '*/*' || type === 'application/json' || type === 'application/*')
			return { kind: 'array', stripNulls: false };
		if (type === 'application/vnd.pgrst.array+json') return { kind: 'array', stripNulls };
		if (type === 'application/vnd.pgrst.object+json' || type === 'application/vnd.pgrst.object')
			return { kind: 'object', stripNulls };
		if (type === 'text/csv') return { kind: 'csv', stripNulls: false };
	}
	throw new ApiError(
		406,
		'PGRST107',
		`None of these media types are available: ${accept.split(',').map(toMime).join(', ')}`
	);
}

/**
 * How PostgREST names an Accept entry it cannot serve (src/PostgREST/MediaType.hs, decodeMediaType
 * then toMime). The execution plan type (`application/vnd.pgrst.plan`) is one of them: hosted
 * projects leave db-plan-enabled off, and this runtime does not produce plans.
 */
function toMime(entry: string): string {
	const [type, ...params] = entry.split(';').map((s) => s.trim());
	const t = type.toLowerCase();
	const stripped = params.length === 1 && params[0] === 'nulls=stripped';
	if (t === '') return '*/*';
	if (t === 'application/vnd.pgrst.object+json' || t === 'application/vnd.pgrst.object')
		return `application/vnd.pgrst.object+json${stripped ? ';nulls=stripped' : ''}`;
	if (t === 'application/vnd.pgrst.array+json' || t === 'application/vnd.pgrst.array')
		return stripped ? 'application/vnd.pgrst.array+json;nulls=stripped' : 'application/json';
	const plan = /^application\/vnd\.pgrst\.plan(\+text|\+json)?$/.exec(t);
	if (plan) {
		const format = plan[1] === '+json' ? 'json' : 'text';
		const forParam = params.find((p) => p.startsWith('for='));
		const target = forParam ? toMime(forParam.slice(4).replace(/^"|"$/g, '')) : 'application/json';
		const options = (params.find((p) => p.startsWith('options=')) ?? 'options=')
			.slice(8)
			.split('|');
		const known = ['analyze', 'verbose', 'settings', 'buffers', 'wal'].filter((o) =>
			options.includes(o)
		);
		return `application/vnd.pgrst.plan+${format}; for="${target}"${known.length ? `; options=${known.join('|')}` : ''}`;
	}
	return type;
}
