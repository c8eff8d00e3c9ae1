import { redirect } from '@sveltejs/kit';
import { FILTER_PARAMS, filterQuery, readFilters } from '$lib/discovery/filters';
import { windowOf } from '$lib/discovery/window';
import * as discovery from '$lib/server/discovery';
import * as organizations from '$lib/server/organizations';
import type { PageServerLoad } from './$types';

/** The home page renders completely on the server; its filter form is a plain GET. */
export const csr = false;

/**
 * The home page: upcoming public sessions with the filters in the URL, and the organizations.
 * - `deleted`: the visitor has just deleted their account (say it is done).
 * - `filters`: what the URL asks for (invalid parts dropped, odd dates kept and reported).
 * - `problems`: filter fields to correct, with message keys.
 * - `list`: the sessions by Oslo day, the cursor of a later page, whether the match was fuzzy;
 *   null when it could not be loaded.
 * - `window.to`: where the dates shown end, for "the four weeks after".
 * - `cities`, `organizations`: the filters' choices; `organizations.cards` the organizations as
 *   cards while they are few (organizations.ts, `listForHome`), else null: names only. Null
 *   as a whole when they could not be loaded.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	const { filters, problems } = readFilters(url.searchParams);
	// The form sends every field, empty ones too: answer with the short address of the same list
	// (shareable and bookmarkable). Dates to correct stay as typed.
	const canonical = filterQuery(filters);
	const filtered = [...url.searchParams.keys()].some((k) => FILTER_PARAMS.includes(k));
	if (filtered && problems.length === 0 && url.search !== canonical)
		redirect(302, url.pathname + canonical);
	const window = windowOf(filters, new Date());
	const [list, cities, organizationList] = await Promise.allSettled([
		discovery.listUpcoming(locals.supabase, { filters, from: window.from, to: window.to }),
		discovery.listCities(locals.supabase),
		organizations.listForHome(locals.supabase)
	]);
	for (const r of [list, cities, organizationList])
		if (r.status === 'rejected') console.error('home: could not load', r.reason);
	const value = <T>(r: PromiseSettledResult<T>) => (r.status === 'fulfilled' ? r.value : null);
	return {
		filters,
		deleted: url.searchParams.has('deleted'),
		problems: [...problems, ...window.problems],
		list: value(list),
		window: { to: window.to.toISOString() },
		cities: value(cities) ?? [],
		organizations: value(organizationList)
	};
};
