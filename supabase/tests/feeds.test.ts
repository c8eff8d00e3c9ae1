// The feeds' window (public.feed_sessions) as a visitor sees it through supabase-js: public rows
// only, SEQUENCE that grows with every change a calendar shows, cancellations kept 30 days; and
// the size and generation time of a feed of 1,000 sessions.
import { gzipSync } from 'node:zlib';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/database.types.ts';
import { buildCalendar } from '../../src/lib/server/feeds.ts';
import { feedWindow, listSessions } from '../../src/lib/server/feed-sessions.ts';
import { readFeedWithIcalJs, readFeedWithNodeIcal } from '../../tests/support/ical.ts';
import { startTestRuntime, type TestRuntime } from '../../tests/support/runtime.ts';

let rt: TestRuntime;
let sql: postgres.Sql;
let anon: SupabaseClient<Database>;
let published: string;
let sessionId: string;

beforeAll(async () => {
	rt = await startTestRuntime();
	sql = postgres(rt.superuserUrl, { max: 1, onnotice: () => {} });
	anon = createClient<Database>(rt.url, rt.publishableKey, {
		auth: { persistSession: false, autoRefreshToken: false }
	});
	const [open, pending] = await sql`
		insert into public.organizations (slug, name, kind, status, approved_at) values
			('feed-open', 'Feed Open', 'ngo', 'approved', now()),
			('feed-pending', 'Feed Pending', 'ngo', 'pending', null)
		returning id`;
	const add = async (org: string, slug: string, status: string) => {
		const [a] = await sql`
			insert into public.activities (organization_id, slug, title, category, venue, first_date, start_time, duration_minutes, status, published_at)
			values (${org}, ${slug}, ${`Aktivitet ${slug}`}, 'sport', 'Hallen', current_date + 1, '18:00', 90, ${status}, now())
			returning id`;
		const [s] = await sql`
			insert into public.sessions (activity_id, occurrence_date, starts_at, ends_at)
			values (${a.id}, current_date + 1, now() + interval '1 day', now() + interval '1 day 90 minutes')
			returning id`;
		return { activity: a.id as string, session: s.id as string };
	};
	({ activity: published, session: sessionId } = await add(open.id, 'publisert', 'published'));
	await add(open.id, 'utkast', 'draft');
	await add(pending.id, 'venter', 'published');
});

afterAll(async () => {
	await sql?.end();
	await rt?.stop();
});

const list = (query: Partial<Parameters<typeof listSessions>[1]> = {}) =>
	listSessions(anon, { ...feedWindow(new Date()), ...query });

describe('feed_sessions', () => {
	it('gives visitors only published activities of approved organizations', async () => {
		const rows = await list();
		const ours = rows.filter((r) => r.title.startsWith('Aktivitet '));
		expect(ours.map((r) => r.title)).toEqual(['Aktivitet publisert']);
		expect(Object.keys(rows[0]).filter((k) => /email|phone|signup|attendee/.test(k))).toEqual([]);
	});

	it('raises SEQUENCE on a move, a cancellation and a new title, not on bookkeeping', async () => {
		const seq = async () => (await list({ activity: published }))[0].sequence;
		const before = await seq();
		await sql`update public.sessions set edited = true where id = ${sessionId}`;
		expect(await seq()).toBe(before);
		await sql`update public.sessions set starts_at = starts_at + interval '1 hour', ends_at = ends_at + interval '1 hour' where id = ${sessionId}`;
		const moved = await seq();
		expect(moved).toBeGreaterThan(before);
		await sql`update public.activities set title = 'Nytt navn' where id = ${published}`;
		const renamed = await seq();
		expect(renamed).toBeGreaterThan(moved);
		await sql`update public.sessions set status = 'cancelled', cancel_reason = 'Syk' where id = ${sessionId}`;
		const [row] = await list({ activity: published });
		expect(row).toMatchObject({ session_status: 'cancelled', session_id: sessionId });
		expect(row.sequence).toBeGreaterThan(renamed);
	});

	it('drops a cancellation 30 days after it was made', async () => {
		await sql.begin(async (tx) => {
			await tx`set local session_replication_role = replica`;
			await tx`update public.sessions set updated_at = now() - interval '31 days' where id = ${sessionId}`;
		});
		expect(await list({ activity: published })).toEqual([]);
		await sql`update public.sessions set status = 'scheduled', cancel_reason = null where id = ${sessionId}`;
		expect(await list({ activity: published })).toHaveLength(1);
	});

	it('refuses a window over 400 days and caps rows at 2000', async () => {
		const from = new Date();
		const to = new Date(from.getTime() + 401 * 86_400_000);
		await expect(listSessions(anon, { from, to })).rejects.toThrow(/22023/);
		expect(await list({ organization: 'feed-open', limit: 5000 })).toHaveLength(1);
	});

	it('builds a feed of 1,000 sessions that both parsers read (figures for the report)', async () => {
		const [org] = await sql`
			insert into public.organizations (slug, name, kind, status, approved_at, discreet)
			values ('feed-big', 'Feed Big', 'ngo', 'approved', now(), false) returning id`;
		const [a] = await sql`
			insert into public.activities (organization_id, slug, title, summary, category, venue, address, city, first_date, start_time, duration_minutes, status, published_at)
			values (${org.id}, 'mye', 'Innebandy i gymsalen', 'Gratis – kaffe og vafler', 'sport', 'Gymsalen', 'Storgata 12, 0184 Oslo', 'Oslo', current_date, '18:00', 90, 'published', now())
			returning id`;
		await sql`
			insert into public.sessions (activity_id, occurrence_date, starts_at, ends_at)
			select ${a.id}, current_date + n, now() + n * interval '8 hours', now() + n * interval '8 hours' + interval '90 minutes'
			from generate_series(1, 1000) n`;
		const t0 = performance.now();
		const rows = await list({ organization: 'feed-big' });
		const t1 = performance.now();
		const ics = buildCalendar({
			sessions: rows,
			locale: 'nb',
			name: 'Feed Big',
			origin: 'https://sammen.test'
		});
		const t2 = performance.now();
		expect(rows).toHaveLength(1000);
		expect(readFeedWithIcalJs(ics).events).toHaveLength(1000);
		expect(readFeedWithNodeIcal(ics)).toHaveLength(1000);
		const gzip = gzipSync(ics).length;
		console.log(
			`feed of 1000 sessions: ${Buffer.byteLength(ics)} bytes (${gzip} gzip), query ${(t1 - t0).toFixed(0)} ms, build ${(t2 - t1).toFixed(0)} ms`
		);
	});
});
