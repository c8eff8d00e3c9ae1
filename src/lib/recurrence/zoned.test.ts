// Fixed dates on purpose: the recurrence module is pure (it never reads the clock; `from` and
// `until` are inputs), so these calendar facts (DST switch days, weekdays, month lengths) stay
// true and the tests never expire. Tests of code that reads now() take their dates from the clock.
import { describe, expect, it } from 'vitest';
import { RecurrenceError } from './errors';
import { instantToZoned, zonedToInstant } from './zoned';

const OSLO = 'Europe/Oslo';
const iso = (date: Date) => date.toISOString();

describe('Europe/Oslo offsets', () => {
	it('is +01:00 in winter and +02:00 in summer', () => {
		expect(instantToZoned(new Date('2026-01-15T12:00:00Z'), OSLO)).toEqual({
			date: '2026-01-15',
			time: '13:00',
			offsetMinutes: 60
		});
		expect(instantToZoned(new Date('2026-07-15T12:00:00Z'), OSLO)).toEqual({
			date: '2026-07-15',
			time: '14:00',
			offsetMinutes: 120
		});
	});

	it('springs forward at 2026-03-29 01:00Z (02:00 → 03:00 local)', () => {
		expect(instantToZoned(new Date('2026-03-29T00:59:00Z'), OSLO).time).toBe('01:59');
		expect(instantToZoned(new Date('2026-03-29T01:00:00Z'), OSLO)).toMatchObject({
			time: '03:00',
			offsetMinutes: 120
		});
	});

	it('falls back at 2026-10-25 01:00Z (03:00 → 02:00 local)', () => {
		expect(instantToZoned(new Date('2026-10-25T00:59:00Z'), OSLO)).toMatchObject({
			time: '02:59',
			offsetMinutes: 120
		});
		expect(instantToZoned(new Date('2026-10-25T01:00:00Z'), OSLO)).toMatchObject({
			time: '02:00',
			offsetMinutes: 60
		});
	});

	it('turns local times into instants on both sides of each switch', () => {
		expect(iso(zonedToInstant('2026-03-28', '18:00', OSLO))).toBe('2026-03-28T17:00:00.000Z');
		expect(iso(zonedToInstant('2026-03-29', '18:00', OSLO))).toBe('2026-03-29T16:00:00.000Z');
		expect(iso(zonedToInstant('2026-10-24', '18:00', OSLO))).toBe('2026-10-24T16:00:00.000Z');
		expect(iso(zonedToInstant('2026-10-25', '18:00', OSLO))).toBe('2026-10-25T17:00:00.000Z');
		expect(iso(zonedToInstant('2026-03-29', '00:00', OSLO))).toBe('2026-03-28T23:00:00.000Z');
	});
});

describe('times that do not exist or exist twice', () => {
	it('moves a time in the spring-forward gap forward by the gap (RFC 5545: 02:30 → 03:30)', () => {
		const instant = zonedToInstant('2026-03-29', '02:30', OSLO);
		expect(iso(instant)).toBe('2026-03-29T01:30:00.000Z');
		expect(instantToZoned(instant, OSLO)).toMatchObject({ date: '2026-03-29', time: '03:30' });
		expect(iso(zonedToInstant('2026-03-29', '02:00', OSLO))).toBe('2026-03-29T01:00:00.000Z');
	});

	it('takes the earlier instant for an ambiguous time on the fall-back day', () => {
		// 02:30 happens at 00:30Z (+02:00) and again at 01:30Z (+01:00).
		expect(iso(zonedToInstant('2026-10-25', '02:30', OSLO))).toBe('2026-10-25T00:30:00.000Z');
		expect(iso(zonedToInstant('2026-10-25', '03:00', OSLO))).toBe('2026-10-25T02:00:00.000Z');
	});

	it('follows the RFC 5545 examples for America/New_York', () => {
		const ny = 'America/New_York';
		expect(iso(zonedToInstant('2007-03-11', '02:30', ny))).toBe('2007-03-11T07:30:00.000Z');
		expect(iso(zonedToInstant('2007-11-04', '01:30', ny))).toBe('2007-11-04T05:30:00.000Z');
	});

	it('handles zones with other offsets and a southern summer', () => {
		expect(iso(zonedToInstant('2026-01-15', '18:00', 'Asia/Kolkata'))).toBe(
			'2026-01-15T12:30:00.000Z'
		);
		expect(iso(zonedToInstant('2026-01-15', '18:00', 'Australia/Sydney'))).toBe(
			'2026-01-15T07:00:00.000Z'
		);
	});
});

describe('bad input', () => {
	it('refuses unknown zones, impossible dates and times with RecurrenceError', () => {
		const attempts = [
			() => zonedToInstant('2026-01-15', '18:00', 'Europe/Atlantis'),
			() => zonedToInstant('2026-02-30', '18:00', OSLO),
			() => zonedToInstant('2026-01-15', '24:00', OSLO),
			() => instantToZoned(new Date(NaN), OSLO)
		];
		for (const attempt of attempts) expect(attempt).toThrow(RecurrenceError);
	});
});
