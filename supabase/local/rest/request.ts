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
export function parseRequest(url: URL, headers: Headers, rpc = false): ParsedRequest {
	const options: Options = new Map();
	level(options, '');
	let select: SelectItem[] = [{ type: 'star' }];
	let columns: string[] | undefined;
	let onConflict: string[] | undefined;
	const rpcArgs = new Map<string, string>();
	for (const [rawKey, value] of url.searchParams) {
		const k = rawKey.trim();
		if (k === 'select') select = parseSelect(value);
		else if (k === 'columns') columns = value.split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
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
		prefer: parsePrefer(headers),
		accept: parseAccept(headers)
	};
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

export function parsePrefer(headers: Headers): Preferences {
	const prefer: Preferences = { return: 'minimal', singleObject: false, applied: [] };
	const raw = headers.get('prefer') ?? '';
	for (const part of raw
		.split(',')
		.map((p) => p.trim())
		.filter(Boolean)) {
		const [name, value] = part.split('=').map((s) => s.trim());
		if (
			name === 'return' &&
			(value === 'minimal' || value === 'representation' || value === 'headers-only')
		) {
			prefer.return = value;
			prefer.applied.push(part);
		} else if (
			name === 'count' &&
			(value === 'exact' || value === 'planned' || value === 'estimated')
		) {
			prefer.count = value;
			prefer.applied.push(part);
		} else if (
			name === 'resolution' &&
			(value === 'merge-duplicates' || value === 'ignore-duplicates')
		) {
			prefer.resolution = value;
			prefer.applied.push(part);
		} else if (name === 'missing' && (value === 'default' || value === 'null')) {
			prefer.missing = value;
			prefer.applied.push(part);
		} else if (name === 'params' && value === 'single-object') {
			prefer.singleObject = true;
			prefer.applied.push(part);
		}
	}
	return prefer;
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
	throw new ApiError(406, 'PGRST107', `None of these media types are available: ${accept}`);
}
