import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { ICalCalendar, ICalEventStatus } from 'ical-generator';
import type { Database } from '$lib/database.types';
import { localizePath, type Locale } from '$lib/i18n/locales';
import type { MessageKey } from '$lib/i18n/messages';
import { translate } from '$lib/i18n/translate';
import { instantToZoned } from '$lib/recurrence/zoned';

type Row = Database['public']['Functions']['feed_sessions']['Returns'][number];
type Nullable = 'cancel_reason' | 'activity_cancel_reason' | 'venue' | 'address' | 'city';
/** A row of public.feed_sessions (the generated type cannot say which columns may be null). */
export type FeedSession = Omit<Row, Nullable> & { [K in Nullable]: string | null };

/** How long calendars should wait between fetches (RFC 7986 REFRESH-INTERVAL, X-PUBLISHED-TTL). */
const REFRESH_SECONDS = 6 * 3600;

/** The same UID in every feed and file about one session, so a change replaces the event. */
export const sessionUid = (sessionId: string) => `session-${sessionId}@sammen`;

/** Wall clock in the event's zone without an offset (see ical.ts: ical-generator's local getters). */
function wallClock(instant: string, timeZone: string): string {
	const { date, time } = instantToZoned(new Date(instant), timeZone);
	return `${date}T${time}:00`;
}

/** When a session's event last changed: the later of the session's and its activity's change. */
export const lastModified = (s: FeedSession) =>
	new Date(Math.max(Date.parse(s.session_updated_at), Date.parse(s.activity_updated_at)));

/** The newest change among `sessions`, or null for an empty feed. */
export function newest(sessions: FeedSession[]): Date | null {
	let max = 0;
	for (const s of sessions) max = Math.max(max, lastModified(s).getTime());
	return max ? new Date(max) : null;
}

const category = (locale: Locale, s: Pick<FeedSession, 'category'>) =>
	translate(locale, `activity.category.${s.category}` as MessageKey);

/**
 * The title a calendar shows. Discreet organizations get a neutral, category-based one
 * ("Samtalegruppe – Sammen"): a lock screen or a shared calendar shows event titles, and the
 * activity's own title may name what it is about (DESIGN.md: discreet mode).
 */
export function eventTitle(locale: Locale, s: FeedSession): string {
	const title = s.discreet
		? translate(locale, 'feeds.discreetTitle', { category: category(locale, s) })
		: s.title;
	const cancelled = s.session_status === 'cancelled' || s.activity_status === 'cancelled';
	return cancelled ? translate(locale, 'feeds.cancelledTitle', { title }) : title;
}

/** Where: the venue and address, or "online". */
export function eventLocation(locale: Locale, s: FeedSession): string {
	if (s.online && !s.venue && !s.address) return translate(locale, 'feeds.online');
	return [s.venue, s.address, s.city].filter(Boolean).join(', ');
}

/**
 * One calendar of public sessions (RFC 5545 with RFC 7986's NAME and REFRESH-INTERVAL). No
 * METHOD: a subscribed feed is not an iTIP message, and then DTSTAMP is the time the event was
 * last revised (RFC 5545 3.8.7.2), so the same data gives the same bytes and the ETag can be a
 * hash of them. Never any attendee: feeds carry only what the public pages show.
 */
export function buildCalendar(input: {
	sessions: FeedSession[];
	locale: Locale;
	name: string;
	/** The site's origin, for the events' URL back to the activity page. */
	origin: string;
}): string {
	const { locale, origin } = input;
	const calendar = new ICalCalendar({
		prodId: { company: 'Sammen', product: 'Sammen', language: locale.toUpperCase() },
		// ical-generator writes the name as it is: escape it as TEXT (RFC 5545 3.3.11).
		name: input.name.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n'),
		ttl: REFRESH_SECONDS
	});
	// Per-event zone and no calendar-wide zone name (PITFALLS: ical-generator would drop the Z of
	// DTSTAMP); the generator adds one VTIMEZONE per zone used.
	calendar.timezone({ name: null, generator: getVtimezoneComponent });
	for (const s of input.sessions) {
		const url = new URL(localizePath(`/activity/${s.activity_id}`, locale), origin).href;
		const cancelled = s.session_status === 'cancelled' || s.activity_status === 'cancelled';
		const modified = lastModified(s);
		const about = s.discreet ? '' : [s.summary, s.organization_name].filter(Boolean).join('\n');
		calendar.createEvent({
			id: sessionUid(s.session_id),
			sequence: s.sequence,
			stamp: modified,
			lastModified: modified,
			start: wallClock(s.starts_at, s.timezone),
			end: wallClock(s.ends_at, s.timezone),
			timezone: s.timezone,
			summary: eventTitle(locale, s),
			description: [about, url].filter(Boolean).join('\n\n'),
			location: eventLocation(locale, s) || null,
			url,
			categories: [{ name: category(locale, s) }],
			status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED
		});
	}
	// RFC 7986 NAME beside the de-facto X-WR-CALNAME that ical-generator writes: the same
	// (folded) lines with a shorter name, so no line grows past 75 octets.
	return calendar
		.toString()
		.replace(/^X-WR-CALNAME:.*\r\n(?: .*\r\n)*/m, (lines) => `${lines}NAME:${lines.slice(13)}`);
}
