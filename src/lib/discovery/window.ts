import { instantToZoned, zonedToInstant } from '$lib/recurrence';
import { parseDate } from '$lib/recurrence/dates';
import type { FilterProblem, Filters } from './filters';

/** The public list is about Norway: its days and weeks are Oslo's. */
export const ZONE = 'Europe/Oslo';
/** How far ahead "upcoming" looks, and the widest window a query may span (the database's too). */
export const UPCOMING_DAYS = 28;
export const MAX_DAYS = 100;

const DAY = 86_400_000;

/** `YYYY-MM-DD` plus `days` (calendar arithmetic, no zone involved). */
export function addDays(date: string, days: number): string {
	return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

const midnight = (date: string) => zonedToInstant(date, '00:00', ZONE);

/**
 * The window of sessions the filters ask for, as instants: from `from` (never before now) to
 * `to` (exclusive), in Oslo's days. A date range wider than MAX_DAYS is cut and reported.
 */
export function windowOf(
	filters: Filters,
	now: Date
): { from: Date; to: Date; problems: FilterProblem[] } {
	const today = instantToZoned(now, ZONE).date;
	const weekday = (new Date(`${today}T12:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
	const nextMonday = addDays(today, 7 - weekday);
	const problems: FilterProblem[] = [];
	let from = now;
	let to: Date;
	switch (filters.when) {
		case 'week':
			to = midnight(nextMonday);
			break;
		case 'nextweek':
			from = midnight(nextMonday);
			to = midnight(addDays(nextMonday, 7));
			break;
		case 'month': {
			const [y, m] = today.split('-').map(Number);
			to = midnight(`${m === 12 ? y + 1 : y}-${String((m % 12) + 1).padStart(2, '0')}-01`);
			break;
		}
		case 'dates': {
			// A real day (2026-02-30 is none: Date.parse takes it, midnight() does not).
			const valid = (d: string) => parseDate(d) !== null;
			const start = valid(filters.from) ? filters.from : today;
			const end = valid(filters.to) ? filters.to : addDays(start, UPCOMING_DAYS - 1);
			from = new Date(Math.max(midnight(start).getTime(), now.getTime()));
			to = midnight(addDays(end, 1));
			if (to.getTime() - from.getTime() > MAX_DAYS * DAY) {
				to = new Date(from.getTime() + MAX_DAYS * DAY);
				problems.push({ field: 'to', key: 'discovery.errors.range' });
			}
			break;
		}
		default:
			to = midnight(addDays(today, UPCOMING_DAYS));
	}
	// An empty or reversed window (a range wholly in the past, or "to" before "from") shows nothing.
	if (to.getTime() <= from.getTime()) to = new Date(from.getTime() + 1);
	return { from, to, problems };
}
