/**
 * The recurrence rules the organizer form can express, and their RFC 5545 RRULE form.
 * Deliberately a small subset: anything the form could not show back is refused, not guessed.
 */
import { parseDate } from './dates';
import { RecurrenceError, type RecurrenceErrorCode } from './errors';

/** RFC 5545 weekday codes, Monday first (weeks start on Monday, WKST=MO). */
export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** First to fourth, or last (-1): a fifth weekday is missing from most months. */
export const NTHS = [1, 2, 3, 4, -1] as const;
export type Nth = (typeof NTHS)[number];

export type RuleEnd =
	| { type: 'never' }
	/** Inclusive local date `YYYY-MM-DD`; written as the end of that day in the activity's zone. */
	| { type: 'until'; date: string }
	/** Occurrences counted from the activity's first date. */
	| { type: 'count'; count: number };

/** Every `interval` weeks on the given weekdays (`FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH`). */
export interface WeeklyRule {
	freq: 'weekly';
	interval: number;
	weekdays: Weekday[];
	end: RuleEnd;
}

/** The nth weekday of every month (`FREQ=MONTHLY;BYDAY=2TU`, last Friday: `BYDAY=-1FR`). */
export interface MonthlyRule {
	freq: 'monthly';
	nth: Nth;
	weekday: Weekday;
	end: RuleEnd;
}

export type RecurrenceRule = WeeklyRule | MonthlyRule;

/** Two years of weekly sessions; more is a typo or an attack, and it bounds expansion work. */
export const MAX_COUNT = 1000;
/** Once a year is the rarest weekly rhythm a leisure activity plausibly has. */
export const MAX_INTERVAL = 52;

export function fail(code: RecurrenceErrorCode, message: string, part?: string): never {
	throw new RecurrenceError(code, message, part);
}

export function isWeekday(value: unknown): value is Weekday {
	return (WEEKDAYS as readonly unknown[]).includes(value);
}

/** Rules also arrive as JSON (database, form posts), so fields are checked, not trusted. */
function asRecord(value: unknown): Record<string, unknown> {
	return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function checkEnd(value: unknown): RuleEnd {
	const end = asRecord(value);
	if (end.type === 'never') return { type: 'never' };
	if (end.type === 'until') {
		if (parseDate(end.date) === null) fail('malformed', `Not a date: ${end.date}`, 'UNTIL');
		return { type: 'until', date: end.date as string };
	}
	if (end.type === 'count') {
		const count = end.count as number;
		if (!Number.isInteger(count) || count < 1 || count > MAX_COUNT) {
			fail('out-of-range', `COUNT must be 1–${MAX_COUNT}`, 'COUNT');
		}
		return { type: 'count', count };
	}
	return fail('malformed', 'The end must be never, until or count', 'end');
}

/**
 * Checks a rule from anywhere (form, database JSON) and returns it in canonical form,
 * weekdays Monday-first without repeats, so equal rules serialize to equal strings.
 */
export function validateRule(input: unknown): RecurrenceRule {
	const rule = asRecord(input);
	if (rule.freq !== 'weekly' && rule.freq !== 'monthly') {
		fail('unsupported', `Unsupported frequency: ${String(rule.freq)}`, 'FREQ');
	}
	const end = checkEnd(rule.end);
	if (rule.freq === 'weekly') {
		const interval = rule.interval as number;
		if (!Number.isInteger(interval) || interval < 1 || interval > MAX_INTERVAL) {
			fail('out-of-range', `INTERVAL must be 1–${MAX_INTERVAL}`, 'INTERVAL');
		}
		const days: unknown[] = Array.isArray(rule.weekdays) ? rule.weekdays : [];
		if (days.length === 0 || !days.every(isWeekday)) {
			fail('malformed', 'A weekly rule needs one or more weekdays', 'BYDAY');
		}
		return { freq: 'weekly', interval, weekdays: WEEKDAYS.filter((d) => days.includes(d)), end };
	}
	if (!isWeekday(rule.weekday)) fail('malformed', 'A monthly rule needs a weekday', 'BYDAY');
	if (!(NTHS as readonly unknown[]).includes(rule.nth)) {
		fail('unsupported', 'Only the 1st–4th or last weekday of the month', 'BYDAY');
	}
	return { freq: 'monthly', nth: rule.nth as Nth, weekday: rule.weekday, end };
}
