import { instantToZoned } from '$lib/recurrence';

/**
 * schema.org `Event` data for search engines and calendar tools, one per upcoming session, and
 * the one safe way to put it in a page. Visitors' data never appears here: only what the
 * activity page itself shows.
 */

/** An instant as ISO 8601 with the zone's offset at that moment: 2026-12-07T18:00:00+01:00. */
export function isoInZone(instant: string | Date, timeZone: string): string {
	const date = new Date(instant);
	const local = instantToZoned(date, timeZone);
	const sign = local.offsetMinutes < 0 ? '-' : '+';
	const abs = Math.abs(local.offsetMinutes);
	const pad = (n: number) => String(n).padStart(2, '0');
	const seconds = pad(date.getUTCSeconds());
	return `${local.date}T${local.time}:${seconds}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

export interface EventsInput {
	activity: {
		title: string;
		summary: string | null;
		venue: string | null;
		address: string | null;
		city: string | null;
		online: boolean;
		/** A cancelled activity cancels every date. */
		status: string;
		timezone: string;
	};
	organization: { name: string; url: string };
	/** The activity page's absolute address (also the online place: the page says how to join). */
	url: string;
	sessions: {
		starts_at: string;
		ends_at: string;
		status: string;
		moved: boolean;
		/** Where the rule had put a moved session. */
		planned_start?: Date | null;
	}[];
}

const SCHEMA = 'https://schema.org/';

/** One schema.org Event per session. */
export function activityEvents(input: EventsInput): Record<string, unknown>[] {
	const { activity, organization, url } = input;
	const physical = Boolean(activity.venue || activity.address || activity.city);
	const mode = activity.online
		? physical
			? 'MixedEventAttendanceMode'
			: 'OnlineEventAttendanceMode'
		: 'OfflineEventAttendanceMode';
	const places: Record<string, unknown>[] = [];
	if (physical)
		places.push({
			'@type': 'Place',
			name: activity.venue ?? activity.address ?? activity.city,
			address: {
				'@type': 'PostalAddress',
				...(activity.address ? { streetAddress: activity.address } : {}),
				...(activity.city ? { addressLocality: activity.city } : {}),
				addressCountry: 'NO'
			}
		});
	if (activity.online) places.push({ '@type': 'VirtualLocation', url });
	return input.sessions.map((session) => {
		const cancelled = activity.status === 'cancelled' || session.status === 'cancelled';
		const status = cancelled
			? 'EventCancelled'
			: session.moved
				? 'EventRescheduled'
				: 'EventScheduled';
		return {
			'@context': 'https://schema.org',
			'@type': 'Event',
			name: activity.title,
			...(activity.summary ? { description: activity.summary } : {}),
			url,
			startDate: isoInZone(session.starts_at, activity.timezone),
			endDate: isoInZone(session.ends_at, activity.timezone),
			...(status === 'EventRescheduled' && session.planned_start
				? { previousStartDate: isoInZone(session.planned_start, activity.timezone) }
				: {}),
			eventStatus: SCHEMA + status,
			eventAttendanceMode: SCHEMA + mode,
			location: places.length === 1 ? places[0] : places,
			organizer: { '@type': 'Organization', name: organization.name, url: organization.url }
		};
	});
}

/**
 * JSON for a `<script type="application/ld+json">` element. The HTML parser ends a script at
 * the first `</script`, whatever JSON says, so every `<` (and `>`, `&`, and the two line
 * separators JavaScript once refused) becomes a \u escape: still the same JSON, no way out.
 */
export function serializeJsonLd(data: unknown): string {
	return JSON.stringify(data).replace(
		/[<>&\u2028\u2029]/g,
		(c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
	);
}

/** The whole script element, for `{@html}` in a page's head. */
export function jsonLdScript(data: unknown): string {
	return `<script type="application/ld+json">${serializeJsonLd(data)}</script>`;
}
