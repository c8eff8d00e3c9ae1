import { describe, expect, it } from 'vitest';
import { readFilters } from './filters';
import { addDays, windowOf } from './window';

const filters = (query: string) => readFilters(new URLSearchParams(query)).filters;
// The tests run at fixed instants on purpose: windowOf is pure, the clock is its argument.
const wednesday = new Date('2027-01-13T09:30:00Z'); // 10.30 in Oslo (winter, +01:00)

describe('windowOf (Oslo days)', () => {
	it('upcoming: from now to midnight four weeks on', () => {
		const w = windowOf(filters(''), wednesday);
		expect(w.from).toEqual(wednesday);
		expect(w.to.toISOString()).toBe('2027-02-09T23:00:00.000Z');
	});

	it('this week ends at Sunday midnight, next week is Monday to Monday', () => {
		expect(windowOf(filters('when=week'), wednesday).to.toISOString()).toBe(
			'2027-01-17T23:00:00.000Z'
		);
		const next = windowOf(filters('when=nextweek'), wednesday);
		expect([next.from.toISOString(), next.to.toISOString()]).toEqual([
			'2027-01-17T23:00:00.000Z',
			'2027-01-24T23:00:00.000Z'
		]);
	});

	it('this month ends at the first of the next, across a new year', () => {
		expect(windowOf(filters('when=month'), new Date('2026-12-20T12:00:00Z')).to.toISOString()).toBe(
			'2026-12-31T23:00:00.000Z'
		);
	});

	it('a chosen range includes its last day, in summer time too', () => {
		const w = windowOf(filters('when=dates&from=2027-06-01&to=2027-06-03'), wednesday);
		expect([w.from.toISOString(), w.to.toISOString()]).toEqual([
			'2027-05-31T22:00:00.000Z',
			'2027-06-03T22:00:00.000Z'
		]);
	});

	it('never shows the past, and cuts a range of more than 100 days', () => {
		const past = windowOf(filters('when=dates&from=2026-01-01&to=2026-01-05'), wednesday);
		expect(past.to.getTime()).toBeGreaterThan(past.from.getTime());
		expect(past.from).toEqual(wednesday);
		const wide = windowOf(filters('when=dates&from=2027-02-01&to=2027-12-31'), wednesday);
		expect(wide.problems).toEqual([{ field: 'to', key: 'discovery.errors.range' }]);
		expect((wide.to.getTime() - wide.from.getTime()) / 86_400_000).toBe(100);
	});

	it('adds calendar days', () => {
		expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
		expect(addDays('2027-03-28', 1)).toBe('2027-03-29');
	});
});
