// A sign-up's e-mails on the real path: `sign_up` (anonymous, through supabase-js) writes the
// confirmation to private.outbox in its own transaction; deliverDue sends it over SMTP to a mail
// catcher. SMTP down must not fail the sign-up, and the mail must go out once it is back.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { simpleParser } from 'mailparser';
import { createTransport } from 'nodemailer';
import postgres from 'postgres';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '$lib/database.types';
import { startMailCatcher, type MailCatcher } from '../../../../supabase/local/mail/index.ts';
import type { MailMessage } from '../../../../supabase/local/mail/message.ts';
import { readWithIcalJs, readWithNodeIcal } from '../../../../tests/support/ical.ts';
import { startTestRuntime, type TestRuntime } from '../../../../tests/support/runtime.ts';
import { deliverDue, type MailTransport } from './sender';

const SITE = 'https://sammen.test';
const TITLE = 'Rusfri samtalegruppe for avhengighet';
const opts = { auth: { persistSession: false, autoRefreshToken: false } };

let rt: TestRuntime;
let sql: postgres.Sql;
let catcher: MailCatcher;
let service: SupabaseClient<Database>;
let anon: SupabaseClient<Database>;
let activityId: string;
let sessionId: string;
let startsAt: Date;
let up: MailTransport;
let down: MailTransport;
let n = 0;

async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	const { port } = server.address() as { port: number };
	await new Promise((done) => server.close(done));
	return port;
}

/** Signs a fresh address up anonymously, as the public form will; its address, token and id. */
async function signUp(locale = 'nb') {
	const email = `deltaker${++n}@example.com`;
	const token = randomBytes(24).toString('base64url');
	const { data, error } = await anon.rpc('sign_up', {
		p_activity: activityId,
		p_session: sessionId,
		p_name: `Kari ${n}`,
		p_email: email,
		p_phone: '',
		p_note: '',
		p_first_time: false,
		p_reminder: true,
		p_role: 'participant',
		p_consent_version: '2026-11-29',
		p_idempotency_key: randomUUID(),
		p_token: token,
		p_locale: locale
	});
	if (error) throw error;
	return { email, token, id: data[0].signup_id, status: data[0].status };
}

/** The calendar part of a received mail, read with mailparser: its Content-Type line and text. */
async function calendarPart(mail: MailMessage) {
	const { attachments } = await simpleParser(mail.raw);
	const part = attachments.find((a) => a.contentType === 'text/calendar');
	const type = /^Content-Type: (text\/calendar[^\r\n]*)/im.exec(mail.raw)?.[1] ?? '';
	return { type, ics: part?.content.toString('utf8') ?? '' };
}

const deliver = (transport: MailTransport, log?: (line: string) => void) =>
	deliverDue({ supabase: service, transport, siteUrl: SITE, log });
const received = (email: string) => catcher.store.search(email);

beforeAll(async () => {
	rt = await startTestRuntime();
	sql = postgres(rt.superuserUrl, { max: 1, onnotice: () => {} });
	catcher = await startMailCatcher({ smtpPort: 0, webPort: 0 });
	service = createClient<Database>(rt.url, rt.secretKey, opts);
	anon = createClient<Database>(rt.url, rt.publishableKey, opts);
	// Discreet is the default: the organization does not set it.
	const [org] = await sql`
		insert into public.organizations (slug, name, kind, status, approved_at)
		values ('bla-kors', 'Blå Kors rusbehandling', 'ngo', 'approved', now()) returning id`;
	const [a] = await sql`
		insert into public.activities (organization_id, slug, title, category, venue, address, city,
			first_date, start_time, duration_minutes, status, published_at, capacity, waitlist)
		values (${org.id}, 'samtale', ${TITLE}, 'dialogue_group', 'Rusfri møteplass',
			'Storgata 12, 0184 Oslo', 'Oslo', current_date + 7, '18:00', 90, 'published', now(), 1, true)
		returning id`;
	activityId = a.id;
	const [s] = await sql`
		insert into public.sessions (activity_id, occurrence_date, starts_at, ends_at)
		values (${activityId}, current_date + 7, date_trunc('hour', now()) + interval '7 days',
			date_trunc('hour', now()) + interval '7 days 90 minutes')
		returning id, starts_at`;
	sessionId = s.id;
	startsAt = s.starts_at;
	const smtp = { host: '127.0.0.1', secure: false, ignoreTLS: true };
	up = createTransport({ ...smtp, port: catcher.smtpPort });
	down = createTransport({ ...smtp, port: await closedPort(), connectionTimeout: 2000 });
});

beforeEach(async () => {
	await sql`update private.outbox set sent_at = now() where sent_at is null`;
});

afterAll(async () => {
	await sql?.end();
	await catcher?.stop();
	await rt?.stop();
});

