import { describe, expect, it } from 'vitest';
import { dateFormat } from './date-format';

describe('dateFormat', () => {
	it('makes a format once for the same language and options, and formats as Intl does', () => {
		const options = { timeZone: 'Europe/Oslo', weekday: 'long', day: 'numeric' } as const;
		const first = dateFormat('nb-NO', options);
		expect(dateFormat('nb-NO', { ...options })).toBe(first);
		const instant = new Date('2026-12-01T17:00:00Z');
		expect(first.format(instant)).toBe(new Intl.DateTimeFormat('nb-NO', options).format(instant));
	});

	it('keeps languages, zones and options apart', () => {
		const base = { timeZone: 'Europe/Oslo', hour: '2-digit' } as const;
		expect(dateFormat('en-GB', base)).not.toBe(dateFormat('nb-NO', base));
		expect(dateFormat('nb-NO', { ...base, timeZone: 'UTC' })).not.toBe(dateFormat('nb-NO', base));
		const instant = new Date('2026-12-01T17:00:00Z');
		expect(dateFormat('nb-NO', { ...base, timeZone: 'UTC' }).format(instant)).toBe('17');
		expect(dateFormat('nb-NO', base).format(instant)).toBe('18');
	});

	it('refuses an unknown time zone as Intl does, and remembers nothing for it', () => {
		expect(() => dateFormat('nb-NO', { timeZone: 'Mars/Olympus' })).toThrow(RangeError);
		expect(() => dateFormat('nb-NO', { timeZone: 'Mars/Olympus' })).toThrow(RangeError);
	});
});
