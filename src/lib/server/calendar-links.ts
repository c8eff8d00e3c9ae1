import { localizePath, type Locale } from '$lib/i18n/locales';
import type { MessageKey } from '$lib/i18n/messages';
import { translate } from '$lib/i18n/translate';
import { instantToZoned } from '$lib/recurrence';

/** `20261201T180000`: the wall clock in `timeZone`, as Google Calendar's `dates` wants it with `ctz`. */
function compact(instant: string, timeZone: string): string {
	const { date, time } = instantToZoned(new Date(instant), timeZone);
	return `${date.replaceAll('-', '')}T${time.replace(':', '')}00`;
}

/** `2026-12-01T17:00:00Z`: Outlook reads an instant with its zone. */
const utc = (instant: string) => new Date(instant).toISOString().replace('.000Z', 'Z');

interface Input {
	activity: { id: string; title: string; category: string; timezone: string };
	discreet: boolean;
	location: string;
	sessions: { id: string; starts_at: string; ends_at: string; status: string }[];
	locale: Locale;
	origin: string;
}

/**
 * "Add to calendar" for an activity page: per date a file, a Google Calendar and an Outlook
 * link; the series as a file and as a subscription (webcal:). Plain links: nothing reaches
 * Google or Microsoft unless the visitor clicks. A discreet organization's title is neutral
 * there too, as in the feeds.
 */
export function calendarLinks(input: Input) {
	const { activity, locale, origin } = input;
	const page = new URL(localizePath(`/activity/${activity.id}`, locale), origin).href;
	const feed = localizePath(`/feeds/activity/${activity.id}.ics`, locale);
	const category = translate(locale, `activity.category.${activity.category}` as MessageKey);
	const title = input.discreet
		? translate(locale, 'feeds.discreetTitle', { category })
		: activity.title;
	const sessions = input.sessions
		.filter((s) => s.status === 'scheduled')
		.map((s) => {
			const google = new URL('https://calendar.google.com/calendar/render');
			google.search = new URLSearchParams({
				action: 'TEMPLATE',
				text: title,
				dates: `${compact(s.starts_at, activity.timezone)}/${compact(s.ends_at, activity.timezone)}`,
				ctz: activity.timezone,
				details: page,
				location: input.location
			}).toString();
			const outlook = new URL('https://outlook.live.com/calendar/0/deeplink/compose');
			outlook.search = new URLSearchParams({
				path: '/calendar/action/compose',
				rru: 'addevent',
				subject: title,
				startdt: utc(s.starts_at),
				enddt: utc(s.ends_at),
				body: page,
				location: input.location
			}).toString();
			return {
				id: s.id,
				starts_at: s.starts_at,
				ics: `${feed}?session=${s.id}`,
				google: google.href,
				outlook: outlook.href
			};
		});
	return {
		series: feed,
		subscribe: `webcal://${new URL(origin).host}${feed}`,
		sessions
	};
}
