// Sign-ups through supabase-js against the local runtime on real Postgres: exact capacity under
// a burst (and an overbooking control without the lock), the waiting list, idempotency, who can
// read what, the audit log, and the purge.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/database.types.ts';
import { totp } from '../local/auth/totp.ts';
import { startTestRuntime, type TestRuntime } from '../../tests/support/runtime.ts';

const opts = { auth: { persistSession: false, autoRefreshToken: false } };
let rt: TestRuntime;
let sql: postgres.Sql;
let anon: SupabaseClient<Database>;
let organizer: SupabaseClient<Database>; // aal2
let organizerAal1: SupabaseClient<Database>;
let other: SupabaseClient<Database>; // an organizer of another organization
let participant: SupabaseClient<Database>;
let orgId: string;
let organizerId: string;

beforeAll(async () => {
	rt = await startTestRuntime();
	sql = postgres(rt.superuserUrl, { max: 4, onnotice: () => {} });
	anon = createClient<Database>(rt.url, rt.publishableKey, opts);
	const o = await rt.signedInUser('arr@example.com');
	organizer = o.client;
	organizerId = o.id;
	const { data: factor } = await organizer.auth.mfa.enroll({ factorType: 'totp' });
	const v = await organizer.auth.mfa.challengeAndVerify({
		factorId: factor!.id,
		code: totp(factor!.totp.secret)
	});
	if (v.error) throw v.error;
	organizerAal1 = createClient<Database>(rt.url, rt.publishableKey, opts);
	await organizerAal1.auth.signInWithPassword({
		email: 'arr@example.com',
		password: 'GodDag2026x'
	});
	const b = await rt.signedInUser('annen@example.com');
	other = b.client;
	participant = (await rt.signedInUser('deltaker@example.com')).client;
	const [org, orgB] = await sql`
		insert into public.organizations (slug, name, kind, status, approved_at, retention_days)
		values ('org-a', 'Org A', 'ngo', 'approved', now(), 30), ('org-b', 'Org B', 'ngo', 'approved', now(), 30)
		returning id`;
	orgId = org.id;
	await sql`insert into public.memberships (organization_id, user_id, role) values
		(${org.id}, ${o.id}, 'owner'), (${orgB.id}, ${b.id}, 'owner')`;
});

afterAll(async () => {
	await sql?.end();
	await rt?.stop();
});

/** A published activity with one session a week ahead; its ids. */
async function activity(
	fields: { capacity?: number | null; waitlist?: boolean; helpers?: number } = {}
) {
	const [a] = await sql`
		insert into public.activities (organization_id, slug, title, category, venue, first_date, start_time, duration_minutes, status, published_at, capacity, waitlist, helper_places)
		values (${orgId}, ${'a-' + crypto.randomUUID().slice(0, 8)}, 'Middag', 'social_meals', 'Huset', current_date + 7, '17:00', 90, 'published', now(),
		        ${fields.capacity ?? null}, ${fields.waitlist ?? true}, ${fields.helpers ?? 0})
		returning id`;
	const [s] = await sql`
		insert into public.sessions (activity_id, occurrence_date, starts_at, ends_at)
		values (${a.id}, current_date + 7, now() + interval '7 days', now() + interval '7 days 90 minutes')
		returning id`;
	return { activityId: a.id as string, sessionId: s.id as string };
}

let n = 0;
/** Signs up a fresh person; the answer and the token of their manage link. */
async function signUp(
	ids: { activityId: string; sessionId: string | null },
	extra: Partial<Database['public']['Functions']['sign_up']['Args']> = {},
	client: SupabaseClient<Database> = anon
) {
	n += 1;
	const token = crypto.randomUUID() + crypto.randomUUID();
	const result = await client.rpc('sign_up', {
		p_activity: ids.activityId,
		p_session: ids.sessionId as string,
		p_name: `Person ${n}`,
		p_email: `person${n}@example.com`,
		p_phone: '',
		p_note: '',
		p_first_time: false,
		p_reminder: false,
		p_role: 'participant',
		p_consent_version: '2026-11-29',
		p_idempotency_key: crypto.randomUUID(),
		p_token: token,
		...extra
	});
	return { ...result, token, row: result.data?.[0] };
}

