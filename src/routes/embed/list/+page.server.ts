import { readFilters } from '$lib/discovery/filters';
import { windowOf } from '$lib/discovery/window';
import * as discovery from '$lib/server/discovery';
import type { PageServerLoad } from './$types';

/**
 * The list embed: the home list's filters (org, category, any other), the first page of dates.
 * - `filters`: what the URL asks for (invalid parts dropped; no paging inside the frame).
 * - `list`: the sessions by Oslo day; null when they could not be loaded.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	const filters = { ...readFilters(url.searchParams).filters, after: '' };
	const window = windowOf(filters, new Date());
	const list = await discovery
		.listUpcoming(locals.supabase, { filters, from: window.from, to: window.to })
		.catch((error) => {
			console.error('embed list: could not load', error);
			return null;
		});
	return { filters, list };
};
