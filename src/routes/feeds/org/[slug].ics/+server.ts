import { error } from '@sveltejs/kit';
import { translate } from '$lib/i18n/translate';
import { calendarResponse } from '$lib/server/feed-response';
import * as feedSessions from '$lib/server/feed-sessions';
import type { RequestHandler } from './$types';

/** An approved organization's public sessions; a discreet one's calendar is just "Sammen". */
export const GET: RequestHandler = async (event) => {
	const { locals, params } = event;
	// Both at once: feed_sessions shows only approved organizations' dates, so an unknown slug
	// gives none, and the answer is a 404 all the same.
	const [organization, sessions] = await Promise.all([
		feedSessions.getOrganization(locals.supabase, params.slug),
		feedSessions.listSessions(locals.supabase, {
			...feedSessions.feedWindow(new Date()),
			organization: params.slug
		})
	]);
	if (!organization) error(404, 'Not found');
	const name = organization.discreet
		? translate(locals.locale, 'feeds.name.discreet')
		: translate(locals.locale, 'feeds.name.organization', { name: organization.name });
	return calendarResponse(event, { sessions, name });
};
