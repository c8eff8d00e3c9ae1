// Fixed dates on purpose: the recurrence module is pure (it never reads the clock; `from` and
// `until` are inputs), so these calendar facts (DST switch days, weekdays, month lengths) stay
// true and the tests never expire. Tests of code that reads now() take their dates from the clock.
import { describe, expect, it } from 'vitest';
import { RecurrenceError } from './errors';
import { expand, type ExpandInput } from './expand';
import type { RecurrenceRule, WeeklyRule, Weekday } from './rule';

const OSLO = 'Europe/Oslo';
const NEVER = { type: 'never' } as const;
const weekly = (weekdays: Weekday[], interval = 1): WeeklyRule => ({
	freq: 'weekly',
	interval,
	weekdays,
	end: NEVER
});
const base = {
	startTime: '18:00',
	durationMinutes: 90,
	timeZone: OSLO,
	until: new Date('2027-01-01T00:00:00Z')
};
const run = (input: Partial<ExpandInput> & Pick<ExpandInput, 'rule' | 'firstDate'>) =>
	expand({ ...base, ...input });
const dates = (input: Parameters<typeof run>[0]) => run(input).map((o) => o.localDate);

describe('monthly on the nth weekday', () => {
	const monthly = (nth: 2 | -1, weekday: Weekday): RecurrenceRule => ({
		freq: 'monthly',
		nth,
		weekday,
		end: NEVER
	});

	it('gives the second Tuesday of each month of 2026', () => {
		// prettier-ignore
		const expected = [
			'2026-01-13', '2026-02-10', '2026-03-10', '2026-04-14', '2026-05-12', '2026-06-09',
			'2026-07-14', '2026-08-11', '2026-09-08', '2026-10-13', '2026-11-10', '2026-12-08'
		];
		expect(dates({ rule: monthly(2, 'TU'), firstDate: '2026-01-01' })).toEqual(expected);
	});

	it('gives the last Friday of each month of 2026', () => {
		// prettier-ignore
		const expected = [
			'2026-01-30', '2026-02-27', '2026-03-27', '2026-04-24', '2026-05-29', '2026-06-26',
			'2026-07-31', '2026-08-28', '2026-09-25', '2026-10-30', '2026-11-27', '2026-12-25'
		];
		expect(dates({ rule: monthly(-1, 'FR'), firstDate: '2026-01-01' })).toEqual(expected);
	});

	it('starts on firstDate when it matches, else at the next match', () => {
		expect(dates({ rule: monthly(2, 'TU'), firstDate: '2026-03-10' })[0]).toBe('2026-03-10');
		expect(dates({ rule: monthly(2, 'TU'), firstDate: '2026-03-11' })[0]).toBe('2026-04-14');
	});
});

describe('every other week', () => {
	it('counts the interval from the week of firstDate (weeks start on Monday)', () => {
		const rule = weekly(['TU', 'TH'], 2);
		// Week of Monday 5 January: Tuesday the 6th is before firstDate, so it starts on Thursday.
		// prettier-ignore
		const expected = [
			'2026-01-08', '2026-01-20', '2026-01-22', '2026-02-03', '2026-02-05', '2026-02-17',
			'2026-02-19'
		];
		expect(dates({ rule, firstDate: '2026-01-08' }).slice(0, 7)).toEqual(expected);
		// One week later, the other weeks are chosen.
		const later = ['2026-01-15', '2026-01-27', '2026-01-29', '2026-02-10', '2026-02-12'];
		expect(dates({ rule, firstDate: '2026-01-15' }).slice(0, 5)).toEqual(later);
	});

	it('keeps the same weeks when `from` skips ahead', () => {
		const input = { rule: weekly(['TU', 'TH'], 2), firstDate: '2026-01-08' };
		const from = new Date('2026-06-10T00:00:00Z');
		const expected = run(input).filter((o) => o.startsAt >= from);
		expect(run({ ...input, from })).toEqual(expected);
		expect(expected[0].localDate).toBe('2026-06-11');
	});
});

describe('UNTIL, COUNT and limit', () => {
	it('includes the UNTIL date itself', () => {
		const rule: RecurrenceRule = { ...weekly(['TU']), end: { type: 'until', date: '2026-12-15' } };
		const late = { rule, firstDate: '2026-11-03', startTime: '23:30' };
		// prettier-ignore
		const expected = [
			'2026-11-03', '2026-11-10', '2026-11-17', '2026-11-24', '2026-12-01', '2026-12-08',
			'2026-12-15'
		];
		expect(dates(late)).toEqual(expected);
	});

	it('stops at COUNT: a 6-week course has exactly 6 dates', () => {
		const rule: RecurrenceRule = { ...weekly(['WE']), end: { type: 'count', count: 6 } };
		const course = run({ rule, firstDate: '2026-08-19', until: new Date('2030-01-01') });
		// prettier-ignore
		const expected = [
			'2026-08-19', '2026-08-26', '2026-09-02', '2026-09-09', '2026-09-16', '2026-09-23'
		];
		expect(course.map((o) => o.localDate)).toEqual(expected);
	});

	it('counts COUNT from firstDate even when `from` is later', () => {
		const rule: RecurrenceRule = { ...weekly(['TU', 'TH']), end: { type: 'count', count: 6 } };
		const from = new Date('2026-01-14T00:00:00Z');
		expect(dates({ rule, firstDate: '2026-01-06', from })).toEqual([
			'2026-01-15',
			'2026-01-20',
			'2026-01-22'
		]);
	});

	it('caps an open-ended rule at the limit (default 500)', () => {
		const forever = { rule: weekly(['MO', 'WE', 'FR']), firstDate: '2026-01-05' };
		const far = new Date('9999-01-01T00:00:00Z');
		expect(run({ ...forever, until: far })).toHaveLength(500);
		expect(run({ ...forever, until: far, limit: 10 })).toHaveLength(10);
		const skipped = run({ ...forever, from: new Date('5000-01-01'), until: far, limit: 3 });
		expect(skipped.map((o) => o.localDate)).toEqual(['5000-01-01', '5000-01-03', '5000-01-06']);
	});

	it('stops at the horizon `until` (exclusive)', () => {
		const input = { rule: weekly(['TU']), firstDate: '2026-01-06' };
		expect(dates({ ...input, until: new Date('2026-01-20T17:00:00Z') })).toEqual([
			'2026-01-06',
			'2026-01-13'
		]);
	});
});

describe('single-date activities and bad input', () => {
	it('gives one occurrence without a rule, if it is inside the window', () => {
		const single = run({ rule: null, firstDate: '2026-05-17', startTime: '11:00' });
		expect(single).toEqual([
			{
				localDate: '2026-05-17',
				startsAt: new Date('2026-05-17T09:00:00Z'),
				endsAt: new Date('2026-05-17T10:30:00Z')
			}
		]);
		expect(run({ rule: null, firstDate: '2027-05-17' })).toEqual([]);
	});

	it('refuses malformed input with RecurrenceError', () => {
		const rule = weekly(['TU']);
		const bad: Partial<ExpandInput>[] = [
			{ firstDate: '2026-02-30' },
			{ startTime: '7pm' },
			{ durationMinutes: -5 },
			{ limit: Infinity },
			{ timeZone: 'Mars/Olympus' },
			{ until: new Date('nope') },
			{ rule: { ...rule, weekdays: [] } }
		];
		for (const input of bad) {
			expect(() => run({ rule, firstDate: '2026-01-06', ...input })).toThrow(RecurrenceError);
		}
	});
});
