import { error } from '@sveltejs/kit';
import { localParts } from '$lib/format';
import { csvHeaders } from '$lib/server/csv';
import * as signupsAdmin from '$lib/server/signups-admin';
import type { RequestHandler } from './$types';

/**
 * The attendee list of one session (or `series`) as a CSV file: organizers of the activity with
 * a second factor only (the database checks both), recorded in the read log as an export.
 * Never stored by a browser or proxy; formulas in chosen names are neutralised.
 */
export const GET: RequestHandler = async ({ locals, params }) => {
	const scope = await signupsAdmin.getScope(locals.supabase, {
		activityId: params.id,
		sessionKey: params.sessionId
	});
	if (!scope) error(404, 'Not found');
	const list = await signupsAdmin.listAttendees(locals.supabase, {
		activityId: scope.activity.id,
		sessionId: scope.sessionId,
		purpose: 'export'
	});
	if ('error' in list) error(list.status === 404 ? 404 : 403, 'Refused');
	const { timezone } = scope.activity;
	const day = scope.session
		? localParts(scope.session.starts_at, timezone).date
		: signupsAdmin.SERIES;
	const name = `${locals.locale === 'en' ? 'attendees' : 'deltakere'}-${day}.csv`;
	return new Response(
		signupsAdmin.attendeesCsv(list.data, { locale: locals.locale, timeZone: timezone }),
		{
			headers: csvHeaders(name)
		}
	);
};
