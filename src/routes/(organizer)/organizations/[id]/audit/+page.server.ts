import { error } from '@sveltejs/kit';
import * as organizations from '$lib/server/organizations';
import * as signupsAdmin from '$lib/server/signups-admin';
import type { PageServerLoad } from './$types';

/**
 * The organization's read log of attendee lists (who viewed, downloaded or messaged which list,
 * when, how many people), newest first: owners and admins only (the database checks; others get
 * 404, as for the organization page itself).
 */
export const load: PageServerLoad = async ({ locals, params }) => {
	const organization = await organizations.get(locals.supabase, params.id);
	if (!organization) error(404, 'Not found');
	const reads = await signupsAdmin.listReads(locals.supabase, { organizationId: organization.id });
	if ('error' in reads) error(404, 'Not found');
	return { organization: { id: organization.id, name: organization.name }, reads: reads.data };
};
