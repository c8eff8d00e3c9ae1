import type { Locale } from '$lib/i18n/locales';
import { dateFormat } from '$lib/date-format';

const tag = (locale: Locale) => (locale === 'en' ? 'en-GB' : 'nb-NO');

/** A session's date and time in the activity's time zone (the server runs in UTC). */
export function formatWhen(startsAt: string, locale: Locale, timeZone = 'Europe/Oslo'): string {
	return dateFormat(tag(locale), {
		timeZone,
		weekday: 'long',
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		hour: '2-digit',
		minute: '2-digit'
	}).format(new Date(startsAt));
}

/** `YYYY-MM-DD` and `HH:MM` of an instant in a time zone (for the move-session form). */
export function localParts(
	instant: string,
	timeZone = 'Europe/Oslo'
): { date: string; time: string } {
	const parts = Object.fromEntries(
		dateFormat('en-CA', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			hourCycle: 'h23'
		})
			.formatToParts(new Date(instant))
			.map((p) => [p.type, p.value])
	);
	return {
		date: `${parts.year}-${parts.month}-${parts.day}`,
		time: `${parts.hour}:${parts.minute}`
	};
}
