import { error } from '@sveltejs/kit';
import { whatToExpect } from '$lib/components/activities/what-to-expect';
import { localizePath } from '$lib/i18n/locales';
import * as activities from '$lib/server/activities';
import { activityEvents, jsonLdScript } from '$lib/server/json-ld';
import { renderMarkdown } from '$lib/server/markdown';
import { isMoved, ruleStart } from '$lib/server/session-changes';
import type { PageServerLoad } from './$types';

/** Rendered on the server only: the page needs no JavaScript (links, and forms that post). */
export const csr = false;

/**
 * A published (or cancelled) activity as anyone sees it (RLS hides drafts and organizations
 * that are not approved).
 * - `activity`, `organization`: the activity and its organization's public details and contact.
 * - `sessions`: the next dates; `edited` is true only for a session moved away from its rule.
 * - `expect`: "what to expect", message keys derived from the fields and the approaches.
 * - `descriptionHtml`: the organizer's Markdown, sanitised.
 * - `mapUrl`: a plain link to OpenStreetMap's search (no embedded map: no third-party requests).
 * - `organizationPath`: the organization's public page in this language.
 * - `jsonLd`: schema.org Events, one per date, as a safe script element.
 */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const found = await activities.getPublicPage(locals.supabase, { id: params.id });
	if (!found) error(404, 'Not found');
	const { organizations, ...activity } = found.activity;
	const organization = found.organization;
	const sessions = found.sessions.map((s) => ({ ...s, edited: isMoved(s, activity) }));
	const organizationPath = localizePath(`/org/${organization.slug}`, locals.locale);
	const place = [activity.address ?? activity.venue, activity.city].filter(Boolean).join(', ');
	const events = activityEvents({
		activity,
		organization: { name: organization.name, url: new URL(organizationPath, url.origin).href },
		url: url.origin + url.pathname,
		sessions: sessions.map((s) => ({
			...s,
			moved: s.edited,
			planned_start: s.edited ? ruleStart(s, activity) : null
		}))
	});
	void organizations;
	return {
		activity,
		organization,
		sessions,
		expect: whatToExpect(activity, organization.approaches),
		descriptionHtml: renderMarkdown(activity.description),
		mapUrl:
			place && (activity.venue || activity.address)
				? `https://www.openstreetmap.org/search?query=${encodeURIComponent(place)}`
				: null,
		organizationPath,
		jsonLd: events.length > 0 ? jsonLdScript(events) : null
	};
};
