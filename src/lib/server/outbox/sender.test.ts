// The outbox sender against the real path: an admin invites through `invite_member` (which
// writes the e-mail to private.outbox), and deliverDue sends it to a mail catcher over SMTP.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { createTransport } from 'nodemailer';
import postgres from 'postgres';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '$lib/database.types';
import { startMailCatcher, type MailCatcher } from '../../../../supabase/local/mail/index.ts';
import { startTestRuntime, type TestRuntime } from '../../../../tests/support/runtime.ts';
import { deliverDue, startOutboxSender, type MailTransport } from './sender';

const SITE = 'https://sammen.test';
const opts = { auth: { persistSession: false, autoRefreshToken: false } };

let rt: TestRuntime;
let sql: postgres.Sql;
let catcher: MailCatcher;
let service: SupabaseClient<Database>;
let admin: SupabaseClient<Database>;
let orgId: string;
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

/** Invites a fresh address as the org's admin; returns the address and the link's token. */
async function invite(locale = 'nb'): Promise<{ email: string; token: string }> {
	const email = `invitee${++n}@example.com`;
	const token = randomBytes(24).toString('base64url');
	const { error } = await admin.rpc('invite_member', {
		p_organization: orgId,
		p_email: email,
		p_role: 'organizer',
		p_token: token,
		p_token_hash: createHash('sha256').update(token).digest('hex'),
		p_locale: locale
	});
	if (error) throw error;
	return { email, token };
}

const row = async (email: string) =>
	(
		await sql`select *, extract(epoch from next_attempt_at - now()) as due_in
			from private.outbox where to_email = ${email}`
	)[0];
const received = (email: string) => catcher.store.search(email);

beforeAll(async () => {
	rt = await startTestRuntime();
	sql = postgres(rt.superuserUrl, { max: 1, onnotice: () => {} });
	catcher = await startMailCatcher({ smtpPort: 0, webPort: 0 });
	service = createClient<Database>(rt.url, rt.secretKey, opts);
	const email = 'orgadmin@example.com';
	const password = 'GodDag2026x';
	const { data } = await service.auth.admin.createUser({ email, password, email_confirm: true });
	admin = createClient<Database>(rt.url, rt.publishableKey, opts);
	const signIn = await admin.auth.signInWithPassword({ email, password });
	if (signIn.error) throw signIn.error;
	[{ id: orgId }] =
		await sql`insert into public.organizations (slug, name, kind, status, approved_at)
		values ('lag', 'Lag <script>alert(1)</script>', 'ngo', 'approved', now()) returning id`;
	await sql`insert into public.memberships (organization_id, user_id, role)
		values (${orgId}, ${data.user!.id}, 'admin')`;
	const smtp = { host: '127.0.0.1', secure: false, ignoreTLS: true };
	up = createTransport({ ...smtp, port: catcher.smtpPort });
	down = createTransport({ ...smtp, port: await closedPort(), connectionTimeout: 2000 });
});

// Each test counts exactly what it sent: earlier tests' leftovers must not be due.
beforeEach(async () => {
	await sql`update private.outbox set sent_at = now() where sent_at is null`;
});

afterAll(async () => {
	await sql?.end();
	await catcher?.stop();
	await rt?.stop();
});

