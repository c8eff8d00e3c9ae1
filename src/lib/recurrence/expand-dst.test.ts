// Fixed dates on purpose: the recurrence module is pure (it never reads the clock; `from` and
// `until` are inputs), so these calendar facts (DST switch days, weekdays, month lengths) stay
// true and the tests never expire. Tests of code that reads now() take their dates from the clock.
import { describe, expect, it } from 'vitest';
import { expand, type ExpandInput } from './expand';
import type { RecurrenceRule, Weekday } from './rule';
import { instantToZoned } from './zoned';

const OSLO = 'Europe/Oslo';
const NEVER = { type: 'never' } as const;
const weekly = (weekdays: Weekday[], interval = 1): RecurrenceRule => ({
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
const at = (input: Parameters<typeof run>[0], localDate: string) =>
	run(input)
		.find((o) => o.localDate === localDate)
		?.startsAt.toISOString();

describe('wall-clock time across DST', () => {
	const tuesdays = { rule: weekly(['TU']), firstDate: '2026-01-06' };

	it('keeps a weekly 18:00 activity at 18:00 local all of 2026', () => {
		const all = run(tuesdays);
		expect(all).toHaveLength(52);
		for (const o of all) expect(instantToZoned(o.startsAt, OSLO).time).toBe('18:00');
	});

	it('is 17:00Z in winter and 16:00Z in summer, switching with the clocks', () => {
		expect(at(tuesdays, '2026-03-24')).toBe('2026-03-24T17:00:00.000Z');
		expect(at(tuesdays, '2026-03-31')).toBe('2026-03-31T16:00:00.000Z');
		expect(at(tuesdays, '2026-10-20')).toBe('2026-10-20T16:00:00.000Z');
		expect(at(tuesdays, '2026-10-27')).toBe('2026-10-27T17:00:00.000Z');
	});

	it('uses the new offset on the switch days themselves', () => {
		const sundays = { rule: weekly(['SU']), firstDate: '2026-03-22' };
		expect(at(sundays, '2026-03-22')).toBe('2026-03-22T17:00:00.000Z');
		expect(at(sundays, '2026-03-29')).toBe('2026-03-29T16:00:00.000Z');
		expect(at(sundays, '2026-10-18')).toBe('2026-10-18T16:00:00.000Z');
		expect(at(sundays, '2026-10-25')).toBe('2026-10-25T17:00:00.000Z');
	});

	it('moves a 02:30 start on spring-forward day to 03:30, and takes the earlier 02:30 in autumn', () => {
		const night = { rule: weekly(['SU']), firstDate: '2026-03-22', startTime: '02:30' };
		const spring = run(night).find((o) => o.localDate === '2026-03-29');
		expect(spring?.startsAt.toISOString()).toBe('2026-03-29T01:30:00.000Z');
		expect(instantToZoned(spring!.startsAt, OSLO).time).toBe('03:30');
		expect(at(night, '2026-10-25')).toBe('2026-10-25T00:30:00.000Z');
	});

	it('ends durationMinutes of elapsed time after the start', () => {
		const [first] = run(tuesdays);
		expect(first.startsAt.toISOString()).toBe('2026-01-06T17:00:00.000Z');
		expect(first.endsAt.toISOString()).toBe('2026-01-06T18:30:00.000Z');
	});
});
