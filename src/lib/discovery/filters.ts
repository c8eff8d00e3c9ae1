import { Constants } from '$lib/database.types';
import { parseDate } from '$lib/recurrence/dates';

export const CATEGORIES = Constants.public.Enums.activity_category;
export const ATTRIBUTES = Constants.public.Enums.activity_attribute;
export const WHENS = ['upcoming', 'week', 'nextweek', 'month', 'dates'] as const;
export const MODES = ['any', 'online', 'inperson'] as const;

export type Category = (typeof CATEGORIES)[number];
export type Attribute = (typeof ATTRIBUTES)[number];
export type When = (typeof WHENS)[number];
export type Mode = (typeof MODES)[number];

/** Every filter of the public list, as the URL holds it (shareable, bookmarkable). */
export interface Filters {
	q: string;
	category: Category[];
	attr: Attribute[];
	org: string;
	city: string;
	when: When;
	from: string;
	to: string;
	mode: Mode;
	/** The last session of the previous page (`<starts_at>_<id>`), for "later sessions". */
	after: string;
}

/** The query parameters that are filters (others, such as `deleted`, are not the list's). */
export const FILTER_PARAMS = [
	'q',
	'category',
	'attr',
	'org',
	'city',
	'when',
	'from',
	'to',
	'mode',
	'after'
];

/** Which field a filter problem belongs to, and its message key (the rest is still applied). */
export type FilterProblem = {
	field: 'from' | 'to';
	key: 'discovery.errors.date' | 'discovery.errors.range';
};

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const AFTER = /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:?\d{2})_[0-9a-f-]{36}$/i;

const pick = <T extends string>(allowed: readonly T[], value: string | null, fallback: T): T =>
	allowed.includes(value as T) ? (value as T) : fallback;

// A day of the calendar, not just its shape: Date.parse takes 2026-02-30 for 2 March, and the
// window's arithmetic then refused it (a 500 found by tests/fuzz).
const isDate = (value: string) => parseDate(value) !== null;

/**
 * Reads the filters from a URL. Unknown values are dropped (a hand-edited or old link still
 * shows a list); dates that are not dates are kept as typed and reported, so the visitor can
 * correct them.
 */
export function readFilters(params: URLSearchParams): {
	filters: Filters;
	problems: FilterProblem[];
} {
	// Postgres text cannot hold a NUL byte: one in the city made the query fail (a 500 found by
	// tests/fuzz); no filter value needs one.
	const text = (name: string, max: number) =>
		(params.get(name) ?? '').replaceAll('\u0000', '').trim().slice(0, max);
	const filters: Filters = {
		q: text('q', 200),
		category: [...new Set(params.getAll('category'))].filter((c): c is Category =>
			CATEGORIES.includes(c as Category)
		),
		attr: [...new Set(params.getAll('attr'))].filter((a): a is Attribute =>
			ATTRIBUTES.includes(a as Attribute)
		),
		org: SLUG.test(text('org', 60)) ? text('org', 60) : '',
		city: text('city', 80),
		when: pick(WHENS, params.get('when'), 'upcoming'),
		from: text('from', 10),
		to: text('to', 10),
		mode: pick(MODES, params.get('mode'), 'any'),
		after: AFTER.test(text('after', 80)) ? text('after', 80) : ''
	};
	const problems: FilterProblem[] = [];
	if (filters.when === 'dates') {
		if (filters.from && !isDate(filters.from))
			problems.push({ field: 'from', key: 'discovery.errors.date' });
		if (filters.to && !isDate(filters.to))
			problems.push({ field: 'to', key: 'discovery.errors.date' });
	}
	return { filters, problems };
}

/** The URL query of `filters` (defaults left out), with `change` applied. */
export function filterQuery(filters: Filters, change: Partial<Filters> = {}): string {
	const f = { ...filters, ...change };
	const params = new URLSearchParams();
	if (f.q) params.set('q', f.q);
	for (const c of f.category) params.append('category', c);
	for (const a of f.attr) params.append('attr', a);
	if (f.org) params.set('org', f.org);
	if (f.city) params.set('city', f.city);
	if (f.when !== 'upcoming') params.set('when', f.when);
	if (f.when === 'dates' && f.from) params.set('from', f.from);
	if (f.when === 'dates' && f.to) params.set('to', f.to);
	if (f.mode !== 'any') params.set('mode', f.mode);
	if (f.after) params.set('after', f.after);
	const query = params.toString();
	return query ? `?${query}` : '';
}

/** Whether anything narrows the list (to offer "show everything" on an empty result). */
export const isFiltered = (f: Filters) =>
	!!(
		f.q ||
		f.category.length ||
		f.attr.length ||
		f.org ||
		f.city ||
		f.when !== 'upcoming' ||
		f.mode !== 'any'
	);
