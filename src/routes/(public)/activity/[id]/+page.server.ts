import { error } from '@sveltejs/kit';
import * as activities from '$lib/server/activities';
import { renderMarkdown } from '$lib/server/markdown';
import type { PageServerLoad } from './$types';

/**
 * A published activity as anyone sees it (RLS hides drafts and pending organizations).
 * - `descriptionHtml`: the organizer's Markdown, sanitised.
 */
export const load: PageServerLoad = async ({ locals, params }) => {
	const activity = await activities.publicActivity(locals.supabase, params.id);
	if (!activity) error(404, 'Not found');
	return { activity, descriptionHtml: renderMarkdown(activity.description) };
};