describe('sign-up e-mails through the outbox', () => {
	it('SMTP down during sign-up: the sign-up succeeds, the mail goes out once SMTP is back', async () => {
		const { email, token, id, status } = await signUp();
		expect(status).toBe('confirmed');
		const logs: string[] = [];
		expect(await deliver(down, (l) => logs.push(l))).toEqual({ sent: 0, failed: 1 });
		const [failed] = await sql`select * from private.outbox where to_email = ${email}`;
		expect(failed).toMatchObject({ template: 'signup_confirmed', sent_at: null, attempts: 1 });
		expect(failed.last_error).toMatch(/ECONNECTION|ESOCKET|ECONNREFUSED/);
		expect(`${failed.last_error} ${logs.join()}`).not.toMatch(new RegExp(`${email}|${token}|Kari`));
		expect(received(email)).toHaveLength(0);

		await sql`update private.outbox set next_attempt_at = now() where to_email = ${email}`;
		expect(await deliver(up)).toEqual({ sent: 1, failed: 0 });
		expect(await deliver(up)).toEqual({ sent: 0, failed: 0 });
		const mails = received(email);
		expect(mails).toHaveLength(1);
		const [mail] = mails;
		expect(mail.from).toMatch(/^"?Sammen"? </);
		expect(mail.subject).toBe('Du er påmeldt');
		expect(mail.text).toContain(TITLE); // the body may name it
		expect(mail.links).toContain(`${SITE}/signup/${token}`);

		const { type, ics } = await calendarPart(mail);
		expect(type).toMatch(/^text\/calendar; ?method=REQUEST; ?charset=utf-8/i);
		for (const event of [readWithIcalJs(ics), readWithNodeIcal(ics)]) {
			expect(event).toMatchObject({
				method: 'REQUEST',
				uid: `signup-${id}@sammen`,
				sequence: 0,
				summary: 'Avtale via Sammen',
				location: 'Storgata 12, 0184 Oslo',
				tzids: ['Europe/Oslo', 'Europe/Oslo']
			});
			expect(event.start.getTime()).toBe(startsAt.getTime());
		}
		expect(ics).not.toMatch(/rus|avhengig|Blå Kors/i);

		// The token left the outbox once sent (outbox_report), and the link works.
		const [sent] = await sql`select data from private.outbox where to_email = ${email}`;
		expect(sent.data.token).toBeUndefined();
		const link = mail.links.find((l) => l.startsWith(`${SITE}/signup/`))!;
		const { data } = await anon.rpc('signup_by_token', { p_token: link.split('/').pop()! });
		expect(data?.[0]).toMatchObject({ signup_id: id, status: 'confirmed' });
	});

	it('waiting list in English, then a cancelled session with a CANCEL file for the place held', async () => {
		const waiting = await signUp('en');
		expect(waiting.status).toBe('waitlisted');
		expect(await deliver(up)).toEqual({ sent: 1, failed: 0 });
		const [mail] = received(waiting.email);
		expect(mail.subject).toBe('You are on the waiting list');
		expect(mail.links).toContain(`${SITE}/en/signup/${waiting.token}`);
		expect((await calendarPart(mail)).ics).toBe('');

		const [{ email: holder }] = await sql`
			select email from private.signups where session_id = ${sessionId} and status = 'confirmed'`;
		await sql`update public.sessions set status = 'cancelled', cancel_reason = 'Lokalet er stengt'
			where id = ${sessionId}`;
		expect(await deliver(up)).toEqual({ sent: 2, failed: 0 });
		const [cancelled] = received(holder).filter((m) => m.subject === 'Avtalen din er avlyst');
		expect(cancelled.text).toContain('Arrangøren skriver: Lokalet er stengt');
		const { type, ics } = await calendarPart(cancelled);
		expect(type).toMatch(/method=CANCEL/i);
		const event = readWithNodeIcal(ics);
		expect(event).toMatchObject({ method: 'CANCEL', status: 'CANCELLED' });
		expect(event.sequence).toBeGreaterThan(0);
		const [note] = received(waiting.email).filter((m) => m !== mail);
		expect(note.subject).toBe('Your appointment is cancelled');
		expect((await calendarPart(note)).ics).toBe('');
	});

	it('keeps the address, name and token out of last_error when the SMTP server echoes them', async () => {
		await sql`update public.sessions set status = 'scheduled', cancel_reason = null
			where id = ${sessionId}`;
		const { email } = await signUp();
		const echoing: MailTransport = {
			sendMail: async (mail) => {
				const message = `550 <${email}> rejected for Kari ${n}: ${String(mail.text).match(/https:\S+/)}`;
				throw Object.assign(new Error(message), { code: 'EENVELOPE', responseCode: 550 });
			}
		};
		expect(await deliver(echoing, () => {})).toEqual({ sent: 0, failed: 1 });
		const [{ last_error }] =
			await sql`select last_error from private.outbox where to_email = ${email}`;
		expect(last_error).toMatch(
			/^EENVELOPE 550 550 <\[redacted\]> rejected for \[redacted\]: https:\/\/sammen\.test\/signup\/\[redacted\]/
		);
	});
});
