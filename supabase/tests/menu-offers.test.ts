// The menu's offers (`menu_offers`) through supabase-js as a visitor: per organization its three
// soonest published activities in the window, each with its next date and number of dates, and
// the organization's count of them all; cancelled dates, drafts and organizations waiting for
// approval stay out, and the window is at most 62 days however wide it is asked.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/database.types.ts';
import { startTestRuntime, type TestRuntime } from '../../tests/support/runtime.ts';

let rt: TestRuntime;
let sql: postgres.Sql;
let anon: SupabaseClient<Database>;
const day = 86_400_000;
const base = Date.now() + day;
let open: string;
let waiting: string;

beforeAll(async () => {
	rt = await startTestRuntime();
	sql = postgres(rt.superuserUrl, { max: 1, onnotice: () => {} });
	anon = createClient<Database>(rt.url, rt.publishableKey, {
		auth: { persistSession: false, autoRefreshToken: false }
	});
	[{ id: open }, { id: waiting }] = await sql`
		insert into public.organizations (slug, name, kind, status, approved_at) values
			('meny-open', 'Meny åpen', 'ngo', 'approved', now()),
			('meny-venter', 'Meny venter', 'ngo', 'pending', null)
		returning id`;
	// Five published activities of the open organization, one draft; one of the waiting one's.
	const activity = async (org: string, slug: string, status: string, days: number[]) => {
		const [a] = await sql`
			insert into public.activities (organization_id, slug, title, category, venue, first_date,
				start_time, duration_minutes, status, published_at)
			values (${org}, ${`tilbud-${slug}`}, ${`Tilbud ${slug}`}, 'sport', 'Hallen', current_date + 1, '18:00',
				60, ${status}, case when ${status} = 'published' then now() end)
			returning id`;
		for (const d of days)
			await sql`
				insert into public.sessions (activity_id, occurrence_date, starts_at, ends_at)
				values (${a.id}, current_date + ${d}::int, ${new Date(base + d * day)}, ${new Date(base + d * day + 3600_000)})`;
		return a.id as string;
	};
	await activity(open, 'a', 'published', [3, 10, 17]);
	await activity(open, 'b', 'published', [1]);
	await activity(open, 'c', 'published', [5, 12]);
	await activity(open, 'd', 'published', [8]);
	await activity(open, 'e', 'published', [40]);
	await activity(open, 'utkast', 'draft', [0]);
	const cancelled = await activity(open, 'avlyst', 'published', [2]);
	await sql`update public.sessions set status = 'cancelled' where activity_id = ${cancelled}`;
	await activity(waiting, 'x', 'published', [1]);
});
afterAll(async () => {
	await sql?.end();
	await rt?.stop();
});

const offers = async (fromDays: number, untilDays: number) => {
	const { data, error } = await anon.rpc('menu_offers', {
		p_from: new Date(base + fromDays * day - 3600_000).toISOString(),
		p_until: new Date(base + untilDays * day).toISOString()
	});
	expect(error).toBeNull();
	return data!.filter((r) => r.organization_id === open || r.organization_id === waiting);
};

describe('menu_offers', () => {
	it('gives three activities an organization, soonest first, with their dates and its count', async () => {
		const rows = await offers(0, 28);
		expect(rows.map((r) => [r.title, r.dates, r.offers])).toEqual([
			['Tilbud b', 1, 4],
			['Tilbud a', 3, 4],
			['Tilbud c', 2, 4]
		]);
		expect(new Date(rows[1].next_start).getTime()).toBe(base + 3 * day);
	});

	it('leaves out drafts, cancelled dates and organizations not approved', async () => {
		const titles = (await offers(0, 28)).map((r) => r.title);
		expect(titles).not.toContain('Tilbud utkast');
		expect(titles).not.toContain('Tilbud avlyst');
		expect(titles).not.toContain('Tilbud x');
	});

	it('looks at most 62 days ahead, however far it is asked', async () => {
		expect((await offers(0, 60)).map((r) => r.offers)).toEqual([5, 5, 5]);
		const far = await offers(30, 365);
		expect(far.map((r) => r.title)).toEqual(['Tilbud e']);
		expect((await offers(-30, 365)).map((r) => r.title)).not.toContain('Tilbud e');
	});
});
