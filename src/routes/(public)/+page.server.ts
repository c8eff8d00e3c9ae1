import * as organizations from '$lib/server/organizations';
import type { PageServerLoad } from './$types';

/**
 * The home page: approved organizations (RLS hides the rest).
 * - `organizations`: the list, or null when the database could not be reached.
 */
export const load: PageServerLoad = async ({ locals }) => {
	try {
		return { organizations: await organizations.listApproved(locals.supabase) };
	} catch (error) {
		console.error('home: could not list organizations', error);
		return { organizations: null };
	}
};
