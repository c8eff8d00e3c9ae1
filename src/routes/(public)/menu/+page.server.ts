import * as organizationPages from '$lib/server/organization-pages';
import type { PageServerLoad } from './$types';

/** Rendered on the server only: the page needs no JavaScript. */
export const csr = false;

/**
 * The menu of alternatives (for professionals referring someone): approved organizations grouped
 * by approach, each with its published activities and their dates in the next four weeks.
 * - `groups`: one per approach that has organizations, in the schema's order; an organization
 *   appears under each of its approaches, those naming none under `other`.
 */
export const load: PageServerLoad = async ({ locals }) => {
	const organizations = await organizationPages.listMenu(locals.supabase);
	return { groups: organizationPages.groupByApproach(organizations) };
};
