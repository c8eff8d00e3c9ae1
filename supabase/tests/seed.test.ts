// The demo data a newcomer sees on a first `npm start`: the seed (applied by the Supabase CLI to
// the test template, as `npm start` applies it) plus one run of the start-up job that makes the
// sessions. Every published activity then has upcoming dates; the two dates an organizer changed
// by hand (one cancelled, one moved) survive the job; a second run changes nothing.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/database.types.ts';
import * as activities from '../../src/lib/server/activities.ts';
import { startTestRuntime, type TestRuntime } from '../../tests/support/runtime.ts';

const opts = { auth: { persistSession: false, autoRefreshToken: false } };
const id = (n: number) => `0b9f7f3e-1c1a-4c61-9d1e-${String(n).padStart(12, '0')}`;
const ids = {
	innebandy: id(101),
	talkGroup: id(115),
	parentsCourse: id(123),
	cancelled: id(201),
	moved: id(202)
};

let rt: TestRuntime;
let sql: postgres.Sql;
let anon: SupabaseClient<Database>;
let synced: number;

beforeAll(async () => {
	rt = await startTestRuntime();
	sql = postgres(rt.superuserUrl, { max: 1, onnotice: () => {} });
	anon = createClient<Database>(rt.url, rt.publishableKey, opts);
	const admin = createClient<Database>(rt.url, rt.secretKey, opts);
	synced = await activities.extendHorizons(admin);
});

afterAll(async () => {
	await sql?.end();
	await rt?.stop();
});

describe('the seed', () => {
	it('publishes 25–40 activities in every category and every approved organization’s city', async () => {
		const published = await sql`
			select a.category::text, a.city, a.online, a.attributes::text[] as attributes
			from public.activities a join public.organizations o on o.id = a.organization_id
			where a.status = 'published' and o.status = 'approved'`;
		expect(published.length).toBeGreaterThanOrEqual(25);
		expect(published.length).toBeLessThanOrEqual(40);
		const [{ categories }] =
			await sql`select enum_range(null::public.activity_category)::text[] as categories`;
		expect(new Set(published.map((a) => a.category))).toEqual(new Set(categories));
		const cities = await sql`
			select distinct city from public.organizations where status = 'approved'`;
		for (const { city } of cities) {
			expect(
				published.some((a) => a.city === city),
				city
			).toBe(true);
		}
		expect(published.some((a) => a.online)).toBe(true);
		// Most attribute tags, and a few activities in English.
		expect(new Set(published.flatMap((a) => a.attributes)).size).toBeGreaterThanOrEqual(9);
		const english = published.filter((a) => a.attributes.includes('english_spoken'));
		expect(english.length).toBeGreaterThanOrEqual(3);
	});

	it('has every kind of organization, and a pending one nobody sees', async () => {
		const kinds = await sql`select distinct kind::text from public.organizations`;
		expect(kinds.map((k) => k.kind).sort()).toEqual(
			['ngo', 'public_service', 'treatment_facility', 'user_organization'].sort()
		);
		const [pending] = await sql`select slug from public.organizations where status = 'pending'`;
		expect(pending.slug).toBe('likepersoner-i-agder');
		const { data } = await anon.from('organizations').select('slug').eq('slug', pending.slug);
		expect(data).toEqual([]);
	});

	it('has a four-evening course for pårørende with sign-up for all dates and a waiting list', async () => {
		const { data } = await anon
			.from('activities')
			.select('title, category, rrule, signup_mode, waitlist, capacity')
			.eq('id', ids.parentsCourse)
			.single();
		expect(data).toMatchObject({
			category: 'course',
			rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=4',
			signup_mode: 'whole_series',
			waitlist: true
		});
	});

	it('says nothing stigmatising', async () => {
		const [{ text }] = await sql`
			select string_agg(title || ' ' || summary || ' ' || description, ' ') as text
			from (select title, summary, description from public.activities
			      union all select name, '', description from public.organizations) t`;
		expect(text).not.toMatch(/misbruk|narkoman|addict|sprøytenark|rusav\w+ig/i);
		expect(text).toContain('LAR-pasienter er hjertelig velkomne');
		expect(text).toContain('Gratis – kaffe og vafler');
	});
});

describe('after one run of the start-up sessions job', () => {
	it('every published activity has upcoming dates (repeating and single-date ones)', async () => {
		const rows = await sql`
			select a.title, a.rrule, count(s.id)::int as upcoming
			from public.activities a
			left join public.sessions s
			  on s.activity_id = a.id and s.starts_at > now() and s.status = 'scheduled'
			where a.status = 'published'
			group by a.id`;
		expect(synced).toBe(rows.length);
		expect(rows.filter((r) => r.upcoming === 0)).toEqual([]);
		expect(rows.some((r) => r.rrule === null)).toBe(true);
		// A visitor sees them too.
		const { data } = await anon
			.from('sessions')
			.select('id')
			.gt('starts_at', new Date().toISOString());
		expect(data!.length).toBeGreaterThan(rows.length);
	});

	it('keeps the cancelled and the moved date as the organizer left them', async () => {
		const [cancelled] = await sql`
			select s.*, a.first_date from public.sessions s join public.activities a on a.id = s.activity_id
			where s.id = ${ids.cancelled}`;
		expect(cancelled).toMatchObject({
			activity_id: ids.innebandy,
			status: 'cancelled',
			edited: true
		});
		expect(cancelled.cancel_reason).toBeTruthy();
		const [moved] = await sql`
			select s.occurrence_date, s.edited, s.status::text,
			       (s.starts_at at time zone 'Europe/Oslo')::date - s.occurrence_date as days_later,
			       to_char(s.starts_at at time zone 'Europe/Oslo', 'HH24:MI') as local_time
			from public.sessions s where s.id = ${ids.moved} and s.activity_id = ${ids.talkGroup}`;
		expect(moved).toMatchObject({
			edited: true,
			status: 'scheduled',
			days_later: 1,
			local_time: '19:00'
		});
		// Each is the one session of its date: the job added no second one beside it.
		const [{ n }] = await sql`
			select count(*)::int as n from public.sessions
			where (activity_id, occurrence_date) in (select activity_id, occurrence_date
			                                         from public.sessions where edited)`;
		expect(n).toBe(2);
	});

	it('a second run changes nothing', async () => {
		const snapshot = () =>
			sql`select id, occurrence_date, starts_at, ends_at, status, updated_at
			    from public.sessions order by id`;
		const before = await snapshot();
		const admin = createClient<Database>(rt.url, rt.secretKey, opts);
		await activities.extendHorizons(admin);
		expect(await snapshot()).toEqual(before);
	});
});