describe('capacity and the waiting list', () => {
	it('50 parallel sign-ups for the last 5 places: exactly 5 confirmed, 45 waiting in arrival order (20 runs)', async () => {
		for (let run = 0; run < 20; run++) {
			const ids = await activity({ capacity: 8 });
			for (let i = 0; i < 3; i++) await signUp(ids);
			const answers = await Promise.all(Array.from({ length: 50 }, () => signUp(ids)));
			expect(answers.filter((a) => a.error)).toEqual([]);
			const statuses = answers.map((a) => a.row!.status);
			expect(statuses.filter((s) => s === 'confirmed')).toHaveLength(5);
			expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(45);
			const rows = await sql`
				select status, seq from private.signups where session_id = ${ids.sessionId} order by seq`;
			// Arrival order is the order the lock let them in: the first 8 confirmed, then the line.
			expect(rows.map((r) => r.status)).toEqual([
				...Array(8).fill('confirmed'),
				...Array(45).fill('waitlisted')
			]);
			const positions = answers
				.filter((a) => a.row!.status === 'waitlisted')
				.map((a) => a.row!.waitlist_position)
				.sort((x, y) => x! - y!);
			expect(positions).toEqual(Array.from({ length: 45 }, (_, i) => i + 1));
		}
	}, 120_000);

	it('cancelling frees the place for the first in line, exactly once, and mails them', async () => {
		const ids = await activity({ capacity: 2 });
		const [first, second] = [await signUp(ids), await signUp(ids)];
		const waiting = [await signUp(ids), await signUp(ids), await signUp(ids)];
		expect(waiting.map((w) => w.row!.waitlist_position)).toEqual([1, 2, 3]);
		const cancels = await Promise.all([
			anon.rpc('cancel_signup_by_token', { p_token: first.token }),
			anon.rpc('cancel_signup_by_token', { p_token: first.token })
		]);
		expect(cancels.map((c) => c.error)).toEqual([null, null]);
		const status = async (token: string) =>
			(await anon.rpc('signup_by_token', { p_token: token })).data![0];
		expect((await status(waiting[0].token)).status).toBe('confirmed');
		expect((await status(waiting[1].token)).waitlist_position).toBe(1);
		expect((await status(second.token)).status).toBe('confirmed');
		const mails = await sql`
			select to_email from private.outbox where template = 'signup_promoted' and data->>'activity_id' = ${ids.activityId}`;
		expect(mails.map((m) => m.to_email)).toEqual([`person${n - 2}@example.com`]);
	});

	it('refuses when full and the waiting list is off, and after sign-up closes', async () => {
		const ids = await activity({ capacity: 1, waitlist: false });
		expect((await signUp(ids)).row!.status).toBe('confirmed');
		const full = await signUp(ids);
		expect(full.error?.hint).toBe('full');
		await sql`update public.sessions set starts_at = now() + interval '1 hour' where id = ${ids.sessionId}`;
		await sql`update public.activities set signup_closes_hours_before = 2, capacity = 10 where id = ${ids.activityId}`;
		expect((await signUp(ids)).error?.hint).toBe('closed');
		await sql`update public.sessions set status = 'cancelled', cancel_reason = 'Stengt' where id = ${ids.sessionId}`;
		expect((await signUp(ids)).error?.hint).toBe('session_cancelled');
	});

	it('keeps helpers apart, with their own places', async () => {
		const ids = await activity({ capacity: 1, helpers: 1 });
		expect((await signUp(ids)).row!.status).toBe('confirmed');
		expect((await signUp(ids, { p_role: 'helper' })).row!.status).toBe('confirmed');
		expect((await signUp(ids, { p_role: 'helper' })).row!.status).toBe('waitlisted');
	});

	it("places_left counts each date's own places, waiting list and helpers", async () => {
		const ids = await activity({ capacity: 2, helpers: 1 });
		const [later] = await sql`
			insert into public.sessions (activity_id, occurrence_date, starts_at, ends_at)
			values (${ids.activityId}, current_date + 14, now() + interval '14 days', now() + interval '14 days 90 minutes')
			returning id`;
		for (let i = 0; i < 3; i++) await signUp(ids);
		await signUp(ids, { p_role: 'helper' });
		await signUp({ activityId: ids.activityId, sessionId: later.id });
		// Another activity's sign-ups for the same number of places count for nothing here.
		const elsewhere = await activity({ capacity: 2 });
		for (let i = 0; i < 3; i++) await signUp(elsewhere);
		const { data, error } = await anon.rpc('places_left', { p_activity: ids.activityId });
		expect(error).toBeNull();
		const bySession = new Map(data!.map((p) => [p.session_id, p]));
		expect(bySession.get(ids.sessionId)).toMatchObject({
			places_left: 0,
			waitlisted: 1,
			helper_places_left: 0
		});
		expect(bySession.get(later.id)).toMatchObject({
			places_left: 1,
			waitlisted: 0,
			helper_places_left: 1
		});
	});

	it('a whole series: places for the series, a waiting list, and promotion on cancel', async () => {
		const ids = await activity({ capacity: 2 });
		await sql`update public.activities set signup_mode = 'whole_series' where id = ${ids.activityId}`;
		const series = { activityId: ids.activityId, sessionId: null };
		const answers = [await signUp(series), await signUp(series), await signUp(series)];
		expect(answers.map((a) => a.error)).toEqual([null, null, null]);
		expect(answers.map((a) => a.row!.status)).toEqual(['confirmed', 'confirmed', 'waitlisted']);
		expect(answers[2].row!.waitlist_position).toBe(1);
		const places = await anon.rpc('places_left', { p_activity: ids.activityId });
		expect(places.data).toEqual([
			{ session_id: null, places_left: 0, waitlisted: 1, helper_places_left: 0 }
		]);
		// A date's own sign-up does not take a place of the series.
		expect((await signUp(ids)).error?.hint).toBe('wrong_mode');
		await anon.rpc('cancel_signup_by_token', { p_token: answers[0].token });
		const third = (await anon.rpc('signup_by_token', { p_token: answers[2].token })).data![0];
		expect(third.status).toBe('confirmed');
	});
});

