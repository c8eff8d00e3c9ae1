import { describe, expect, it } from 'vitest';
import { dayHeading } from './days';

describe('dayHeading', () => {
	it('says today and tomorrow, then the weekday and date', () => {
		expect(dayHeading('2027-01-13', '2027-01-13', 'nb')).toEqual({ key: 'today' });
		expect(dayHeading('2027-01-14', '2027-01-13', 'nb')).toEqual({ key: 'tomorrow' });
		expect(dayHeading('2027-01-15', '2027-01-13', 'nb')).toEqual({ text: 'Fredag 15. januar' });
		expect(dayHeading('2027-01-15', '2027-01-13', 'en')).toEqual({ text: 'Friday 15 January' });
	});

	it('names the year only when it is another', () => {
		expect(dayHeading('2028-01-03', '2027-12-30', 'nb')).toEqual({ text: 'Mandag 3. januar 2028' });
	});
});
