// Public discovery through supabase-js as a visitor: filters, Norwegian and English search by
// word prefix, a misspelling found by similarity, hostile words, and what stays private.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/database.types.ts';
import { searchWords } from '../../src/lib/server/search-words.ts';
import { startTestRuntime, type TestRuntime } from '../../tests/support/runtime.ts';

let rt: TestRuntime;
let sql: postgres.Sql;
let anon: SupabaseClient<Database>;
const day = 86_400_000;
const from = new Date(Date.now() - 3600_000).toISOString();
const to = new Date(Date.now() + 60 * day).toISOString();

beforeAll(async () => {
	rt = await startTestRuntime();
	sql = postgres(rt.superuserUrl, { max: 1, onnotice: () => {} });
	anon = createClient<Database>(rt.url, rt.publishableKey, {
		auth: { persistSession: false, autoRefreshToken: false }
	});
	const [oslo, bergen, pending] = await sql`
		insert into public.organizations (slug, name, kind, status, approved_at) values
			('ball-oslo', 'Ball Oslo', 'ngo', 'approved', now()),
			('tur-bergen', 'Tur Bergen', 'ngo', 'approved', now()),
			('venter', 'Venter', 'ngo', 'pending', null)
		returning id`;
	const activities = [
		[
			oslo.id,
			'fotball',
			'Fotballtrening på Bislett',
			'sport',
			'{substance_free,free_of_charge}',
			'Oslo',
			false,
			'published'
		],
		[bergen.id, 'tur', 'Tur i marka', 'outdoor', '{substance_free}', 'Bergen', false, 'published'],
		[
			oslo.id,
			'yoga',
			'Yogakurs for nybegynnere',
			'course',
			'{beginners_welcome}',
			'Oslo',
			false,
			'published'
		],
		[
			oslo.id,
			'walk',
			'Sunday walk in English',
			'outdoor',
			'{english_spoken}',
			'Oslo',
			false,
			'published'
		],
		[oslo.id, 'online', 'Samtalegruppe på nett', 'dialogue_group', '{}', null, true, 'published'],
		[oslo.id, 'utkast', 'Fotball utkast', 'sport', '{}', 'Oslo', false, 'draft'],
		[pending.id, 'skjult', 'Fotball skjult', 'sport', '{}', 'Oslo', false, 'published']
	] as const;
	for (const [org, slug, title, category, attributes, city, online, status] of activities) {
		const [a] = await sql`
			insert into public.activities (organization_id, slug, title, category, attributes, venue, city, online, first_date, start_time, duration_minutes, status)
			values (${org}, ${slug}, ${title}, ${category}, ${attributes}, ${online ? null : 'Huset'}, ${city}, ${online}, current_date + 1, '18:00', 90, ${status})
			returning id`;
		await sql`
			insert into public.sessions (activity_id, occurrence_date, starts_at, ends_at)
			select ${a.id}, current_date + n, now() + n * interval '1 day', now() + n * interval '1 day' + interval '90 minutes'
			from generate_series(1, 3) n`;
	}
});

afterAll(async () => {
	await sql?.end();
	await rt?.stop();
});

type Args = Database['public']['Functions']['discover_sessions']['Args'];

async function titles(args: Partial<Args> = {}, text?: string) {
	const { data, error } = await anon.rpc('discover_sessions', {
		p_from: from,
		p_to: to,
		...(text !== undefined ? { p_words: searchWords(text) } : {}),
		...args
	});
	if (error) throw new Error(`${error.code} ${error.message}`);
	// The template database holds the demo seed too: look only at this file's organizations.
	const own = data.filter((r) =>
		['ball-oslo', 'tur-bergen', 'venter'].includes(r.organization_slug)
	);
	return [...new Set(own.map((r) => r.title))].sort();
}

describe('discover_sessions', () => {
	it('lists upcoming sessions of published activities of approved organizations only', async () => {
		expect(await titles()).toEqual([
			'Fotballtrening på Bislett',
			'Samtalegruppe på nett',
			'Sunday walk in English',
			'Tur i marka',
			'Yogakurs for nybegynnere'
		]);
	});

	it('filters by category, attributes, organization, city and online', async () => {
		expect(await titles({ p_categories: ['outdoor'] })).toEqual([
			'Sunday walk in English',
			'Tur i marka'
		]);
		expect(await titles({ p_attributes: ['substance_free', 'free_of_charge'] })).toEqual([
			'Fotballtrening på Bislett'
		]);
		expect(await titles({ p_organization: 'tur-bergen' })).toEqual(['Tur i marka']);
		expect(await titles({ p_city: 'bergen' })).toEqual(['Tur i marka']);
		expect(await titles({ p_online: true })).toEqual(['Samtalegruppe på nett']);
		expect(await titles({ p_categories: ['outdoor'], p_city: 'Oslo' })).toEqual([
			'Sunday walk in English'
		]);
	});

	it.each([
		['fotball', ['Fotballtrening på Bislett']],
		['turer', ['Tur i marka']],
		['yoga', ['Yogakurs for nybegynnere']],
		['walks', ['Sunday walk in English']],
		['samtalegrupper', ['Samtalegruppe på nett']]
	])('finds Norwegian and English word forms: %s', async (text, expected) => {
		expect(await titles({}, text)).toEqual(expected);
	});

	it('finds a misspelled word by similarity when full-text search finds nothing', async () => {
		expect(await titles({}, 'fotbal')).toEqual(['Fotballtrening på Bislett']);
		expect(await titles({}, 'yogakrus')).toEqual(['Yogakurs for nybegynnere']);
		expect(await titles({}, 'xqzvwk')).toEqual([]);
	});

	it.each([
		["'; drop table activities; --"],
		['fotball & (tur | !yoga):*'],
		['"\\\'<>'],
		['\u0000'],
		['🙂🙂'],
		['a'.repeat(10_000)]
	])('answers hostile input %# with results or nothing, never an error', async (text) => {
		await expect(titles({}, text)).resolves.toBeInstanceOf(Array);
		// Straight to the database, bypassing the app's word splitting: still no error (but a NUL,
		// which no Postgres text can hold, is refused as input with 22P05, as PostgREST does).
		const { error } = await anon.rpc('discover_sessions', {
			p_from: from,
			p_to: to,
			p_words: [text.slice(0, 500)]
		});
		expect(error?.code ?? null).toBe(text.includes('\u0000') ? '22P05' : null);
	});

	it('pages by keyset and refuses an unbounded window', async () => {
		const { data: first } = await anon.rpc('discover_sessions', {
			p_from: from,
			p_to: to,
			p_organization: 'ball-oslo',
			p_limit: 4
		});
		expect(first).toHaveLength(4);
		const last = first!.at(-1)!;
		const { data: next } = await anon.rpc('discover_sessions', {
			p_from: from,
			p_to: to,
			p_organization: 'ball-oslo',
			p_limit: 100,
			p_after_at: last.starts_at,
			p_after_id: last.session_id
		});
		expect(next).toHaveLength(12 - 4); // Ball Oslo: four public activities, three dates each
		const wide = await anon.rpc('discover_sessions', {
			p_from: from,
			p_to: new Date(Date.now() + 400 * day).toISOString()
		});
		expect(wide.error?.code).toBe('22023');
	});
});