describe('one sign-up per click and per contact', () => {
	it('the same idempotency key five times in parallel is one sign-up', async () => {
		const ids = await activity({ capacity: 10 });
		const key = crypto.randomUUID();
		const token = crypto.randomUUID() + crypto.randomUUID();
		const answers = await Promise.all(
			Array.from({ length: 5 }, () =>
				signUp(ids, { p_idempotency_key: key, p_token: token, p_email: 'same@example.com' })
			)
		);
		expect(answers.map((a) => a.error)).toEqual(Array(5).fill(null));
		expect(new Set(answers.map((a) => a.row!.signup_id)).size).toBe(1);
		expect(answers.filter((a) => a.row!.repeated)).toHaveLength(4);
		const [{ count }] =
			await sql`select count(*)::int from private.signups where session_id = ${ids.sessionId}`;
		expect(count).toBe(1);
	});

	it('one e-mail address holds one place per session; consent and a contact are required', async () => {
		const ids = await activity();
		expect((await signUp(ids, { p_email: 'Kari@Example.com' })).error).toBeNull();
		expect((await signUp(ids, { p_email: 'kari@example.com' })).error?.hint).toBe(
			'already_signed_up'
		);
		expect((await signUp(ids, { p_consent_version: '' })).error?.hint).toBe('consent_required');
		expect((await signUp(ids, { p_email: '', p_phone: '' })).error?.hint).toBe('contact_required');
		expect((await signUp(ids, { p_email: '', p_phone: '+47 900 00 000' })).error).toBeNull();
	});
});

describe('who can read sign-ups', () => {
	it('no API role reads the table, whatever the path', async () => {
		const ids = await activity();
		await signUp(ids);
		for (const c of [anon, participant, other, organizer]) {
			const direct = await c
				.schema('private' as never)
				.from('signups')
				.select();
			expect(direct.error?.code).toBe('PGRST106');
			const viaPublic = await c.from('signups' as never).select();
			expect(viaPublic.error?.code).toBe('PGRST205');
		}
		for (const c of [anon, participant, other]) {
			const names = await c.rpc('session_signups', {
				p_activity: ids.activityId,
				p_session: ids.sessionId
			});
			expect(names.data ?? []).toEqual([]);
			expect(['42501', 'PGRST202']).toContain(names.error?.code);
			const counts = await c.rpc('signup_counts', { p_activity: ids.activityId });
			expect(counts.data ?? []).toEqual([]);
		}
	});

	it('an aal1 organizer gets counts but no names; each names read leaves one audit row', async () => {
		const ids = await activity();
		await signUp(ids, { p_first_time: true });
		const counts = await organizerAal1.rpc('signup_counts', { p_activity: ids.activityId });
		expect(counts.data).toEqual([expect.objectContaining({ confirmed: 1, first_timers: 1 })]);
		const refused = await organizerAal1.rpc('session_signups', {
			p_activity: ids.activityId,
			p_session: ids.sessionId
		});
		expect(refused.error?.hint).toBe('aal2_required');
		const before = await sql`select count(*)::int as n from private.attendee_reads`;
		const names = await organizer.rpc('session_signups', {
			p_activity: ids.activityId,
			p_session: ids.sessionId
		});
		expect(names.data).toEqual([
			expect.objectContaining({ first_time: true, status: 'confirmed' })
		]);
		const after = await sql`select count(*)::int as n from private.attendee_reads`;
		expect(after[0].n - before[0].n).toBe(1);
		await expect(sql`delete from private.attendee_reads`).rejects.toThrow(/append-only/);
	});
});

