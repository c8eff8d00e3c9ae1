// The home page's organizations through supabase-js as a visitor (organizations.ts,
// `listForHome`): cards while there are few, names only past HOME_CARDS, so the page and its
// cost stay bounded however many organizations join. Pending and suspended ones never show.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/database.types.ts';
import { HOME_CARDS, listForHome } from '../../src/lib/server/organizations.ts';
import { startTestRuntime, type TestRuntime } from '../../tests/support/runtime.ts';

let rt: TestRuntime;
let sql: postgres.Sql;
let anon: SupabaseClient<Database>;

beforeAll(async () => {
	rt = await startTestRuntime();
	sql = postgres(rt.superuserUrl, { max: 1, onnotice: () => {} });
	anon = createClient<Database>(rt.url, rt.publishableKey, {
		auth: { persistSession: false, autoRefreshToken: false }
	});
});
afterAll(async () => {
	await sql?.end();
	await rt?.stop();
});

const approved = async () =>
	(await sql`select count(*)::int as n from public.organizations where status = 'approved'`)[0]
		.n as number;

describe('the home page organizations', () => {
	it('are cards, with descriptions, while there are few', async () => {
		const n = await approved();
		expect(n).toBeLessThanOrEqual(HOME_CARDS);
		const home = await listForHome(anon);
		expect(home.names).toHaveLength(n);
		expect(home.cards).toHaveLength(n);
		expect(home.cards!.some((c) => c.description.length > 0)).toBe(true);
	});

	it('are names only past HOME_CARDS, by name, without the pending and suspended', async () => {
		const more = HOME_CARDS + 1 - (await approved());
		await sql`
			insert into public.organizations (slug, name, kind, status, approved_at, description)
			select 'mange-' || n, 'Mange ' || lpad(n::text, 2, '0'), 'ngo', 'approved', now(), 'Om oss'
			from generate_series(1, ${more}) n`;
		await sql`
			insert into public.organizations (slug, name, kind, status, approved_at) values
				('venter-her', 'Venter her', 'ngo', 'pending', null),
				('stengt-her', 'Stengt her', 'ngo', 'suspended', now())`;
		const home = await listForHome(anon);
		expect(home.cards).toBeNull();
		expect(home.names).toHaveLength(HOME_CARDS + 1);
		expect(home.names.map((o) => o.slug)).not.toContain('venter-her');
		expect(home.names.map((o) => o.slug)).not.toContain('stengt-her');
		const ours = home.names.map((o) => o.name).filter((n) => n.startsWith('Mange '));
		expect(ours).toEqual([...ours].sort());
		// Names, places and addresses of pages only: no description travels.
		expect(Object.keys(home.names[0]).sort()).toEqual(['city', 'name', 'slug']);
	});
});