describe('deliverDue', () => {
	it('sends an invitation in its locale and marks it sent', async () => {
		const { email, token } = await invite('en');
		expect(await deliverDue({ supabase: service, transport: up, siteUrl: SITE })).toEqual({
			sent: 1,
			failed: 0
		});
		const [mail] = received(email);
		expect(mail.to).toEqual([email]);
		expect(mail.from).toContain('Sammen');
		expect(mail.subject).toBe('You are invited to Sammen');
		expect(mail.links).toContain(`${SITE}/en/invitations/${token}`);
		expect(mail.html).not.toContain('<script>');
		expect(await row(email)).toMatchObject({ attempts: 1, last_error: null, locked_until: null });
		expect((await row(email)).sent_at).not.toBeNull();
		// Named after its row, so a resend after a crash is recognisably the same mail.
		const messageId = mail.headers.find((h) => h.name.toLowerCase() === 'message-id')?.value;
		expect(messageId).toBe(`<outbox-${(await row(email)).id}@sammen>`);
		expect(await deliverDue({ supabase: service, transport: up, siteUrl: SITE })).toEqual({
			sent: 0,
			failed: 0
		});
		expect(received(email)).toHaveLength(1);
	});

	it('keeps a mail while SMTP is down and sends it once SMTP is back', async () => {
		const { email, token } = await invite();
		const logs: string[] = [];
		const log = (line: string) => logs.push(line);
		expect(await deliverDue({ supabase: service, transport: down, siteUrl: SITE, log })).toEqual({
			sent: 0,
			failed: 1
		});
		const failed = await row(email);
		expect(failed).toMatchObject({ attempts: 1, sent_at: null, locked_until: null });
		expect(Number(failed.due_in)).toBeGreaterThan(50);
		expect(Number(failed.due_in)).toBeLessThan(70);
		expect(failed.last_error).toMatch(/ECONNECTION|ESOCKET|ECONNREFUSED/);
		expect(failed.last_error).not.toContain(token);
		expect(logs).toEqual([expect.stringMatching(/^outbox: e-mail \d+ failed \(attempt 1, E/)]);
		expect(logs.join()).not.toMatch(new RegExp(`${email}|${token}|Lag`));
		// Not due yet: the backoff holds it even though SMTP is up again.
		expect(await deliverDue({ supabase: service, transport: up, siteUrl: SITE })).toEqual({
			sent: 0,
			failed: 0
		});
		await sql`update private.outbox set next_attempt_at = now() where to_email = ${email}`;
		expect(await deliverDue({ supabase: service, transport: up, siteUrl: SITE })).toEqual({
			sent: 1,
			failed: 0
		});
		expect(await deliverDue({ supabase: service, transport: up, siteUrl: SITE })).toEqual({
			sent: 0,
			failed: 0
		});
		expect(received(email)).toHaveLength(1);
		expect(received(email)[0].links).toContain(`${SITE}/invitations/${token}`);
		expect(await row(email)).toMatchObject({ attempts: 2, last_error: null });
	});

	it('never stores or logs the token, even when the SMTP server echoes it', async () => {
		const { email, token } = await invite();
		const echoing: MailTransport = {
			sendMail: async (mail) => {
				const link = String(mail.text).match(/https:\S+/)![0];
				throw Object.assign(new Error(`554 rejected ${link} (${token})\n${mail.text}`), {
					code: 'EMESSAGE',
					responseCode: 554
				});
			}
		};
		const logs: string[] = [];
		await deliverDue({
			supabase: service,
			transport: echoing,
			siteUrl: SITE,
			log: (l) => logs.push(l)
		});
		const { last_error } = await row(email);
		expect(last_error).toMatch(
			/^EMESSAGE 554 554 rejected https:\/\/sammen.test\/invitations\/\[redacted\]/
		);
		expect(last_error).not.toContain(token);
		expect(last_error).not.toContain('invitert'); // nothing of the body
		expect(logs.join()).not.toContain(token);
	});

	it('never sends a row twice when two senders run at once', async () => {
		const invited = await Promise.all(Array.from({ length: 8 }, () => invite()));
		const results = await Promise.all(
			[4, 8].map((limit) => deliverDue({ supabase: service, transport: up, siteUrl: SITE, limit }))
		);
		expect(results.reduce((sum, r) => sum + r.sent, 0)).toBe(8);
		for (const { email } of invited) expect(received(email), email).toHaveLength(1);
	});
});

describe('startOutboxSender', () => {
	it('survives a failing run, sends what is due, and stop() ends the loop', async () => {
		const { email } = await invite();
		let claims = 0;
		// Supabase unreachable on the first run, then back.
		const flaky = {
			rpc: (fn: string, args: object) => {
				if (fn === 'outbox_claim' && ++claims === 1) throw new TypeError('fetch failed');
				return service.rpc(fn as 'outbox_claim', args);
			}
		} as unknown as SupabaseClient<Database>;
		const logs: string[] = [];
		const sender = startOutboxSender({
			supabase: flaky,
			transport: up,
			siteUrl: SITE,
			intervalMs: 50,
			log: (l) => logs.push(l)
		});
		await catcher.store.waitFor((m) => m.to.includes(email), 5000);
		await sender.stop();
		const after = claims;
		await new Promise((done) => setTimeout(done, 200));
		expect(claims).toBe(after);
		expect(logs[0]).toBe('outbox: run failed (fetch failed)');
		expect(received(email)).toHaveLength(1);
	});

	it('goes on at once after a full batch instead of waiting for the interval', async () => {
		const invited = [await invite(), await invite(), await invite()];
		const sender = startOutboxSender({
			supabase: service,
			transport: up,
			siteUrl: SITE,
			intervalMs: 60_000,
			limit: 1
		});
		for (const { email } of invited) await catcher.store.waitFor((m) => m.to.includes(email), 5000);
		await sender.stop();
	});
});
