import * as organizations from '$lib/server/organizations';
import type { PageServerLoad } from './$types';

/**
 * - `organizations`: the organizer's organizations with their status and role.
 * - `platformAdmin`: whether to show the approval queue.
 */
export const load: PageServerLoad = async ({ locals }) => ({
	organizations: await organizations.listMine(locals.supabase, String(locals.claims!.sub)),
	platformAdmin: await organizations.isPlatformAdmin(locals.supabase)
});
