import { error } from '@sveltejs/kit';
import { whatToExpect } from '$lib/components/activities/what-to-expect';
import { localizePath } from '$lib/i18n/locales';
import * as activities from '$lib/server/activities';
import { calendarLinks } from '$lib/server/calendar-links';
import { activityEvents, jsonLdScript } from '$lib/server/json-ld';
import { renderMarkdown } from '$lib/server/markdown';
import { isMoved, ruleStart } from '$lib/server/session-changes';
import { signupAction } from '$lib/server/signup-action';
import * as signups from '$lib/server/signups';
import type { Actions, PageServerLoad } from './$types';

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
 * - `schedule`: the repeat rule in words ("hver tirsdag kl. 18.00"), or null for a single date.
 * - `jsonLd`: schema.org Events, one per date, as a safe script element.
 * - `calendar`: "add to calendar" links (a file, Google, Outlook per date; the series; webcal:).
 * - `feeds`: the activity's calendar feed and JSON, announced in <head>.
 * - `signup`: what the sign-up form needs — the dates open for sign-up with places left (a
 *   count, never names), and a fresh idempotency key; null when the activity takes none.
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
		signup: await signupOffer(locals, activity, sessions),
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
		schedule: activities.scheduleOf(activity, locals.locale),
		jsonLd: events.length > 0 ? jsonLdScript(events) : null,
		calendar: calendarLinks({
			activity,
			discreet: organization.discreet,
			location: activity.online && !place ? '' : place,
			sessions,
			locale: locals.locale,
			origin: url.origin
		}),
		feeds: {
			ics: localizePath(`/feeds/activity/${activity.id}.ics`, locals.locale),
			json: `/api/v1/activities/${activity.id}`
		}
	};
};

/** The dates one can sign up for now, with places left; null when sign-up is not offered. */
async function signupOffer(
	locals: App.Locals,
	activity: {
		id: string;
		signup_mode: string;
		status: string;
		signup_closes_hours_before: number;
		signup_opens_days_before: number | null;
	},
	sessions: { id: string; starts_at: string; ends_at: string; status: string }[]
) {
	if (activity.signup_mode === 'none' || activity.status !== 'published') return null;
	const places = await signups.placesLeft(locals.supabase, activity.id);
	const now = Date.now();
	const open = (startsAt: string) => {
		const start = Date.parse(startsAt);
		const closes = start - activity.signup_closes_hours_before * 3600_000;
		const opens =
			activity.signup_opens_days_before === null
				? -Infinity
				: start - activity.signup_opens_days_before * 86_400_000;
		return now < closes && now >= opens;
	};
	const series = activity.signup_mode === 'whole_series';
	const first = sessions.find((s) => s.status === 'scheduled');
	const dates = series
		? []
		: sessions
				.filter((s) => s.status === 'scheduled' && open(s.starts_at))
				.map((s) => ({
					...s,
					places_left: places.find((p) => p.session_id === s.id)?.places_left ?? null
				}));
	return {
		key: crypto.randomUUID(),
		series,
		open: series ? !!first && open(first.starts_at) : dates.length > 0,
		seriesPlacesLeft: series ? (places[0]?.places_left ?? null) : null,
		sessions: dates,
		places
	};
}

export const actions: Actions = {
	/** Signs someone up, with no account (src/lib/server/signup-action.ts). */
	signup: signupAction
};
