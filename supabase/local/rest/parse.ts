import { ApiError, parseError } from './errors.ts';

/** `data->a->>b`: a column and the JSON path applied to it. */
export interface FieldRef {
	column: string;
	path: { arrow: '->' | '->>'; key: string }[];
}

export type SelectItem =
	| { type: 'star' }
	| { type: 'field'; alias?: string; ref: FieldRef; cast?: string }
	| {
			type: 'embed';
			alias?: string;
			relation: string;
			hint?: string;
			inner: boolean;
			spread: boolean;
			select: SelectItem[];
	  }
	/** `count()`, `amount.sum()`: an aggregate function (PostgREST's db-aggregates-enabled). */
	| { type: 'aggregate'; fn: string; alias?: string; ref?: FieldRef };

export interface Condition {
	type: 'condition';
	ref: FieldRef;
	negate: boolean;
	operator: string;
	/** `any`/`all` modifier, or a full-text search configuration. */
	modifier?: 'any' | 'all';
	config?: string;
	value: string;
}

export interface Logic {
	type: 'logic';
	operator: 'and' | 'or';
	negate: boolean;
	children: Filter[];
}

export type Filter = Condition | Logic;

export interface OrderTerm {
	/** Ordering by a to-one embedded resource's column: `order=rel(col).desc`. */
	relation?: string;
	ref: FieldRef;
	descending: boolean;
	nulls?: 'first' | 'last';
}

export const OPERATORS = new Set([
	'eq',
	'neq',
	'gt',
	'gte',
	'lt',
	'lte',
	'like',
	'ilike',
	'match',
	'imatch',
	'in',
	'is',
	'isdistinct',
	'fts',
	'plfts',
	'phfts',
	'wfts',
	'cs',
	'cd',
	'ov',
	'sl',
	'sr',
	'nxr',
	'nxl',
	'adj'
]);

// PostgREST's field names: letters, digits, `_`, `$` and inner spaces, unless double-quoted.
const NAME = /^[\p{L}\p{N}_$][\p{L}\p{N}_$ ]*$/u;
const JSON_KEY = /^[\p{L}\p{N}_$@ ]+$/u;

/** Splits on commas that are not inside (), {}, [] or double quotes. */
export function splitTopLevel(input: string): { part: string; at: number }[] {
	const parts: { part: string; at: number }[] = [];
	let depth = 0;
	let quoted = false;
	let start = 0;
	for (let i = 0; i < input.length; i++) {
		const ch = input[i];
		if (quoted) {
			if (ch === '\\') i++;
			else if (ch === '"') quoted = false;
		} else if (ch === '"') quoted = true;
		else if (ch === '(' || ch === '{' || ch === '[') depth++;
		else if (ch === ')' || ch === '}' || ch === ']') {
			depth--;
			if (depth < 0) throw new SyntaxError(`unexpected "${ch}"|${i + 1}`);
		} else if (ch === ',' && depth === 0) {
			parts.push({ part: input.slice(start, i), at: start });
			start = i + 1;
		}
	}
	if (quoted)
		throw new SyntaxError(`unexpected end of input expecting closing quote|${input.length + 1}`);
	if (depth !== 0)
		throw new SyntaxError(`unexpected end of input expecting ")"|${input.length + 1}`);
	parts.push({ part: input.slice(start), at: start });
	return parts;
}

/** `col`, `"quoted col"`, `col->a->>0`. */
export function parseFieldRef(text: string): FieldRef {
	const t = text.trim();
	let column: string;
	let rest: string;
	if (t.startsWith('"')) {
		const end = t.indexOf('"', 1);
		if (end < 0) throw new SyntaxError('unexpected end of input expecting closing quote');
		column = t.slice(1, end);
		rest = t.slice(end + 1);
	} else {
		const arrow = t.indexOf('->');
		column = arrow < 0 ? t : t.slice(0, arrow);
		rest = arrow < 0 ? '' : t.slice(arrow);
	}
	if (!column || (!t.startsWith('"') && !NAME.test(column))) {
		throw new SyntaxError(
			`unexpected "${column.slice(0, 1) || t.slice(0, 1)}" expecting field name`
		);
	}
	const path: FieldRef['path'] = [];
	const step = /^(->>|->)("([^"]*)"|[^-]+?)(?=->|$)/;
	while (rest) {
		const m = step.exec(rest);
		if (!m) throw new SyntaxError(`unexpected "${rest.slice(0, 1)}" expecting "->"`);
		const key = m[3] ?? m[2];
		if (!key) throw new SyntaxError('unexpected end of input expecting JSON key');
		if (m[3] === undefined && !/^-?\d+$/.test(key) && !JSON_KEY.test(key)) {
			throw new SyntaxError(
				`unexpected "${[...key].find((c) => !JSON_KEY.test(c)) ?? key[0]}" expecting JSON key`
			);
		}
		path.push({ arrow: m[1] as '->' | '->>', key });
		rest = rest.slice(m[0].length);
	}
	return { column, path };
}

