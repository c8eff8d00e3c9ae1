import { error } from '@sveltejs/kit';
import * as activities from '$lib/server/activities';
import * as signupsAdmin from '$lib/server/signups-admin';
import type { PageServerLoad } from './$types';

/**
 * An activity's headcounts for reports: per session and in total, counts only (no names, so a
 * password session is enough). They survive the purge of names. 404 for anyone but its organizers.
 */
export const load: PageServerLoad = async ({ locals, params }) => {
	const activity = await activities.get(locals.supabase, params.id);
	if (!activity) error(404, 'Not found');
	const headcounts = await signupsAdmin.getHeadcounts(locals.supabase, { activityId: activity.id });
	if ('error' in headcounts) error(404, 'Not found');
	const { id, title, timezone } = activity;
	return { activity: { id, title, timezone }, ...headcounts.data };
};
