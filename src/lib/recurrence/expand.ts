/**
 * Rule → dated occurrences on wall-clock time: an 18:00 activity is at 18:00 local time on
 * every date, whatever the UTC offset that day.
 */
import { dateParts, formatDate, nthWeekdayOfMonth, parseDate, parseTime, weekdayOf } from './dates';
import { fail, validateRule, WEEKDAYS, type RecurrenceRule } from './rule';
import { checkTimeZone, localDayOf, localToInstant } from './zoned';

export interface ExpandInput {
	/** null: a single-date activity. */
	rule: RecurrenceRule | null;
	/** `YYYY-MM-DD`: the first date the activity may happen; INTERVAL and COUNT start here. */
	firstDate: string;
	/** Local `HH:MM`. */
	startTime: string;
	durationMinutes: number;
	timeZone: string;
	/** Occurrences starting before this instant are left out (they still count for COUNT). */
	from?: Date;
	/** Occurrences starting at or after this instant are left out: the rolling horizon. */
	until: Date;
	/** At most this many occurrences (default 500), so an open-ended rule always stops. */
	limit?: number;
}

export interface Occurrence {
	localDate: string;
	startsAt: Date;
	endsAt: Date;
}

export const DEFAULT_LIMIT = 500;
/** Keeps day arithmetic (±1 day around an instant) inside the range JavaScript dates support. */
const LATEST = Date.UTC(9999, 11, 31);

function instantOf(value: unknown, part: string): number {
	const ms = value instanceof Date ? value.getTime() : NaN;
	if (Number.isNaN(ms)) fail('malformed', `${part} is not a valid instant`, part);
	return Math.min(ms, LATEST);
}

/** Occurrences in order, with startsAt in [from, until), at most `limit` of them. */
export function expand(input: ExpandInput): Occurrence[] {
	const timeZone = checkTimeZone(input.timeZone);
	const first = parseDate(input.firstDate);
	if (first === null) fail('malformed', `Not a date: ${input.firstDate}`, 'firstDate');
	const minutes = parseTime(input.startTime);
	if (minutes === null) fail('malformed', `Not a time: ${input.startTime}`, 'startTime');
	const duration = input.durationMinutes;
	if (!Number.isInteger(duration) || duration < 0) {
		fail('out-of-range', 'durationMinutes must be a whole number ≥ 0', 'durationMinutes');
	}
	const limit = input.limit ?? DEFAULT_LIMIT;
	if (!Number.isInteger(limit) || limit < 0) fail('out-of-range', 'limit must be ≥ 0', 'limit');
	const from = input.from === undefined ? -Infinity : instantOf(input.from, 'from');
	const until = instantOf(input.until, 'until');
	const rule = input.rule === null ? null : validateRule(input.rule);

	const lastDay = rule?.end.type === 'until' ? (parseDate(rule.end.date) as number) : Infinity;
	const maxCount = rule?.end.type === 'count' ? rule.end.count : Infinity;
	// Without COUNT nothing before `from` matters, so start there instead of at firstDate;
	// with COUNT the walk is short anyway (COUNT ≤ MAX_COUNT).
	const startDay = maxCount === Infinity && from > -Infinity ? localDayOf(from, timeZone) : first;

	const out: Occurrence[] = [];
	let seen = 0;
	for (const day of matchingDays(rule, first, startDay)) {
		if (day > lastDay || seen >= maxCount || out.length >= limit) break;
		seen++;
		const startsAt = localToInstant(day, minutes * 60_000, timeZone);
		if (startsAt >= until) break;
		if (startsAt < from) continue;
		out.push({
			localDate: formatDate(day),
			startsAt: new Date(startsAt),
			// Elapsed time, as RFC 5545 DURATION: a 2-hour session is 2 hours even across DST.
			endsAt: new Date(startsAt + duration * 60_000)
		});
	}
	return out;
}

/**
 * Matching local days from `first` on, in order, endless: the caller stops it. `skipTo` lets
 * the walk begin in a later period while keeping the INTERVAL phase anchored at `first`.
 */
function* matchingDays(rule: RecurrenceRule | null, first: number, skipTo: number) {
	if (rule === null) {
		yield first;
	} else if (rule.freq === 'weekly') {
		const offsets = rule.weekdays.map((d) => WEEKDAYS.indexOf(d));
		const step = 7 * rule.interval;
		const firstWeek = first - weekdayOf(first);
		const skipped = Math.max(0, Math.floor((skipTo - firstWeek) / step));
		for (let week = firstWeek + skipped * step; ; week += step) {
			for (const offset of offsets) if (week + offset >= first) yield week + offset;
		}
	} else {
		const start = dateParts(Math.max(first, skipTo));
		const weekday = WEEKDAYS.indexOf(rule.weekday);
		for (let month = start.year * 12 + start.month - 1; ; month++) {
			const day = nthWeekdayOfMonth(Math.floor(month / 12), (month % 12) + 1, weekday, rule.nth);
			if (day >= first) yield day;
		}
	}
}
