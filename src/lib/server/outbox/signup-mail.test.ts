import { describe, expect, it } from 'vitest';
import { readWithIcalJs, readWithNodeIcal } from '../../../../tests/support/ical';
import { renderMail } from './render';
import { isSignupTemplate } from './signup-mail';

const SITE = 'https://sammen.no';
const TOKEN = 'Tok_abcdefghijklmnopqrstuvwxyz-123';
const TEMPLATES = [
	'signup_confirmed',
	'signup_waitlisted',
	'signup_promoted',
	'signup_reminder',
	'session_cancelled',
	'session_moved',
	'organizer_message'
];

const base = {
	activity: 'Innebandy',
	organization: 'Turlaget',
	discreet: true,
	activity_id: 'a1',
	session_id: 's1',
	signup_id: '4f1c2a9e-0000-4000-8000-000000000001',
	starts_at: '2026-12-01T17:00:00+00:00',
	ends_at: '2026-12-01T18:30:00+00:00',
	timezone: 'Europe/Oslo',
	venue: 'Gymsalen',
	address: 'Storgata 12, 0184 Oslo',
	city: 'Oslo',
	online: false,
	series: false,
	status: 'confirmed',
	role: 'participant',
	name: 'Kari',
	token: TOKEN,
	reason: 'Gymsalen er stengt',
	old_starts_at: '2026-11-30T17:00:00+00:00',
	subject: 'Ta med innesko',
	body: 'Hei alle!\n\nHusk <innesko> & vannflaske.'
};

const render = (template: string, locale = 'nb', data: Record<string, unknown> = {}) =>
	renderMail({ template, locale, data: { ...base, ...data }, to_email: 'kari@example.com' }, SITE, {
		organizer: 'ikke-svar@sammen.local'
	});
const ics = (mail: ReturnType<typeof render>) => mail.attachments?.[0]?.content ?? '';

