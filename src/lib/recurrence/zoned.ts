/**
 * Time-zone arithmetic on Node's built-in Intl, so the module needs no Temporal polyfill.
 * Intl only converts instant → wall clock; the reverse is solved by trying the offsets in force
 * a day before and a day after, since real zones never change offset twice within two days.
 */
import { DAY_MS, dayNumber, formatDate, parseDate, parseTime } from './dates';
import { RecurrenceError } from './errors';
import { dateFormat } from '../date-format';

function formatter(timeZone: string): Intl.DateTimeFormat {
	try {
		// Kept by dateFormat (bounded: zone names are case-insensitive, so a hostile caller could
		// mint endless keys).
		return dateFormat('en-US', {
			timeZone,
			// h23: some engines print midnight as 24:00 with hour12: false.
			hourCycle: 'h23',
			era: 'short',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric'
		});
	} catch {
		throw new RecurrenceError('invalid-time-zone', `Unknown time zone: ${timeZone}`, 'timeZone');
	}
}

/** Throws the typed error for an unknown zone before any arithmetic is attempted. */
export function checkTimeZone(timeZone: unknown): string {
	if (typeof timeZone !== 'string' || timeZone === '') {
		throw new RecurrenceError('invalid-time-zone', 'Time zone missing', 'timeZone');
	}
	formatter(timeZone);
	return timeZone;
}

/** The wall clock at an instant, as milliseconds of a UTC clock showing the same reading. */
function wallClock(instant: number, timeZone: string): number {
	const fields: Record<string, string> = {};
	for (const part of formatter(timeZone).formatToParts(instant)) fields[part.type] = part.value;
	const year = fields.era === 'BC' ? 1 - Number(fields.year) : Number(fields.year);
	const day = dayNumber(year, Number(fields.month), Number(fields.day));
	return (
		day * DAY_MS +
		((Number(fields.hour) * 60 + Number(fields.minute)) * 60 + Number(fields.second)) * 1000
	);
}

/** Offset from UTC in milliseconds at an instant (Europe/Oslo: +1 h winter, +2 h summer). */
export function offsetAt(instant: number, timeZone: string): number {
	const whole = Math.floor(instant / 1000) * 1000;
	return wallClock(whole, timeZone) - whole;
}

/**
 * The instant of a local day and time (ms after midnight) in a zone, per RFC 5545 §3.3.5:
 * an ambiguous time (fall back) is the first occurrence; a time in the gap (spring forward)
 * uses the offset before the gap, so 02:30 becomes 03:30 — the same as Temporal's 'compatible'.
 */
export function localToInstant(day: number, msOfDay: number, timeZone: string): number {
	const wall = day * DAY_MS + msOfDay;
	const before = offsetAt(wall - DAY_MS, timeZone);
	const after = offsetAt(wall + DAY_MS, timeZone);
	const valid = [wall - before, wall - after].filter((t) => t + offsetAt(t, timeZone) === wall);
	return valid.length > 0 ? Math.min(...valid) : wall - before;
}

/** The local calendar day (day number) of an instant. */
export function localDayOf(instant: number, timeZone: string): number {
	return Math.floor(wallClock(instant, timeZone) / DAY_MS);
}

export interface ZonedDateTime {
	/** `YYYY-MM-DD` */
	date: string;
	/** `HH:MM` */
	time: string;
	/** Minutes ahead of UTC: 60 in Oslo winter, 120 in summer. */
	offsetMinutes: number;
}

/** A local date and `HH:MM` in a zone → the UTC instant (see localToInstant for DST rules). */
export function zonedToInstant(date: string, time: string, timeZone: string): Date {
	const day = parseDate(date);
	if (day === null) throw new RecurrenceError('malformed', `Not a date: ${date}`, 'date');
	const minutes = parseTime(time);
	if (minutes === null) throw new RecurrenceError('malformed', `Not a time: ${time}`, 'time');
	return new Date(localToInstant(day, minutes * 60_000, checkTimeZone(timeZone)));
}

/** A UTC instant → its local date, time and offset in a zone. */
export function instantToZoned(instant: Date, timeZone: string): ZonedDateTime {
	const ms = instant instanceof Date ? instant.getTime() : NaN;
	if (Number.isNaN(ms)) throw new RecurrenceError('malformed', 'Not a valid instant', 'instant');
	const wall = wallClock(ms, checkTimeZone(timeZone));
	const minutes = Math.floor((((wall % DAY_MS) + DAY_MS) % DAY_MS) / 60_000);
	const pad = (n: number) => String(n).padStart(2, '0');
	return {
		date: formatDate(Math.floor(wall / DAY_MS)),
		time: `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`,
		offsetMinutes: Math.round(offsetAt(ms, timeZone) / 60_000)
	};
}
