import { error } from '@sveltejs/kit';
import type { MessageKey } from '$lib/i18n/messages';
import { translate } from '$lib/i18n/translate';
import { calendarResponse } from '$lib/server/feed-response';
import * as feedSessions from '$lib/server/feed-sessions';
import type { RequestHandler } from './$types';

/**
 * One activity's dates (the series, to subscribe to), or with `?session=<id>` one date as a
 * file to download. A discreet organization's calendar name is neutral, like its events.
 */
export const GET: RequestHandler = async (event) => {
	const { locals, params, url } = event;
	const activity = await feedSessions.getActivity(locals.supabase, params.id);
	if (!activity) error(404, 'Not found');
	const session = url.searchParams.get('session');
	if (session !== null && !feedSessions.isUuid(session)) error(404, 'Not found');
	const sessions = await feedSessions.listSessions(locals.supabase, {
		...feedSessions.feedWindow(new Date()),
		activity: activity.id,
		session: session ?? undefined
	});
	if (session && sessions.length === 0) error(404, 'Not found');
	const category = translate(locals.locale, `activity.category.${activity.category}` as MessageKey);
	const name = activity.organizations.discreet
		? translate(locals.locale, 'feeds.name.category', { category })
		: translate(locals.locale, 'feeds.name.activity', { title: activity.title });
	return calendarResponse(event, {
		sessions,
		name,
		download: session ? 'sammen.ics' : undefined
	});
};
