import { describe, expect, it } from 'vitest';
import { calendarLinks } from './calendar-links';

const input = {
	activity: {
		id: '11111111-1111-4111-8111-111111111111',
		title: 'Rusfri samtalegruppe',
		category: 'dialogue_group',
		timezone: 'Europe/Oslo'
	},
	discreet: false,
	location: 'Storgata 12, 0184 Oslo',
	sessions: [
		{
			id: 's1',
			starts_at: '2027-06-16T16:00:00Z',
			ends_at: '2027-06-16T17:30:00Z',
			status: 'scheduled'
		},
		{
			id: 's2',
			starts_at: '2027-06-23T16:00:00Z',
			ends_at: '2027-06-23T17:30:00Z',
			status: 'cancelled'
		}
	],
	locale: 'en' as const,
	origin: 'https://sammen.test'
};

describe('calendarLinks', () => {
	it('links each scheduled date to a file, Google (Oslo wall clock) and Outlook (instants)', () => {
		const links = calendarLinks(input);
		expect(links.series).toBe('/en/feeds/activity/11111111-1111-4111-8111-111111111111.ics');
		expect(links.subscribe).toBe(`webcal://sammen.test${links.series}`);
		expect(links.sessions.map((s) => s.id)).toEqual(['s1']);
		const [s] = links.sessions;
		expect(s.ics).toBe(`${links.series}?session=s1`);
		const google = new URL(s.google);
		expect(google.origin + google.pathname).toBe('https://calendar.google.com/calendar/render');
		expect(google.searchParams.get('dates')).toBe('20270616T180000/20270616T193000');
		expect(google.searchParams.get('ctz')).toBe('Europe/Oslo');
		expect(google.searchParams.get('text')).toBe('Rusfri samtalegruppe');
		expect(google.searchParams.get('location')).toBe(input.location);
		const outlook = new URL(s.outlook);
		expect(outlook.searchParams.get('startdt')).toBe('2027-06-16T16:00:00Z');
		expect(outlook.searchParams.get('enddt')).toBe('2027-06-16T17:30:00Z');
	});

	it('uses the neutral title for a discreet organization', () => {
		const [s] = calendarLinks({ ...input, discreet: true, locale: 'nb' }).sessions;
		expect(new URL(s.google).searchParams.get('text')).toBe('Samtalegruppe – Sammen');
		expect(new URL(s.outlook).searchParams.get('subject')).toBe('Samtalegruppe – Sammen');
		expect(s.google.toLowerCase()).not.toContain('rus');
	});
});
