import { readFilters } from '$lib/discovery/filters';
import { ZONE } from '$lib/discovery/window';
import { monthNavigation, monthWindow, readMonth } from '$lib/embed/month';
import { instantToZoned } from '$lib/recurrence';
import * as discovery from '$lib/server/discovery';
import type { PageServerLoad } from './$types';

/** The most dates one month shows (the database's own ceiling). */
const MONTH_LIMIT = 200;

/**
 * The month embed: a calendar of one month (`month=YYYY-MM`, this month by default or when the
 * value is not a month from now to a year ahead) with the home list's filters.
 * - `month`, `navigation`: the month shown, and the months before and after it that may be shown.
 * - `days`: the month's sessions by Oslo day, from now on; null when they could not be loaded.
 * - `truncated`: the month had more dates than MONTH_LIMIT.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	// The month decides the window: the list's own time filters do not apply here.
	const filters = {
		...readFilters(url.searchParams).filters,
		when: 'upcoming' as const,
		from: '',
		to: '',
		after: ''
	};
	const now = new Date();
	const today = instantToZoned(now, ZONE).date;
	const month = readMonth(url.searchParams.get('month'), today);
	const window = monthWindow(month);
	const from = new Date(Math.max(window.from.getTime(), now.getTime()));
	const list = await discovery
		.listUpcoming(locals.supabase, { filters, from, to: window.to, limit: MONTH_LIMIT })
		.catch((error) => {
			console.error('embed month: could not load', error);
			return null;
		});
	return {
		filters,
		month,
		today,
		navigation: monthNavigation(month, today),
		days: list?.days ?? null,
		truncated: list?.next != null
	};
};
