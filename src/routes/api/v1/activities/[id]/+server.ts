import * as feedSessions from '$lib/server/feed-sessions';
import { newest } from '$lib/server/feeds';
import * as api from '$lib/server/public-api';
import type { RequestHandler } from './$types';

/** One public activity with its dates (past 30 days to a year ahead). Shape: README, "JSON API". */
export const GET: RequestHandler = (event) =>
	api.guarded(async () => {
		const { locals, url, params } = event;
		const activity = await feedSessions.getActivity(locals.supabase, params.id);
		if (!activity)
			return api.errorResponse({ status: 404, code: 'not_found', message: 'No such activity' });
		const sessions = await feedSessions.listSessions(locals.supabase, {
			...feedSessions.feedWindow(new Date()),
			activity: activity.id
		});
		const { organizations: org } = activity;
		const changed = newest(sessions);
		const updated = Math.max(Date.parse(activity.updated_at), changed?.getTime() ?? 0);
		return api.jsonResponse(
			event.request,
			{
				data: {
					id: activity.id,
					title: activity.title,
					summary: activity.summary,
					category: activity.category,
					attributes: activity.attributes,
					venue: activity.venue,
					address: activity.address,
					city: activity.city,
					online: activity.online,
					time_zone: activity.timezone,
					status: activity.status,
					cancel_reason: activity.cancel_reason,
					signup_mode: activity.signup_mode,
					updated_at: new Date(updated).toISOString(),
					...api.activityLinks(activity.id, url.origin, locals.locale),
					organization: {
						slug: org.slug,
						name: org.name,
						...api.organizationLinks(org.slug, url.origin, locals.locale)
					},
					sessions: sessions.map((s) => api.sessionFields(s, event))
				}
			},
			new Date(updated)
		);
	});

export const OPTIONS: RequestHandler = api.preflight;
