// The database enforces the second factor: a user with a verified authenticator changes nothing
// and reads no member addresses with a password-only (aal1) session — through the REST API with
// the publishable key, exactly as an attacker holding only the password would call it. Sessions
// are real: a password sign-in, and a TOTP challenge verified through Auth for aal2.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { createHash } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/database.types.ts';
import { totp } from '../local/auth/totp.ts';
import { startTestRuntime, type TestRuntime } from '../../tests/support/runtime.ts';

const opts = { auth: { persistSession: false, autoRefreshToken: false } };
let rt: TestRuntime;
let sql: postgres.Sql;
/** The TOTP owner's password-only session, their confirmed session, and a user without a factor. */
let aal1: SupabaseClient<Database>;
let aal2: SupabaseClient<Database>;
let plain: SupabaseClient<Database>;
const ids = {} as Record<string, string>;

beforeAll(async () => {
	rt = await startTestRuntime();
	sql = postgres(rt.superuserUrl, { max: 1, onnotice: () => {} });
	const owner = await rt.signedInUser('totp-owner@example.com');
	aal2 = owner.client;
	const { data: factor } = await aal2.auth.mfa.enroll({ factorType: 'totp' });
	const verified = await aal2.auth.mfa.challengeAndVerify({
		factorId: factor!.id,
		code: totp(factor!.totp.secret)
	});
	if (verified.error) throw verified.error;
	aal1 = createClient<Database>(rt.url, rt.publishableKey, opts);
	const signIn = await aal1.auth.signInWithPassword({
		email: 'totp-owner@example.com',
		password: 'GodDag2026x'
	});
	if (signIn.error) throw signIn.error;
	const other = await rt.signedInUser('plain-owner@example.com');
	plain = other.client;
	const invitee = await rt.signedInUser('invitee@example.com');
	Object.assign(ids, { owner: owner.id, plain: other.id, invitee: invitee.id });

	const [a, b] = await sql`
		insert into public.organizations (slug, name, kind, status, approved_at) values
			('org-a', 'Org A', 'ngo', 'approved', now()), ('org-b', 'Org B', 'ngo', 'approved', now())
		returning id`;
	Object.assign(ids, { a: a.id, b: b.id });
	await sql`insert into public.memberships (organization_id, user_id, role) values
		(${a.id}, ${owner.id}, 'owner'), (${a.id}, ${invitee.id}, 'organizer'),
		(${b.id}, ${other.id}, 'owner')`;
	await sql`insert into public.platform_admins (user_id) values (${owner.id})`;
	const [draft, other_] = await sql`
		insert into public.activities (organization_id, slug, title, category, venue, first_date, start_time, duration_minutes)
		values (${a.id}, 'utkast', 'Utkast', 'sport', 'Hallen', current_date + 7, '18:00', 90),
		       (${b.id}, 'annet', 'Annet', 'sport', 'Hallen', current_date + 7, '18:00', 90)
		returning id`;
	Object.assign(ids, { draft: draft.id, otherDraft: other_.id });
	const [session] = await sql`
		insert into public.sessions (activity_id, occurrence_date, starts_at, ends_at)
		values (${draft.id}, current_date + 7, now() + interval '7 days', now() + interval '7 days 90 minutes')
		returning id`;
	ids.session = session.id;
	await sql`insert into public.invitations (organization_id, email, token_hash)
		values (${a.id}, 'someone@example.com', 'hash-1')`;
});

afterAll(async () => {
	await sql?.end();
	await rt?.stop();
});

const title = async () =>
	(await sql`select title from public.activities where id = ${ids.draft}`)[0].title;