describe('sign-up e-mails', () => {
	it('confirms in Norwegian: when, where, the manage link and a calendar file', () => {
		const mail = render('signup_confirmed');
		expect(mail.subject).toBe('Du er påmeldt');
		expect(mail.text).toContain('Hei Kari,');
		expect(mail.text).toContain('Du er påmeldt Innebandy hos Turlaget.');
		expect(mail.text).toContain('Når: tirsdag 1. desember 2026 kl. 18.00–19.30');
		expect(mail.text).toContain('Hvor: Gymsalen, Storgata 12, 0184 Oslo');
		expect(mail.text).toContain(
			`Her kan du se påmeldingen eller melde deg av:\n${SITE}/signup/${TOKEN}`
		);
		expect(mail.html).toContain(
			`<a href="${SITE}/signup/${TOKEN}">Se påmeldingen eller meld deg av</a>`
		);
		expect(mail.html).toContain('<html lang="nb">');
		expect(mail.attachments).toEqual([
			{
				filename: 'sammen.ics',
				contentType: 'text/calendar; method=REQUEST; charset=utf-8',
				content: expect.stringContaining('UID:signup-4f1c2a9e-0000-4000-8000-000000000001@sammen')
			}
		]);
		const event = readWithIcalJs(ics(mail));
		expect(event).toMatchObject({ method: 'REQUEST', sequence: 0, summary: 'Avtale via Sammen' });
		expect(event.location).toBe('Storgata 12, 0184 Oslo'); // discreet: no venue
		expect(readWithNodeIcal(ics(mail)).start.toISOString()).toBe('2026-12-01T17:00:00.000Z');
		expect(ics(mail)).not.toContain(TOKEN);
		expect(mail.secrets).toEqual([TOKEN, TOKEN, 'Kari']);
	});

	it('confirms in English with the /en prefix', () => {
		const mail = render('signup_confirmed', 'en');
		expect(mail.subject).toBe('You are signed up');
		expect(mail.text).toContain('When: Tuesday, 1 December 2026, 18:00–19:30');
		expect(mail.text).toContain(`${SITE}/en/signup/${TOKEN}`);
		expect(mail.html).toContain(`href="${SITE}/en/signup/${TOKEN}"`);
		expect(readWithIcalJs(ics(mail)).summary).toBe('Appointment via Sammen');
	});

	it('names the activity in calendar titles only when not discreet, and in no subject ever', () => {
		const open = { discreet: false };
		// A lock screen shows the subject (LANGUAGE.md): the same plain subject, discreet or not.
		expect(render('signup_confirmed', 'nb', open).subject).toBe('Du er påmeldt');
		expect(render('signup_waitlisted', 'en', open).subject).toBe('You are on the waiting list');
		expect(render('session_moved', 'nb', open).subject).toBe('Avtalen din har fått ny tid');
		// The organizer's own subject opens the body instead.
		const message = render('organizer_message', 'nb', open);
		expect(message.subject).toBe('Melding fra arrangøren');
		expect(message.text).toContain('Ta med innesko');
		const event = readWithNodeIcal(ics(render('signup_confirmed', 'nb', open)));
		expect(event.summary).toBe('Innebandy');
		expect(event.location).toBe('Gymsalen, Storgata 12, 0184 Oslo');
		// Missing or anything but false is discreet.
		const hidden = readWithNodeIcal(ics(render('signup_confirmed', 'nb', { discreet: 'no' })));
		expect(hidden.summary).not.toContain('Innebandy');
	});

	it('puts a waiting list place in words, with the link and no calendar entry', () => {
		const mail = render('signup_waitlisted', 'nb', { status: 'waitlisted' });
		expect(mail.subject).toBe('Du står på venteliste');
		expect(mail.text).toContain('Du står på ventelisten til Innebandy hos Turlaget.');
		expect(mail.text).toMatch(/Blir det ledig plass, .*e-post/);
		expect(mail.text).toContain(`${SITE}/signup/${TOKEN}`);
		expect(mail.attachments).toEqual([]);
	});

	it('sends a calendar file on promotion, and points to the first e-mail for the link', () => {
		const mail = render('signup_promoted', 'en', { token: undefined });
		expect(mail.subject).toBe('You have a place');
		expect(mail.text).toContain('use the link in the first e-mail');
		expect(mail.attachments?.[0].contentType).toBe('text/calendar; method=REQUEST; charset=utf-8');
		expect(mail.secrets).toEqual(['Kari']);
	});

	it('reminds without a calendar file', () => {
		const mail = render('signup_reminder', 'nb', { token: undefined });
		expect(mail.subject).toBe('Påminnelse om avtalen din');
		expect(mail.text).toContain('Når: tirsdag 1. desember 2026 kl. 18.00–19.30');
		expect(mail.attachments).toEqual([]);
	});

	it('cancels with the reason and a CANCEL file for those who held a place', () => {
		const mail = render('session_cancelled', 'nb', { token: undefined, sequence: 1795000000 });
		expect(mail.subject).toBe('Avtalen din er avlyst');
		expect(mail.text).toContain('avlyst Innebandy tirsdag 1. desember 2026 kl. 18.00–19.30');
		expect(mail.text).toContain('Arrangøren skriver: Gymsalen er stengt');
		expect(mail.attachments?.[0].contentType).toBe('text/calendar; method=CANCEL; charset=utf-8');
		for (const event of [readWithIcalJs(ics(mail)), readWithNodeIcal(ics(mail))]) {
			expect(event).toMatchObject({ method: 'CANCEL', status: 'CANCELLED', sequence: 1795000000 });
			expect(event.uid).toBe('signup-4f1c2a9e-0000-4000-8000-000000000001@sammen');
		}
		const waiting = render('session_cancelled', 'en', { status: 'waitlisted', reason: null });
		expect(waiting.attachments).toEqual([]);
		expect(waiting.text).not.toContain('writes');
	});

	it('moves: the old and the new time, and an updated file at the new SEQUENCE', () => {
		const mail = render('session_moved', 'en', { token: undefined, sequence: 1795000000 });
		expect(mail.subject).toBe('Your appointment has a new time');
		expect(mail.text).toContain(
			'Before: Monday, 30 November 2026, 18:00\nNow: Tuesday, 1 December 2026, 18:00–19:30'
		);
		const event = readWithIcalJs(ics(mail));
		expect(event).toMatchObject({ method: 'REQUEST', sequence: 1795000000 });
		expect(event.start.toISOString()).toBe('2026-12-01T17:00:00.000Z');
	});

	it("passes on the organizer's message as plain text, escaped in the HTML", () => {
		const mail = render('organizer_message', 'nb', { token: undefined });
		expect(mail.subject).toBe('Melding fra arrangøren');
		expect(mail.text).toContain('Melding fra arrangøren av Innebandy (tirsdag 1. desember 2026');
		expect(mail.text).toContain('Ta med innesko\n\nHei alle!\n\nHusk <innesko> & vannflaske.');
		expect(mail.html).toContain('<p>Husk &lt;innesko&gt; &amp; vannflaske.</p>');
		expect(mail.html).not.toContain('<innesko>');
	});

	it('escapes names in the HTML and keeps them out of the subject', () => {
		const activity = 'Tur <script>alert(1)</script>\r\nBcc: x@y.z';
		const mail = render('signup_confirmed', 'nb', { activity, discreet: false, name: 'K<b>' });
		expect(mail.subject).toBe('Du er påmeldt');
		expect(mail.html).not.toMatch(/<script|<b>/);
		expect(mail.html).toContain('Tur &lt;script&gt;alert(1)&lt;/script&gt;');
	});

	it('gives a series its first date, and no calendar file (one date would mislead)', () => {
		const mail = render('signup_confirmed', 'en', { series: true, session_id: null });
		expect(mail.text).toContain('Your sign-up is for all the dates.');
		expect(mail.text).toContain('First date: Tuesday, 1 December 2026');
		expect(mail.attachments).toEqual([]);
	});

	it('says online for an online activity, and leaves out a missing date', () => {
		const mail = render('signup_confirmed', 'nb', { online: true, starts_at: null, ends_at: null });
		expect(mail.text).toContain('Hvor: På nett');
		expect(mail.text).not.toContain('Når:');
		expect(mail.attachments).toEqual([]);
	});

	it('refuses data it cannot render without repeating the values', () => {
		expect(() => render('signup_confirmed', 'nb', { token: undefined })).toThrow(
			'render: data.token missing'
		);
		expect(() => render('signup_reminder', 'nb', { activity: 7, starts_at: TOKEN })).toThrow(
			/^render: data\.activity, data\.starts_at invalid$/
		);
		expect(TEMPLATES.every(isSignupTemplate)).toBe(true);
		expect(isSignupTemplate('toString')).toBe(false);
	});
});