const CAST = /^[a-z_][a-z0-9_ ]*(\[\])?$/i;

/** The `select` parameter, as PostgREST's grammar reads it. */
export function parseSelect(input: string): SelectItem[] {
	try {
		return parseSelectList(stripSpaces(input));
	} catch (error) {
		if (!(error instanceof SyntaxError)) throw error;
		const [detail, col] = error.message.split('|');
		throw parseError('select parameter', input, detail, col ? Number(col) : undefined);
	}
}

/** Drops white space outside double quotes (PostgREST ignores it in `select`). */
function stripSpaces(input: string): string {
	let out = '';
	let quoted = false;
	for (const ch of input) {
		if (ch === '"') quoted = !quoted;
		if (quoted || !/\s/.test(ch)) out += ch;
	}
	return out;
}

function parseSelectList(input: string, embedded = false): SelectItem[] {
	// An empty embed, `rel()`, only filters: it adds nothing to the output.
	if (input === '') return embedded ? [] : [{ type: 'star' }];
	return splitTopLevel(input).map(({ part, at }) => {
		if (part === '') throw new SyntaxError(`unexpected "," expecting field name|${at + 1}`);
		return parseSelectItem(part, at);
	});
}

function parseSelectItem(part: string, at: number): SelectItem {
	if (part === '*') return { type: 'star' };
	let text = part;
	let spread = false;
	if (text.startsWith('...')) {
		spread = true;
		text = text.slice(3);
	}
	let alias: string | undefined;
	const aliasMatch = /^("[^"]+"|[^:"()]+):(?!:)/.exec(text);
	if (aliasMatch) {
		alias = aliasMatch[1].replace(/^"|"$/g, '');
		text = text.slice(aliasMatch[0].length);
	}
	const aggregate = /^(?:(.+)\.)?(avg|count|max|min|sum)\(\)(?:::[a-z_][a-z0-9_ ]*)?$/i.exec(text);
	if (aggregate && !spread && (aggregate[1] !== undefined || aggregate[2] === 'count')) {
		const ref = aggregate[1] === undefined ? undefined : parseFieldRef(aggregate[1]);
		return { type: 'aggregate', fn: aggregate[2], alias, ref };
	}
	const open = text.indexOf('(');
	if (open >= 0) {
		if (!text.endsWith(')'))
			throw new SyntaxError(`unexpected "${text.at(-1)}" expecting ")"|${at + part.length}`);
		const head = text.slice(0, open);
		const [relation, ...marks] = head.split('!');
		if (!relation || !NAME.test(relation)) {
			throw new SyntaxError(
				`unexpected "${head.slice(0, 1) || '('}" expecting field name|${at + 1}`
			);
		}
		let hint: string | undefined;
		let inner = false;
		for (const mark of marks) {
			if (mark === 'inner') inner = true;
			else if (mark === 'left') inner = false;
			else if (mark && NAME.test(mark) && hint === undefined) hint = mark;
			else
				throw new SyntaxError(
					`unexpected "${mark.slice(0, 1) || '!'}" expecting embed hint|${at + 1}`
				);
		}
		const select = parseSelectList(text.slice(open + 1, -1), true);
		return { type: 'embed', alias, relation, hint, inner, spread, select };
	}
	if (spread) throw new SyntaxError(`unexpected "${text.slice(0, 1)}" expecting "("|${at + 4}`);
	let cast: string | undefined;
	const castAt = text.indexOf('::');
	if (castAt >= 0) {
		cast = text.slice(castAt + 2);
		text = text.slice(0, castAt);
		if (!CAST.test(cast))
			throw new SyntaxError(`unexpected "${cast.slice(0, 1)}" expecting type name|${at + 1}`);
	}
	return { type: 'field', alias, ref: parseFieldRef(text), cast };
}

