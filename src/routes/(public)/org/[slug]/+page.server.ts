import { error } from '@sveltejs/kit';
import * as organizationPages from '$lib/server/organization-pages';
import { isMoved } from '$lib/server/session-changes';
import type { PageServerLoad } from './$types';

/** Rendered on the server only: the page needs no JavaScript. */
export const csr = false;

/**
 * An approved organization's public page (RLS hides the others: they are a 404, like a slug
 * that does not exist). `/org/…`, because `/organizations/[id]` is the organizer dashboard's.
 * - `organization`: who they are, their kind, approaches and contact details.
 * - `activities`: their published activities, each with its next few dates (`edited` is true
 *   only for a moved one), the soonest first.
 */
export const load: PageServerLoad = async ({ locals, params }) => {
	const organization = await organizationPages.getPublic(locals.supabase, params.slug);
	if (!organization) error(404, 'Not found');
	const activities = await organizationPages.listUpcomingActivities(locals.supabase, {
		organizationId: organization.id
	});
	return {
		organization,
		activities: activities.map(({ start_time, ...a }) => ({
			...a,
			sessions: a.sessions.map((s) => ({
				...s,
				edited: isMoved(s, { start_time, timezone: a.timezone })
			}))
		}))
	};
};