describe('discreet mode', () => {
	const FORBIDDEN =
		/rus|avhengig|addict|addiction|recover|behandling|treatment|rehab|sober|edru|abstinen|samtalegruppe|Blå Kors|LAR\b|narko|alkohol/i;
	const hostile = {
		activity: 'Rusfri samtalegruppe for avhengighet',
		organization: 'Blå Kors rusbehandling',
		venue: 'Rusfri møteplass',
		address: 'Storgata 12, 0184 Oslo',
		subject: 'Om samtalegruppa for rusfri recovery',
		reason: 'Behandlingsstedet er stengt'
	};

	it('never names the activity, the organization or recovery in a subject or calendar title', () => {
		let files = 0;
		for (const template of TEMPLATES) {
			for (const locale of ['nb', 'en']) {
				for (const status of ['confirmed', 'waitlisted']) {
					const mail = render(template, locale, { ...hostile, status });
					expect(mail.subject, `${template} ${locale}`).not.toMatch(FORBIDDEN);
					if (!mail.attachments?.length) continue;
					files++;
					const content = ics(mail);
					for (const event of [readWithIcalJs(content), readWithNodeIcal(content)]) {
						expect(event.summary).toBe(
							locale === 'en' ? 'Appointment via Sammen' : 'Avtale via Sammen'
						);
					}
					// Nothing else in the file says it either: no venue, description or organizer name.
					expect(content, `${template} ${locale} .ics`).not.toMatch(FORBIDDEN);
				}
			}
		}
		// Per language: confirmed and promoted for both statuses; cancelled and moved for a place held.
		expect(files).toBe(2 * (2 * 2 + 2));
	});

	it('the scan catches a calendar title that names the activity (the test can fail)', () => {
		const mail = render('signup_confirmed', 'nb', { ...hostile, discreet: false });
		expect(`${mail.subject}\n${readWithIcalJs(ics(mail)).summary}`).toMatch(FORBIDDEN);
	});
});
