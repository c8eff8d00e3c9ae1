import { describe, expect, it } from 'vitest';
import type { Attendee } from '$lib/types/signups';
import { attendeesCsv, groupAttendees, refusal, sessionOf } from './signups-admin';

const person = (fields: Partial<Attendee>): Attendee => ({
	id: crypto.randomUUID(),
	role: 'participant',
	status: 'confirmed',
	position: null,
	name: 'Kari Nordmann',
	email: 'kari@example.com',
	phone: null,
	note: null,
	firstTime: false,
	createdAt: '2026-12-01T17:04:00Z',
	...fields
});

describe('refusal', () => {
	it('maps the database hints to messages, before the SQLSTATE', () => {
		expect(refusal({ code: '42501', hint: 'aal2_required' })).toEqual({
			status: 403,
			error: 'attendees.errors.aal2'
		});
		expect(refusal({ code: '42501', hint: 'forbidden' })?.status).toBe(403);
		expect(refusal({ code: 'P0001', hint: 'not_confirmed' })?.error).toBe(
			'attendees.errors.notConfirmed'
		);
		expect(refusal({ code: 'P0002', hint: null })?.status).toBe(404);
		expect(refusal(null)).toBeNull();
	});
});

describe('sessionOf', () => {
	it('reads `series` as the whole series and refuses anything but an id', () => {
		expect(sessionOf('series')).toBeNull();
		expect(sessionOf('5f0c8a52-3b7e-4c55-9a38-2b8a4f0f3d11')).toBe(
			'5f0c8a52-3b7e-4c55-9a38-2b8a4f0f3d11'
		);
		expect(sessionOf("1' or '1'='1")).toBeUndefined();
	});
});

describe('groupAttendees', () => {
	it('keeps volunteers apart from participants, each with its own waiting list', () => {
		const list = [
			person({ name: 'A' }),
			person({ name: 'B', status: 'attended' }),
			person({ name: 'C', status: 'waitlisted', position: 1 }),
			person({ name: 'D', role: 'helper' }),
			person({ name: 'E', role: 'helper', status: 'waitlisted', position: 1 }),
			person({ name: 'F', status: 'cancelled' })
		];
		const g = groupAttendees(list);
		const names = (xs: Attendee[]) => xs.map((x) => x.name);
		expect(names(g.participants)).toEqual(['A', 'B']);
		expect(names(g.waiting)).toEqual(['C']);
		expect(names(g.helpers)).toEqual(['D']);
		expect(names(g.helpersWaiting)).toEqual(['E']);
		expect(names(g.cancelled)).toEqual(['F']);
	});
});

describe('attendeesCsv', () => {
	it('has the columns in the organizer’s language and its separator, local times and neutralised formulas', () => {
		const csv = attendeesCsv(
			[
				person({ firstTime: true, note: 'Kommer, litt sent' }),
				person({
					name: '=HYPERLINK("http://x","y")',
					status: 'waitlisted',
					position: 2,
					phone: '+47 900 00 000',
					email: null
				})
			],
			{ locale: 'nb', timeZone: 'Europe/Oslo' }
		);
		const lines = csv.slice(1).split('\r\n');
		expect(lines[0]).toBe(
			'Navn;E-post;Telefon;Rolle;Status;Plass på venteliste;Første gang;Beskjed;Påmeldt'
		);
		expect(lines[1]).toBe(
			'Kari Nordmann;kari@example.com;;Deltaker;Påmeldt;;Ja;"Kommer, litt sent";2026-12-01 18:04'
		);
		expect(lines[2]).toBe(
			`"'=HYPERLINK(""http://x"",""y"")";;'+47 900 00 000;Deltaker;På venteliste;2;Nei;;2026-12-01 18:04`
		);
		expect(attendeesCsv([], { locale: 'en', timeZone: 'Europe/Oslo' })).toBe(
			'\uFEFFName,E-mail,Phone,Role,Status,Waiting-list position,First time,Note,Signed up at\r\n'
		);
	});
});
