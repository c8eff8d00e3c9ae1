import { afterEach, describe, expect, it } from 'vitest';
import { readWithIcalJs, readWithNodeIcal } from '../../../tests/support/ical';
import { signupCalendar, signupUid, type SignupEvent } from './ical';

const base: SignupEvent = {
	signupId: '4f1c2a9e-0000-4000-8000-000000000001',
	startsAt: '2026-12-01T17:00:00Z',
	endsAt: '2026-12-01T18:30:00Z',
	timeZone: 'Europe/Oslo',
	title: 'Avtale via Sammen',
	location: 'Storgata 12, 0184 Oslo',
	sequence: 0,
	method: 'REQUEST',
	organizer: 'ikke-svar@sammen.local',
	attendee: 'kari@example.com'
};

/** Both parsers must read the same event, in the instants given. */
function readBoth(event: SignupEvent) {
	const ics = signupCalendar(event);
	const a = readWithIcalJs(ics);
	const b = readWithNodeIcal(ics);
	for (const parsed of [a, b]) {
		expect(parsed.start.toISOString()).toBe(new Date(event.startsAt).toISOString());
		expect(parsed.end.toISOString()).toBe(new Date(event.endsAt).toISOString());
		expect(parsed.tzids).toEqual(['Europe/Oslo', 'Europe/Oslo']);
		expect(parsed).toMatchObject({ uid: signupUid(event.signupId), sequence: event.sequence });
	}
	expect({ ...b, tzids: a.tzids }).toEqual({ ...a, vtimezones: undefined, stampUtc: undefined });
	return { ics, parsed: a };
}

describe('signupCalendar', () => {
	const tz = process.env.TZ;
	afterEach(() => {
		if (tz === undefined) delete process.env.TZ;
		else process.env.TZ = tz;
	});

	it('writes one VEVENT in local time with TZID=Europe/Oslo and an Oslo VTIMEZONE', () => {
		const { ics, parsed } = readBoth(base);
		expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
		expect(ics).toContain('\r\nMETHOD:REQUEST\r\n');
		expect(ics).toContain('\r\nDTSTART;TZID=Europe/Oslo:20261201T180000\r\n');
		expect(ics).toContain('\r\nDTEND;TZID=Europe/Oslo:20261201T193000\r\n');
		// Not the Europe/Berlin that timezones-ical-library would name it (PITFALLS).
		expect(parsed.vtimezones).toEqual(['Europe/Oslo']);
		expect(ics).not.toContain('Berlin');
		// A calendar-wide zone would drop the Z (PITFALLS): DTSTAMP stays in UTC.
		expect(ics).toMatch(/\r\nDTSTAMP:\d{8}T\d{6}Z\r\n/);
		expect(parsed.stampUtc).toBe(true);
		expect(parsed).toMatchObject({
			method: 'REQUEST',
			status: 'CONFIRMED',
			summary: 'Avtale via Sammen',
			location: 'Storgata 12, 0184 Oslo',
			description: null
		});
		expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1);
		expect(ics).toMatch(/\r\nORGANIZER;CN="?Sammen"?:mailto:ikke-svar@sammen\.local\r\n/);
		expect(ics).toContain('RSVP=FALSE');
	});

	it('keeps the wall clock across the March switch (01.30 CET to 04.30 CEST is two hours)', () => {
		const { ics } = readBoth({
			...base,
			startsAt: '2026-03-29T00:30:00Z',
			endsAt: '2026-03-29T02:30:00Z'
		});
		expect(ics).toContain('DTSTART;TZID=Europe/Oslo:20260329T013000');
		expect(ics).toContain('DTEND;TZID=Europe/Oslo:20260329T043000');
	});

	it('keeps the wall clock across the October switch (summer start, winter end)', () => {
		const { ics } = readBoth({
			...base,
			startsAt: '2026-10-24T22:00:00Z',
			endsAt: '2026-10-25T03:00:00Z'
		});
		expect(ics).toContain('DTSTART;TZID=Europe/Oslo:20261025T000000');
		expect(ics).toContain('DTEND;TZID=Europe/Oslo:20261025T040000');
	});

	it('gives the same local times whatever the server process zone', () => {
		const utc = signupCalendar(base).replace(/DTSTAMP:\S+/, '');
		process.env.TZ = 'America/New_York';
		expect(new Date(2026, 0, 1).getTimezoneOffset()).toBe(300); // the change took effect
		expect(signupCalendar(base).replace(/DTSTAMP:\S+/, '')).toBe(utc);
	});

	it('cancels with METHOD:CANCEL, STATUS:CANCELLED and the same UID at a higher SEQUENCE', () => {
		const { ics, parsed } = readBoth({ ...base, method: 'CANCEL', sequence: 1796000000 });
		expect(ics).toContain('\r\nMETHOD:CANCEL\r\n');
		expect(parsed).toMatchObject({ method: 'CANCEL', status: 'CANCELLED', sequence: 1796000000 });
	});

	it('escapes text values and folds long lines', () => {
		const title = 'Tur; med, komma\\ og\nny linje – og en lang tittel som går over 75 oktetter i fila';
		const { ics, parsed } = readBoth({ ...base, title, location: 'Online' });
		expect(parsed.summary).toBe(title);
		expect(parsed.location).toBe('Online');
		for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
	});
});
