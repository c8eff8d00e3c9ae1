import { zonedToInstant } from '$lib/recurrence';
import { ZONE } from '$lib/discovery/window';
import { dateFormat } from '$lib/date-format';

/** How far ahead the month view may be paged (the sessions exist for a rolling horizon). */
export const MONTHS_AHEAD = 12;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

const pad = (n: number) => String(n).padStart(2, '0');

/** The month `count` months after `month` (`YYYY-MM`; count may be negative). */
export function addMonths(month: string, count: number): string {
	const [y, m] = month.split('-').map(Number);
	const index = y * 12 + (m - 1) + count;
	return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

/**
 * The month the view shows: `param` when it is a `YYYY-MM` from this month up to MONTHS_AHEAD
 * ahead, otherwise this month (`today` is Oslo's `YYYY-MM-DD`). Past months show nothing useful.
 */
export function readMonth(param: string | null, today: string): string {
	const current = today.slice(0, 7);
	if (!param || !MONTH.test(param)) return current;
	return param >= current && param <= addMonths(current, MONTHS_AHEAD) ? param : current;
}

/** Whether the view offers the month before and the month after `month`. */
export function monthNavigation(month: string, today: string) {
	const current = today.slice(0, 7);
	return {
		previous: month > current ? addMonths(month, -1) : null,
		next: month < addMonths(current, MONTHS_AHEAD) ? addMonths(month, 1) : null
	};
}

/** The month's instants in Oslo: from its first midnight to the next month's (exclusive). */
export function monthWindow(month: string): { from: Date; to: Date } {
	return {
		from: zonedToInstant(`${month}-01`, '00:00', ZONE),
		to: zonedToInstant(`${addMonths(month, 1)}-01`, '00:00', ZONE)
	};
}

/**
 * The month as calendar weeks, Monday first: each week is seven `YYYY-MM-DD` dates, or null for
 * the days before the 1st and after the last day (a table row per week).
 */
export function monthGrid(month: string): (string | null)[][] {
	const [y, m] = month.split('-').map(Number);
	const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
	const lead = (new Date(Date.UTC(y, m - 1, 1)).getUTCDay() + 6) % 7; // Monday = 0
	const cells: (string | null)[] = [
		...Array<null>(lead).fill(null),
		...Array.from({ length: days }, (_, i) => `${month}-${pad(i + 1)}`)
	];
	while (cells.length % 7) cells.push(null);
	return Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
}

/** Weekday names, Monday first, short and long (for the table's column headers). */
export function weekdayNames(locale: 'nb' | 'en'): { short: string; long: string }[] {
	const tag = locale === 'en' ? 'en-GB' : 'nb-NO';
	// 2024-01-01 was a Monday.
	return Array.from({ length: 7 }, (_, i) => {
		const date = new Date(Date.UTC(2024, 0, 1 + i, 12));
		const name = (weekday: 'short' | 'long') =>
			dateFormat(tag, { weekday, timeZone: 'UTC' }).format(date).replace(/\.$/, '');
		return { short: name('short'), long: name('long') };
	});
}

/** "november 2026" / "November 2026", capitalised: the table's caption. */
export function monthName(month: string, locale: 'nb' | 'en'): string {
	const text = dateFormat(locale === 'en' ? 'en-GB' : 'nb-NO', {
		month: 'long',
		year: 'numeric',
		timeZone: 'UTC'
	}).format(new Date(`${month}-15T12:00:00Z`));
	return text.charAt(0).toUpperCase() + text.slice(1);
}