describe('the organizer side reads sign-ups by index', () => {
	it('the attendee list, an attendance mark and a message scan no sign-ups but their own', async () => {
		const ids = await activity({ capacity: 10 });
		const first = await signUp(ids);
		await signUp(ids);
		const signupId = (
			await sql`select id from private.signups where session_id = ${ids.sessionId} limit 1`
		)[0].id as string;
		expect(first.error).toBeNull();
		// As the organizer with a confirmed authenticator, with sequential scans only where no
		// index can serve: the transaction's own statistics count them.
		const scans = await sql.begin(async (tx) => {
			const claims = JSON.stringify({ sub: organizerId, role: 'authenticated', aal: 'aal2' });
			await tx`select set_config('request.jwt.claims', ${claims}, true)`;
			await tx`set local enable_seqscan = off`;
			await tx`set local role authenticated`;
			const count = async () =>
				(
					await tx`select coalesce(seq_scan, 0)::int as n from pg_stat_xact_user_tables
						where schemaname = 'private' and relname = 'signups'`
				)[0]?.n ?? 0;
			const before = await count();
			const list =
				await tx`select * from public.session_signups(${ids.activityId}, ${ids.sessionId})`;
			expect(list).toHaveLength(2);
			await tx`select public.update_signup(${signupId}, 'attended')`;
			await tx`select public.message_signups(${ids.activityId}, ${ids.sessionId}, 'Hei', 'Vi sees')`;
			return (await count()) - before;
		});
		expect(scans).toBe(0);
	});
});

describe('the purge', () => {
	it('at retention + 1 day names, contacts and notes are gone, counts stay, the link says deleted', async () => {
		const ids = await activity();
		const s = await signUp(ids, { p_note: 'Jeg kommer litt senere', p_first_time: true });
		const service = createClient<Database>(rt.url, rt.secretKey, opts);
		const ends = (await sql`select ends_at from public.sessions where id = ${ids.sessionId}`)[0]
			.ends_at as Date;
		const early = await service.rpc('purge_signups', {
			p_now: new Date(ends.getTime() + 29 * 86_400_000).toISOString()
		});
		expect(early.error).toBeNull();
		expect((await anon.rpc('signup_by_token', { p_token: s.token })).data![0].deleted).toBe(false);
		const purged = await service.rpc('purge_signups', {
			p_now: new Date(ends.getTime() + 31 * 86_400_000).toISOString()
		});
		expect(purged.data).toBeGreaterThanOrEqual(1);
		const [row] = await sql`
			select chosen_name, email, phone, note, purged_at from private.signups where id = ${s.row!.signup_id}`;
		expect(row).toMatchObject({ chosen_name: null, email: null, phone: null, note: null });
		expect(row.purged_at).not.toBeNull();
		const link = (await anon.rpc('signup_by_token', { p_token: s.token })).data![0];
		expect(link).toMatchObject({ deleted: true, chosen_name: null, email: null });
		const counts = await organizer.rpc('activity_headcounts', { p_activity: ids.activityId });
		expect(counts.data).toEqual([expect.objectContaining({ signups: 1, first_timers: 1 })]);
		const mails =
			await sql`select count(*)::int as n from private.outbox where data->>'signup_id' = ${s.row!.signup_id}`;
		expect(mails[0].n).toBe(0);
		expect((await anon.rpc('purge_signups', {})).error?.code).toBe('42501');
	});
});

describe('the control: without the row lock', () => {
	it('parallel sign-ups overbook, so the capacity test above can fail', async () => {
		await sql`create or replace function private.lock_places(p_activity uuid, p_session uuid) returns void
			language plpgsql set search_path = '' as $$ begin perform pg_sleep(0.02); end; $$`;
		let overbooked = 0;
		for (let run = 0; run < 5; run++) {
			const ids = await activity({ capacity: 5 });
			const answers = await Promise.all(Array.from({ length: 20 }, () => signUp(ids)));
			const confirmed = answers.filter((a) => a.row?.status === 'confirmed').length;
			if (confirmed > 5) overbooked += 1;
		}
		expect(overbooked).toBeGreaterThan(0);
	});
});