describe('a password-only session of a user with an authenticator', () => {
	it('has aal1, the confirmed one aal2', async () => {
		const claims = async (c: SupabaseClient) => (await c.auth.getClaims()).data?.claims.aal;
		expect(await claims(aal1)).toBe('aal1');
		expect(await claims(aal2)).toBe('aal2');
	});

	it('changes no activity, session, organization, membership or invitation', async () => {
		const attempts = [
			aal1.from('activities').update({ title: 'Kapret' }).eq('id', ids.draft).select('id'),
			aal1.from('activities').delete().eq('id', ids.draft).select('id'),
			aal1.from('sessions').update({ status: 'cancelled' }).eq('id', ids.session).select('id'),
			aal1.from('sessions').delete().eq('id', ids.session).select('id'),
			aal1.from('organizations').update({ description: 'Kapret' }).eq('id', ids.a).select('id'),
			aal1.from('memberships').update({ role: 'admin' }).eq('user_id', ids.invitee).select('role'),
			aal1.from('memberships').delete().eq('user_id', ids.invitee).select('role'),
			aal1.from('invitations').delete().eq('organization_id', ids.a).select('id')
		];
		for (const { data, error } of await Promise.all(attempts)) {
			expect(error?.code ?? 'no rows').toMatch(/42501|no rows/);
			expect(data ?? []).toEqual([]);
		}
		const inserted = await aal1.from('activities').insert({
			organization_id: ids.a,
			slug: 'ny',
			title: 'Ny aktivitet',
			category: 'sport',
			venue: 'Hallen',
			first_date: new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10),
			start_time: '18:00',
			duration_minutes: 60,
			created_by: ids.owner
		});
		expect(inserted.error?.code).toBe('42501');
		const [state] = await sql`
			select (select title from public.activities where id = ${ids.draft}) as title,
			       (select status from public.sessions where id = ${ids.session}) as session,
			       (select description from public.organizations where id = ${ids.a}) as description,
			       (select role from public.memberships where user_id = ${ids.invitee}) as role,
			       (select count(*)::int from public.invitations) as invitations,
			       (select count(*)::int from public.activities
			        where organization_id in (${ids.a}, ${ids.b})) as activities`;
		expect(state).toEqual({
			title: 'Utkast',
			session: 'scheduled',
			description: '',
			role: 'organizer',
			invitations: 1,
			activities: 2
		});
	});

	it('is refused by every function that writes, and member_list shows no addresses', async () => {
		const token = 'x'.repeat(40);
		const calls = [
			aal1.rpc('create_organization', { p_slug: 'ny-org', p_name: 'Ny', p_kind: 'ngo' }),
			aal1.rpc('set_organization_status', { p_organization: ids.b, p_status: 'suspended' }),
			aal1.rpc('invite_member', {
				p_organization: ids.a,
				p_email: 'ny@example.com',
				p_role: 'organizer',
				p_token: token,
				p_token_hash: createHash('sha256').update(token).digest('hex')
			}),
			aal1.rpc('accept_invitation', { p_token: token })
		];
		for (const { error } of await Promise.all(calls)) expect(error?.code).toBe('42501');
		expect((await aal1.rpc('member_list', { p_organization: ids.a })).data).toEqual([]);
		expect((await aal2.rpc('member_list', { p_organization: ids.a })).data).toHaveLength(2);
	});

	it('once confirmed (aal2), the same user writes', async () => {
		const { data } = await aal2
			.from('activities')
			.update({ title: 'Endret tittel' })
			.eq('id', ids.draft)
			.select('title');
		expect(data).toEqual([{ title: 'Endret tittel' }]);
		expect(await title()).toBe('Endret tittel');
	});

	it('a user without an authenticator writes with a password session (aal1 is their highest)', async () => {
		const { data } = await plain
			.from('activities')
			.update({ title: 'Annen tittel' })
			.eq('id', ids.otherDraft)
			.select('title');
		expect(data).toEqual([{ title: 'Annen tittel' }]);
	});
});

describe('in SQL terms', () => {
	it('every write policy for authenticated has a restrictive second-factor policy beside it', async () => {
		const rows = await sql<{ tablename: string; cmd: string; restrictive: boolean }[]>`
			select tablename, cmd, permissive = 'RESTRICTIVE' as restrictive,
			       coalesce(qual, '') || coalesce(with_check, '') as expr
			from pg_policies
			where schemaname = 'public' and 'authenticated' = any (roles) and cmd <> 'SELECT'`;
		const commands = (cmd: string) => (cmd === 'ALL' ? ['INSERT', 'UPDATE', 'DELETE'] : [cmd]);
		const guarded = new Set(
			rows
				.filter(
					(r) =>
						r.restrictive &&
						String((r as { expr?: string }).expr).includes('second_factor_satisfied')
				)
				.flatMap((r) => commands(r.cmd).map((c) => `${r.tablename} ${c}`))
		);
		const writes = rows
			.filter((r) => !r.restrictive)
			.flatMap((r) => commands(r.cmd).map((c) => `${r.tablename} ${c}`));
		expect(writes.length).toBeGreaterThan(5);
		expect(writes.filter((w) => !guarded.has(w))).toEqual([]);
	});

	it('every security definer function that writes checks the second factor first', async () => {
		// The outbox and the rate-limit counters are the server's own (secret key only), and
		// trigger functions run inside a write that the policies above already checked.
		// Participants sign up and manage their place by the link's token, with no account at all;
		// reading names (session_signups) needs aal2 whoever asks, which is stricter still.
		const exempt = [
			'outbox_claim',
			'outbox_report',
			'take_rate_limit',
			'queue_reminders',
			'purge_signups',
			'sign_up',
			'cancel_signup_by_token',
			'erase_signup_by_token',
			'session_signups'
		];
		const rows = await sql<{ name: string; src: string }[]>`
			select p.proname as name, p.prosrc as src from pg_proc p
			join pg_namespace n on n.oid = p.pronamespace
			where n.nspname = 'public' and p.prosecdef and p.prorettype <> 'trigger'::regtype`;
		const writers = rows.filter((r) =>
			/\b(insert\s+into|update\s+public|delete\s+from)\b/i.test(r.src)
		);
		expect(writers.length).toBeGreaterThan(3);
		const unchecked = writers
			.filter((r) => !exempt.includes(r.name))
			.filter((r) => !r.src.includes('require_second_factor'));
		expect(unchecked.map((r) => r.name)).toEqual([]);
	});
});