/** One filter's value: `[not.]op[(modifier)].value`. */
export function parseCondition(ref: FieldRef, input: string, context: string): Condition {
	let rest = input;
	let negate = false;
	if (rest.startsWith('not.')) {
		negate = true;
		rest = rest.slice(4);
	}
	const m = /^([a-z]+)(?:\(([^)]*)\))?\.([\s\S]*)$/.exec(rest);
	if (!m || !OPERATORS.has(m[1])) {
		throw parseError(context, input, `unexpected "${rest.slice(0, 1)}" expecting operator`, 1);
	}
	const [, operator, paren, value] = m;
	const condition: Condition = { type: 'condition', ref, negate, operator, value };
	if (paren !== undefined) {
		if (paren === 'any' || paren === 'all') condition.modifier = paren;
		else if (
			['fts', 'plfts', 'phfts', 'wfts'].includes(operator) &&
			/^[a-z_][a-z0-9_.]*$/i.test(paren)
		) {
			condition.config = paren;
		} else
			throw parseError(context, input, `unexpected "${paren.slice(0, 1)}" expecting modifier`, 1);
	}
	if (
		operator === 'is' &&
		!['null', 'not_null', 'true', 'false', 'unknown'].includes(value.toLowerCase())
	) {
		throw parseError(
			context,
			input,
			'unexpected value expecting null, not_null, true, false or unknown',
			1
		);
	}
	return condition;
}

/** `or=(a.eq.1,and(b.gt.2,c.is.null))`: a logic tree. */
export function parseLogic(operator: 'and' | 'or', negate: boolean, input: string): Logic {
	const context = 'logic tree';
	if (!input.startsWith('(') || !input.endsWith(')')) {
		throw parseError(context, input, `unexpected "${input.slice(0, 1)}" expecting "("`, 1);
	}
	let items: { part: string; at: number }[];
	try {
		items = splitTopLevel(input.slice(1, -1));
	} catch (error) {
		throw parseError(context, input, String((error as Error).message).split('|')[0], 1);
	}
	const children = items.map(({ part }): Filter => {
		const nested = /^(not\.)?(and|or)(\(.*\))$/s.exec(part);
		if (nested) return parseLogic(nested[2] as 'and' | 'or', !!nested[1], nested[3]);
		const fieldEnd = findFieldEnd(part);
		if (fieldEnd <= 0)
			throw parseError(context, input, `unexpected "${part.slice(0, 1)}" expecting field name`, 1);
		let ref: FieldRef;
		try {
			ref = parseFieldRef(part.slice(0, fieldEnd));
		} catch (error) {
			throw parseError(context, input, (error as Error).message, 1);
		}
		return parseCondition(ref, part.slice(fieldEnd + 1), context);
	});
	if (children.length === 0) throw parseError(context, input, 'unexpected ")" expecting filter', 1);
	return { type: 'logic', operator, negate, children };
}

/** Index of the "." that ends the field name in `field.op.value` (JSON paths may hold dots in quotes). */
function findFieldEnd(part: string): number {
	let quoted = false;
	for (let i = 0; i < part.length; i++) {
		const ch = part[i];
		if (ch === '"') quoted = !quoted;
		else if (ch === '.' && !quoted) return i;
	}
	return -1;
}

/** `order=a.desc.nullslast,b`. */
export function parseOrder(input: string): OrderTerm[] {
	try {
		return splitTopLevel(input).map(({ part, at }) => {
			if (!part) throw new SyntaxError(`unexpected "," expecting field name|${at + 1}`);
			const pieces = part.split('.');
			const modifiers: string[] = [];
			while (
				pieces.length > 1 &&
				['asc', 'desc', 'nullsfirst', 'nullslast'].includes(pieces.at(-1)!)
			) {
				modifiers.unshift(pieces.pop()!);
			}
			const field = pieces.join('.');
			const related = /^([^()]+)\(([^()]+)\)$/.exec(field);
			const term: OrderTerm = related
				? { relation: related[1], ref: parseFieldRef(related[2]), descending: false }
				: { ref: parseFieldRef(field), descending: false };
			for (const modifier of modifiers) {
				if (modifier === 'desc') term.descending = true;
				else if (modifier === 'nullsfirst') term.nulls = 'first';
				else if (modifier === 'nullslast') term.nulls = 'last';
			}
			return term;
		});
	} catch (error) {
		if (error instanceof ApiError) throw error;
		const [detail, col] = String((error as Error).message).split('|');
		throw parseError('order', input, detail, col ? Number(col) : undefined);
	}
}

/** Parses `in.(a,"b,c")` and `{a,b}` list values into their items. */
export function parseList(value: string, open: string, close: string): string[] {
	if (!value.startsWith(open) || !value.endsWith(close)) {
		throw parseError('filter', value, `unexpected "${value.slice(0, 1)}" expecting "${open}"`);
	}
	const inner = value.slice(1, -1);
	if (inner.trim() === '') return [];
	let parts: { part: string; at: number }[];
	try {
		parts = splitTopLevel(inner);
	} catch (error) {
		const [detail, col] = String((error as Error).message).split('|');
		throw parseError('filter', value, detail, Number(col) || 1);
	}
	return parts.map(({ part }) => {
		const p = part.trim();
		return p.startsWith('"') && p.endsWith('"') && p.length >= 2
			? p.slice(1, -1).replace(/\\(.)/g, '$1')
			: p;
	});
}
