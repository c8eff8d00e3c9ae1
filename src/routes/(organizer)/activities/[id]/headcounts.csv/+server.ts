import { error } from '@sveltejs/kit';
import * as activities from '$lib/server/activities';
import { csvHeaders } from '$lib/server/csv';
import * as signupsAdmin from '$lib/server/signups-admin';
import type { RequestHandler } from './$types';

/** An activity's headcounts as a CSV file: one line a session, counts only. Its organizers only. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const activity = await activities.get(locals.supabase, params.id);
	if (!activity) error(404, 'Not found');
	const headcounts = await signupsAdmin.getHeadcounts(locals.supabase, { activityId: activity.id });
	if ('error' in headcounts) error(headcounts.status === 404 ? 404 : 403, 'Refused');
	const csv = signupsAdmin.headcountsCsv(headcounts.data.rows, {
		locale: locals.locale,
		timeZone: activity.timezone
	});
	const name = `${locals.locale === 'en' ? 'headcounts' : 'tall'}-${activity.slug}.csv`;
	return new Response(csv, { headers: csvHeaders(name) });
};
