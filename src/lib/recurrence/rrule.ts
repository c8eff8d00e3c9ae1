/**
 * RRULE text ↔ rule model. Parsing is strict because the text may come from a user or another
 * calendar: every refusal is a RecurrenceError, never a stray TypeError or RangeError.
 */
import { DAY_MS, formatDate, parseDate } from './dates';
import { fail, isWeekday, validateRule, type RecurrenceRule, type RuleEnd } from './rule';
import { checkTimeZone, localDayOf, localToInstant } from './zoned';

/** Far longer than any rule in the subset; refusing early keeps hostile input cheap. */
const MAX_LENGTH = 200;
const OUR_PARTS = ['FREQ', 'INTERVAL', 'BYDAY', 'COUNT', 'UNTIL', 'WKST'];
/** Valid RFC 5545 but outside the subset: 'unsupported' rather than 'malformed'. */
const OTHER_RFC_PARTS = [
	'BYSECOND',
	'BYMINUTE',
	'BYHOUR',
	'BYMONTHDAY',
	'BYYEARDAY',
	'BYWEEKNO',
	'BYMONTH',
	'BYSETPOS'
];
const OTHER_RFC_FREQS = ['SECONDLY', 'MINUTELY', 'HOURLY', 'DAILY', 'YEARLY'];

/** RRULE value (no `RRULE:` prefix); UNTIL becomes the end of that local day in `timeZone`. */
export function toRRule(rule: RecurrenceRule, timeZone: string): string {
	checkTimeZone(timeZone);
	const valid = validateRule(rule);
	const parts = [`FREQ=${valid.freq.toUpperCase()}`];
	if (valid.freq === 'weekly') {
		if (valid.interval > 1) parts.push(`INTERVAL=${valid.interval}`);
		parts.push(`BYDAY=${valid.weekdays.join(',')}`);
	} else {
		parts.push(`BYDAY=${valid.nth}${valid.weekday}`);
	}
	if (valid.end.type === 'count') parts.push(`COUNT=${valid.end.count}`);
	if (valid.end.type === 'until') parts.push(`UNTIL=${untilStamp(valid.end.date, timeZone)}`);
	return parts.join(';');
}

/** The last second before the next local midnight, as `YYYYMMDDTHHMMSSZ`. */
function untilStamp(date: string, timeZone: string): string {
	const nextMidnight = localToInstant((parseDate(date) as number) + 1, 0, timeZone);
	return new Date(nextMidnight - 1000)
		.toISOString()
		.replace(/\.\d{3}/, '')
		.replace(/[-:]/g, '');
}

/** Parses an RRULE (with or without `RRULE:`) into the rule model, or throws RecurrenceError. */
export function parseRRule(text: string, timeZone: string): RecurrenceRule {
	checkTimeZone(timeZone);
	if (typeof text !== 'string' || text.length > MAX_LENGTH) {
		fail('malformed', 'Not a recurrence rule');
	}
	const parts = new Map<string, string>();
	const body = text.trim().replace(/^RRULE:/i, '');
	for (const part of body.split(';')) {
		if (part.trim() === '') continue;
		const match = /^([A-Z-]+)=([A-Z0-9,+-]+)$/i.exec(part.trim());
		if (!match) fail('malformed', `Not NAME=VALUE: ${part}`);
		const name = match[1].toUpperCase();
		if (parts.has(name)) fail('malformed', `${name} given twice`, name);
		if (!OUR_PARTS.includes(name)) {
			const known = OTHER_RFC_PARTS.includes(name);
			fail(known ? 'unsupported' : 'malformed', `${name} is not supported`, name);
		}
		parts.set(name, match[2].toUpperCase());
	}
	const freq = parts.get('FREQ') ?? '';
	if (freq !== 'WEEKLY' && freq !== 'MONTHLY') {
		const known = OTHER_RFC_FREQS.includes(freq);
		fail(known ? 'unsupported' : 'malformed', `Unsupported FREQ: ${freq || '(none)'}`, 'FREQ');
	}
	// Only Monday-start weeks: WKST changes which weeks an INTERVAL=2 rule picks.
	if ((parts.get('WKST') ?? 'MO') !== 'MO') fail('unsupported', 'Weeks start on Monday', 'WKST');
	const end = parseEnd(parts, timeZone);
	const interval = parseNumber(parts.get('INTERVAL') ?? '1', 'INTERVAL');
	const byday = parts.get('BYDAY');
	// Without BYDAY, RFC 5545 repeats on the first date's weekday, which the text alone lacks.
	if (byday === undefined) fail('unsupported', 'BYDAY is required', 'BYDAY');
	const days = byday.split(',');
	// Anything but RFC 5545 weekdays (TU, 2TU, -1FR) is nonsense, not merely unsupported.
	const shapes = days.map((d) => /^([+-]?\d{1,2})?([A-Z]{2})$/.exec(d));
	if (shapes.some((m) => !m || !isWeekday(m[2]))) fail('malformed', `Bad BYDAY: ${byday}`, 'BYDAY');
	if (freq === 'WEEKLY') {
		if (!days.every(isWeekday)) fail('unsupported', 'Weekly BYDAY takes plain weekdays', 'BYDAY');
		return validateRule({ freq: 'weekly', interval, weekdays: days, end });
	}
	if (interval !== 1) fail('unsupported', 'Monthly rules repeat every month', 'INTERVAL');
	const [match] = shapes;
	if (days.length > 1 || !match || match[1] === undefined) {
		fail('unsupported', 'Monthly BYDAY takes one weekday with its week, like 2TU', 'BYDAY');
	}
	// validateRule refuses weeks other than 1–4 and last (-1) as unsupported.
	return validateRule({ freq: 'monthly', nth: Number(match[1]), weekday: match[2], end });
}

function parseNumber(value: string, part: string): number {
	if (!/^\d+$/.test(value)) fail('malformed', `${part} must be a whole number`, part);
	// Huge digit strings become huge numbers, which validateRule refuses as out-of-range.
	return Number(value);
}

function parseEnd(parts: Map<string, string>, timeZone: string): RuleEnd {
	const count = parts.get('COUNT');
	const until = parts.get('UNTIL');
	if (count !== undefined && until !== undefined) {
		fail('malformed', 'COUNT and UNTIL cannot both be given', 'UNTIL');
	}
	if (count !== undefined) return { type: 'count', count: parseNumber(count, 'COUNT') };
	if (until !== undefined) return { type: 'until', date: parseUntil(until, timeZone) };
	return { type: 'never' };
}

/** UTC form → the local date it falls on; the DATE form is taken as the local date itself. */
function parseUntil(value: string, timeZone: string): string {
	const match = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z)?$/.exec(value);
	const day = match && parseDate(`${match[1]}-${match[2]}-${match[3]}`);
	if (!match || day === null) fail('malformed', `UNTIL is not YYYYMMDDTHHMMSSZ: ${value}`, 'UNTIL');
	if (match[4] === undefined) return formatDate(day);
	const [hours, minutes, seconds] = [Number(match[4]), Number(match[5]), Number(match[6])];
	// Second 60 is a leap second in RFC 5545; it still belongs to the same day.
	if (hours > 23 || minutes > 59 || seconds > 60) {
		fail('malformed', `UNTIL has an impossible time: ${value}`, 'UNTIL');
	}
	const ms = day * DAY_MS + ((hours * 60 + minutes) * 60 + Math.min(seconds, 59)) * 1000;
	return formatDate(localDayOf(ms, timeZone));
}
