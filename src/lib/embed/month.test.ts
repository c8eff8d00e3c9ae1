import { describe, expect, it } from 'vitest';
import {
	addMonths,
	monthGrid,
	monthName,
	monthNavigation,
	monthWindow,
	readMonth,
	weekdayNames
} from './month';

describe('month view', () => {
	it('lays a month out in Monday-first weeks', () => {
		// November 2026 starts on a Sunday and has 30 days: six rows.
		const grid = monthGrid('2026-11');
		expect(grid).toHaveLength(6);
		expect(grid[0]).toEqual([null, null, null, null, null, null, '2026-11-01']);
		expect(grid[1][0]).toBe('2026-11-02');
		expect(grid[5]).toEqual(['2026-11-30', null, null, null, null, null, null]);
		expect(grid.every((week) => week.length === 7)).toBe(true);
	});

	it('fits February of a non-leap year that starts on a Monday in four rows', () => {
		const grid = monthGrid('2027-02');
		expect(grid).toHaveLength(4);
		expect(grid[0][0]).toBe('2027-02-01');
		expect(grid[3][6]).toBe('2027-02-28');
	});

	it('knows leap years', () => {
		expect(monthGrid('2028-02').flat().filter(Boolean).at(-1)).toBe('2028-02-29');
	});

	it('adds months across years', () => {
		expect(addMonths('2026-12', 1)).toBe('2027-01');
		expect(addMonths('2026-01', -1)).toBe('2025-12');
		expect(addMonths('2026-11', 12)).toBe('2027-11');
	});

	it('reads the month parameter, falling back to this month', () => {
		const today = '2026-11-29';
		expect(readMonth('2026-12', today)).toBe('2026-12');
		expect(readMonth(null, today)).toBe('2026-11');
		for (const bad of ['2026-13', '2026-1', 'november', '2025-11', '2027-12', '2026-11-01'])
			expect(readMonth(bad, today)).toBe('2026-11');
		expect(readMonth('2027-11', today)).toBe('2027-11');
	});

	it('offers no month before this one and none past the horizon', () => {
		expect(monthNavigation('2026-11', '2026-11-29')).toEqual({ previous: null, next: '2026-12' });
		expect(monthNavigation('2027-11', '2026-11-29')).toEqual({ previous: '2027-10', next: null });
	});

	it('spans the month in Oslo time, across the DST switch', () => {
		const { from, to } = monthWindow('2026-10');
		expect(from.toISOString()).toBe('2026-09-30T22:00:00.000Z');
		expect(to.toISOString()).toBe('2026-10-31T23:00:00.000Z');
	});

	it('names months and weekdays in both languages', () => {
		expect(monthName('2026-11', 'nb')).toBe('November 2026');
		expect(monthName('2026-11', 'en')).toBe('November 2026');
		expect(weekdayNames('nb')[0]).toEqual({ short: 'man', long: 'mandag' });
		expect(weekdayNames('en')[6]).toEqual({ short: 'Sun', long: 'Sunday' });
	});
});
