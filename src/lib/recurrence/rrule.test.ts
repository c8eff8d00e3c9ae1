// Fixed dates on purpose: the recurrence module is pure (it never reads the clock; `from` and
// `until` are inputs), so these calendar facts (DST switch days, weekdays, month lengths) stay
// true and the tests never expire. Tests of code that reads now() take their dates from the clock.
import { describe, expect, it } from 'vitest';
import { RecurrenceError, type RecurrenceErrorCode } from './errors';
import type { RecurrenceRule, WeeklyRule } from './rule';
import { parseRRule, toRRule } from './rrule';

const OSLO = 'Europe/Oslo';
const NEVER = { type: 'never' } as const;

/** The code of the RecurrenceError thrown, so an untyped error or no error fails the test. */
function refusal(attempt: () => unknown): RecurrenceErrorCode | string {
	try {
		attempt();
		return 'accepted';
	} catch (error) {
		return error instanceof RecurrenceError ? error.code : `untyped ${String(error)}`;
	}
}

const cases: [RecurrenceRule, string][] = [
	[
		{ freq: 'weekly', interval: 1, weekdays: ['TU', 'TH'], end: { type: 'never' } },
		'FREQ=WEEKLY;BYDAY=TU,TH'
	],
	[
		{ freq: 'weekly', interval: 2, weekdays: ['TU'], end: { type: 'count', count: 6 } },
		'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=6'
	],
	[{ freq: 'monthly', nth: 2, weekday: 'TU', end: { type: 'never' } }, 'FREQ=MONTHLY;BYDAY=2TU'],
	[
		{ freq: 'monthly', nth: -1, weekday: 'FR', end: { type: 'until', date: '2026-12-15' } },
		// End of 15 December in Oslo (+01:00): 23:59:59 local.
		'FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20261215T225959Z'
	],
	[
		{ freq: 'weekly', interval: 1, weekdays: ['MO'], end: { type: 'until', date: '2026-06-30' } },
		// Summer time (+02:00).
		'FREQ=WEEKLY;BYDAY=MO;UNTIL=20260630T215959Z'
	]
];

describe('rule ↔ RRULE', () => {
	it.each(cases)('round-trips %j', (rule, text) => {
		expect(toRRule(rule, OSLO)).toBe(text);
		expect(parseRRule(text, OSLO)).toEqual(rule);
	});

	it('writes weekdays Monday first, once each', () => {
		const rule: RecurrenceRule = {
			freq: 'weekly',
			interval: 1,
			weekdays: ['TH', 'TU', 'TH'],
			end: { type: 'never' }
		};
		expect(toRRule(rule, OSLO)).toBe('FREQ=WEEKLY;BYDAY=TU,TH');
	});

	it('accepts the prefix, lower case, +2TU, WKST=MO and a date-only UNTIL', () => {
		expect(parseRRule('RRULE:freq=weekly;byday=tu;wkst=mo', OSLO)).toMatchObject({
			weekdays: ['TU']
		});
		expect(parseRRule('FREQ=MONTHLY;BYDAY=+2TU', OSLO)).toMatchObject({ nth: 2 });
		expect(parseRRule('FREQ=WEEKLY;BYDAY=TU;UNTIL=20261215', OSLO).end).toEqual({
			type: 'until',
			date: '2026-12-15'
		});
	});

	it('reads a UTC UNTIL as the local date it falls on', () => {
		// 23:00Z on 15 December is already 00:00 on the 16th in Oslo.
		expect(parseRRule('FREQ=WEEKLY;BYDAY=TU;UNTIL=20261215T230000Z', OSLO).end).toEqual({
			type: 'until',
			date: '2026-12-16'
		});
	});
});

describe('parseRRule refusals', () => {
	const refused: [string, RecurrenceErrorCode][] = [
		['FREQ=SECONDLY', 'unsupported'],
		['FREQ=DAILY;COUNT=5', 'unsupported'],
		['FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2', 'unsupported'],
		['FREQ=MONTHLY;BYMONTHDAY=15', 'unsupported'],
		['FREQ=MONTHLY;BYDAY=5TU', 'unsupported'],
		['FREQ=MONTHLY;BYDAY=1TU,3TU', 'unsupported'],
		['FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU', 'unsupported'],
		['FREQ=WEEKLY;BYDAY=2TU', 'unsupported'],
		['FREQ=WEEKLY;BYDAY=TU;WKST=SU', 'unsupported'],
		['FREQ=WEEKLY', 'unsupported'],
		['garbage', 'malformed'],
		['', 'malformed'],
		['FREQ=', 'malformed'],
		['FREQ=FORTNIGHTLY;BYDAY=TU', 'malformed'],
		['FREQ=WEEKLY;BYDAY=XX', 'malformed'],
		['FREQ=WEEKLY;FREQ=WEEKLY;BYDAY=TU', 'malformed'],
		['FREQ=WEEKLY;BYDAY=TU;COUNT=six', 'malformed'],
		['FREQ=WEEKLY;BYDAY=TU;COUNT=6;UNTIL=20261215T225959Z', 'malformed'],
		['FREQ=WEEKLY;BYDAY=TU;UNTIL=2026-12-15', 'malformed'],
		['FREQ=WEEKLY;BYDAY=TU;UNTIL=20261315T000000Z', 'malformed'],
		['FREQ=WEEKLY;BYDAY=TU;X-NAME=1', 'malformed'],
		['FREQ=WEEKLY;BYDAY=TU;COUNT=99999999999999999999999', 'out-of-range'],
		['FREQ=WEEKLY;BYDAY=TU;COUNT=1001', 'out-of-range'],
		['FREQ=WEEKLY;BYDAY=TU;COUNT=0', 'out-of-range'],
		['FREQ=WEEKLY;INTERVAL=0;BYDAY=TU', 'out-of-range'],
		['FREQ=WEEKLY;BYDAY=TU;' + 'X'.repeat(5000), 'malformed']
	];

	it.each(refused)('refuses %s as %s', (text, code) => {
		expect(refusal(() => parseRRule(text, OSLO))).toBe(code);
	});

	it('refuses non-strings and unknown zones with the typed error', () => {
		expect(refusal(() => parseRRule(null as unknown as string, OSLO))).toBe('malformed');
		expect(refusal(() => parseRRule('FREQ=WEEKLY;BYDAY=TU', 'Oslo'))).toBe('invalid-time-zone');
	});

	it('toRRule refuses a rule the form should not have produced', () => {
		const tuesday: WeeklyRule = { freq: 'weekly', interval: 1, weekdays: ['TU'], end: NEVER };
		const count = (n: number) => ({ ...tuesday, end: { type: 'count', count: n } as const });
		expect(refusal(() => toRRule({ ...tuesday, weekdays: [] }, OSLO))).toBe('malformed');
		expect(refusal(() => toRRule({ ...tuesday, interval: 0 }, OSLO))).toBe('out-of-range');
		expect(refusal(() => toRRule(count(1.5), OSLO))).toBe('out-of-range');
	});
});
