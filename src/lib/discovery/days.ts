import type { Locale } from '$lib/i18n/locales';
import { addDays } from './window';
import { dateFormat } from '$lib/date-format';

/**
 * How a day of the list is headed: `today`, `tomorrow`, or the weekday and date in words
 * ("torsdag 3. desember"; the year only when it is not this year's).
 */
export function dayHeading(
	date: string,
	today: string,
	locale: Locale
): { key: 'today' | 'tomorrow' } | { text: string } {
	if (date === today) return { key: 'today' };
	if (date === addDays(today, 1)) return { key: 'tomorrow' };
	const text = dateFormat(locale === 'en' ? 'en-GB' : 'nb-NO', {
		timeZone: 'UTC',
		weekday: 'long',
		day: 'numeric',
		month: 'long',
		...(date.slice(0, 4) === today.slice(0, 4) ? {} : { year: 'numeric' })
	}).format(new Date(`${date}T12:00:00Z`));
	return { text: text.charAt(0).toUpperCase() + text.slice(1) };
}
