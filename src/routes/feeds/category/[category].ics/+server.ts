import { error } from '@sveltejs/kit';
import { CATEGORIES, type Category } from '$lib/discovery/filters';
import type { MessageKey } from '$lib/i18n/messages';
import { translate } from '$lib/i18n/translate';
import { calendarResponse } from '$lib/server/feed-response';
import * as feedSessions from '$lib/server/feed-sessions';
import type { RequestHandler } from './$types';

/** Every public session of one category (`sport`, `outdoor`, … as in the list's filter). */
export const GET: RequestHandler = async (event) => {
	const { locals, params } = event;
	const category = params.category as Category;
	if (!CATEGORIES.includes(category)) error(404, 'Not found');
	const sessions = await feedSessions.listSessions(locals.supabase, {
		...feedSessions.feedWindow(new Date()),
		categories: [category]
	});
	const label = translate(locals.locale, `activity.category.${category}` as MessageKey);
	return calendarResponse(event, {
		sessions,
		name: translate(locals.locale, 'feeds.name.category', { category: label })
	});
};
