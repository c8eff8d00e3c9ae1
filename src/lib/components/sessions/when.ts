import type { Locale } from '$lib/i18n/locales';
import { dateFormat } from '$lib/date-format';

const tag = (locale: Locale) => (locale === 'en' ? 'en-GB' : 'nb-NO');

/** The parts of a date badge (weekday, day, month) in the activity's time zone. */
export function badgeParts(instant: string, locale: Locale, timeZone: string) {
	const part = (options: Intl.DateTimeFormatOptions) =>
		dateFormat(tag(locale), { timeZone, ...options })
			.format(new Date(instant))
			.replace(/\.$/, '');
	return {
		weekday: part({ weekday: 'short' }),
		day: part({ day: 'numeric' }),
		month: part({ month: 'short' })
	};
}

/** The whole date in words, for screen readers and the badge's title ("tirsdag 14. januar 2026"). */
export function longDate(instant: string, locale: Locale, timeZone: string): string {
	return dateFormat(tag(locale), {
		timeZone,
		weekday: 'long',
		day: 'numeric',
		month: 'long',
		year: 'numeric'
	}).format(new Date(instant));
}

/** "18.00–19.30" in Norwegian (the written norm), "18:00–19:30" in English. */
export function timeRange(start: string, end: string, locale: Locale, timeZone: string): string {
	const time = (instant: string) => {
		const parts = dateFormat('en-GB', {
			timeZone,
			hour: '2-digit',
			minute: '2-digit',
			hourCycle: 'h23'
		}).formatToParts(new Date(instant));
		const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
		return `${get('hour')}${locale === 'nb' ? '.' : ':'}${get('minute')}`;
	};
	return `${time(start)}–${time(end)}`;
}
