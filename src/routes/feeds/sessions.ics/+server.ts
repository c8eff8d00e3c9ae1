import { readFilters } from '$lib/discovery/filters';
import { windowOf } from '$lib/discovery/window';
import { translate } from '$lib/i18n/translate';
import { calendarResponse } from '$lib/server/feed-response';
import * as feedSessions from '$lib/server/feed-sessions';
import { searchWords } from '$lib/server/search-words';
import type { RequestHandler } from './$types';

/**
 * The home list's filters as a feed (`?category=sport&city=Oslo`, the same parameters as the
 * page; `after` is ignored). "Upcoming" (the default) means the whole feed window, not the
 * page's four weeks: a subscription should show what is planned; other `when` values keep the
 * page's window.
 */
export const GET: RequestHandler = async (event) => {
	const { locals, url } = event;
	const { filters } = readFilters(url.searchParams);
	const now = new Date();
	const window =
		filters.when === 'upcoming' ? feedSessions.feedWindow(now) : windowOf(filters, now);
	const sessions = await feedSessions.listSessions(locals.supabase, {
		from: window.from,
		to: window.to,
		organization: filters.org || undefined,
		categories: filters.category,
		attributes: filters.attr,
		city: filters.city,
		online: filters.mode === 'any' ? undefined : filters.mode === 'online',
		words: searchWords(filters.q)
	});
	return calendarResponse(event, {
		sessions,
		name: translate(locals.locale, 'feeds.name.selection')
	});
};
