// Fixed dates on purpose: the recurrence module is pure (it never reads the clock; `from` and
// `until` are inputs), so these calendar facts (DST switch days, weekdays, month lengths) stay
// true and the tests never expire. Tests of code that reads now() take their dates from the clock.
import { describe, expect, it } from 'vitest';
import { describeRule, type DescribeLocale } from './describe';
import { RecurrenceError } from './errors';
import type { RecurrenceRule, RuleEnd, Weekday } from './rule';

const OSLO = 'Europe/Oslo';
const NEVER: RuleEnd = { type: 'never' };
const weekly = (weekdays: Weekday[], interval = 1, end: RuleEnd = NEVER): RecurrenceRule => ({
	freq: 'weekly',
	interval,
	weekdays,
	end
});
const say = (locale: DescribeLocale, rule: RecurrenceRule, startTime?: string) =>
	describeRule(rule, { locale, timeZone: OSLO, startTime });

describe('describeRule', () => {
	const cases: [RecurrenceRule, string | undefined, string, string][] = [
		[
			weekly(['TU', 'TH']),
			'18:00',
			'Hver tirsdag og torsdag kl. 18:00',
			'Every Tuesday and Thursday at 18:00'
		],
		[
			weekly(['TU'], 2),
			'18:00',
			'Annenhver uke på tirsdag kl. 18:00',
			'Every other week on Tuesday at 18:00'
		],
		[
			weekly(['TU', 'TH'], 2),
			undefined,
			'Annenhver uke på tirsdag og torsdag',
			'Every other week on Tuesday and Thursday'
		],
		[
			weekly(['MO', 'WE', 'FR'], 3),
			'07:30',
			'Hver 3. uke på mandag, onsdag og fredag kl. 07:30',
			'Every 3 weeks on Monday, Wednesday and Friday at 07:30'
		],
		[
			weekly(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']),
			'08:00',
			'Hver dag kl. 08:00',
			'Every day at 08:00'
		],
		[
			{ freq: 'monthly', nth: 2, weekday: 'TU', end: NEVER },
			'19:00',
			'Andre tirsdag i måneden kl. 19:00',
			'Second Tuesday of the month at 19:00'
		],
		[
			{ freq: 'monthly', nth: -1, weekday: 'FR', end: NEVER },
			undefined,
			'Siste fredag i måneden',
			'Last Friday of the month'
		],
		[
			weekly(['TU'], 1, { type: 'until', date: '2026-12-15' }),
			'18:00',
			'Hver tirsdag kl. 18:00, til og med 15. desember 2026',
			'Every Tuesday at 18:00, until 15 December 2026'
		],
		[
			weekly(['WE'], 1, { type: 'count', count: 6 }),
			'18:00',
			'Hver onsdag kl. 18:00, 6 ganger',
			'Every Wednesday at 18:00, 6 times'
		],
		[
			{ freq: 'monthly', nth: 1, weekday: 'SU', end: { type: 'count', count: 1 } },
			undefined,
			'Første søndag i måneden, 1 gang',
			'First Sunday of the month, once'
		]
	];

	it.each(cases)('describes %j', (rule, time, nb, en) => {
		expect(say('nb', rule, time)).toBe(nb);
		expect(say('en', rule, time)).toBe(en);
	});

	it('shows the UNTIL date as the local day, also at the turn of the year', () => {
		const rule = weekly(['TU'], 1, { type: 'until', date: '2027-01-01' });
		expect(say('nb', rule)).toBe('Hver tirsdag, til og med 1. januar 2027');
		expect(say('en', rule)).toBe('Every Tuesday, until 1 January 2027');
	});

	it('refuses an invalid rule, time or zone with RecurrenceError', () => {
		expect(() => say('nb', weekly([]))).toThrow(RecurrenceError);
		expect(() => say('nb', weekly(['TU']), '25:00')).toThrow(RecurrenceError);
		const options = { locale: 'en', timeZone: 'Nowhere' } as const;
		expect(() => describeRule(weekly(['TU']), options)).toThrow(RecurrenceError);
	});
});
