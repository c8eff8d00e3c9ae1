import { translate } from '$lib/i18n/translate';
import { calendarResponse } from '$lib/server/feed-response';
import * as feedSessions from '$lib/server/feed-sessions';
import type { RequestHandler } from './$types';

/** Every public session of the platform, past 30 days to a year ahead (at most 2000). */
export const GET: RequestHandler = async (event) => {
	const sessions = await feedSessions.listSessions(event.locals.supabase, {
		...feedSessions.feedWindow(new Date())
	});
	return calendarResponse(event, {
		sessions,
		name: translate(event.locals.locale, 'feeds.name.all')
	});
};
