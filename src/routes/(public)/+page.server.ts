import * as activities from '$lib/server/activities';
import * as organizations from '$lib/server/organizations';
import type { PageServerLoad } from './$types';

/**
 * The home page: published activities and approved organizations (RLS hides the rest).
 * - `activities`, `organizations`: the lists, or null when they could not be loaded.
 */
export const load: PageServerLoad = async ({ locals }) => {
	const [activityList, organizationList] = await Promise.allSettled([
		activities.listPublished(locals.supabase),
		organizations.listApproved(locals.supabase)
	]);
	for (const r of [activityList, organizationList]) {
		if (r.status === 'rejected') console.error('home: could not load', r.reason);
	}
	return {
		activities: activityList.status === 'fulfilled' ? activityList.value : null,
		organizations: organizationList.status === 'fulfilled' ? organizationList.value : null
	};
};
