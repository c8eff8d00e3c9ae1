// Calendar feeds and the JSON API over HTTP: both parsers read every feed, the ETag changes with
// the data and answers 304, a discreet organization's feed names nothing sensitive, /en serves
// English, the activity page offers "add to calendar" and announces its feeds, and the API is
// open to other origins and answers bad parameters with JSON 400s.
import type { APIResponse } from '@playwright/test';
import { database } from './support/attacker';
import { expect, expectAccessible, test } from './support/fixtures';
import { readFeedWithIcalJs, readFeedWithNodeIcal } from './support/ical';

const sql = database();
const tag = crypto.randomUUID().slice(0, 6);
const ZONE = 'Europe/Oslo';

/** An approved organization with one published weekly 18:00 activity and `weeks` dates. */
async function organization(options: { discreet: boolean; title: string; weeks?: number }) {
	const slug = `kal-${crypto.randomUUID().slice(0, 8)}`;
	const [org] = await sql`
		insert into public.organizations (slug, name, kind, status, approved_at, discreet)
		values (${slug}, ${`Kalenderforening ${tag}`}, 'ngo', 'approved', now(), ${options.discreet}) returning id`;
	const [activity] = await sql`
		insert into public.activities (organization_id, slug, title, summary, category, venue, address, city, first_date, start_time, duration_minutes, status, published_at)
		values (${org.id}, 'samtale', ${options.title}, 'Vi snakker om rusfrihet og avhengighet', 'dialogue_group', 'Frivilligsentralen', 'Storgata 12, 0184 Oslo', 'Oslo', current_date + 1, '18:00', 90, 'published', now())
		returning id`;
	// 18:00 Oslo wall clock every 7 days for a year: across both DST switches.
	const sessions = await sql`
		insert into public.sessions (activity_id, occurrence_date, starts_at, ends_at)
		select ${activity.id}, current_date + 7 * n,
			((current_date + 7 * n)::timestamp + time '18:00') at time zone ${ZONE},
			((current_date + 7 * n)::timestamp + time '19:30') at time zone ${ZONE}
		from generate_series(1, ${options.weeks ?? 52}) n
		returning id`;
	return {
		slug,
		orgId: org.id as string,
		activityId: activity.id as string,
		sessionIds: sessions.map((s) => s.id as string)
	};
}

async function feed(response: APIResponse) {
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toBe('text/calendar; charset=utf-8');
	expect(response.headers()['cache-control']).toBe('public, max-age=300');
	const ics = await response.text();
	const a = readFeedWithIcalJs(ics);
	const b = readFeedWithNodeIcal(ics);
	expect(b.map((e) => [e.uid, e.sequence, e.status, e.start.toISOString()])).toEqual(
		a.events.map((e) => [e.uid, e.sequence, e.status, e.start.toISOString()])
	);
	return { ics, ...a, etag: response.headers()['etag'] };
}

const osloTime = (d: Date) =>
	new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit' }).format(
		d
	);
const osloMonth = (d: Date) =>
	Number(new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, month: 'numeric' }).format(d));

test('every feed parses in ical.js and node-ical; 18:00 Oslo stays 18:00 all year', async ({
	request
}) => {
	const o = await organization({ discreet: false, title: `Samtalegruppe ${tag}` });
	const activity = await feed(await request.get(`/feeds/activity/${o.activityId}.ics`));
	expect(activity.events).toHaveLength(52);
	expect(activity.vtimezones).toEqual([ZONE]);
	expect(activity.events.every((e) => e.tzid === ZONE)).toBe(true);
	for (const month of [3, 6, 11]) {
		const inMonth = activity.events.filter((e) => osloMonth(e.start) === month);
		expect(inMonth.length).toBeGreaterThan(0);
		expect(inMonth.every((e) => osloTime(e.start) === '18:00')).toBe(true);
	}
	expect(activity.events[0].uid).toBe(`session-${o.sessionIds[0]}@sammen`);
	expect(activity.ics.replaceAll('\r\n ', '')).toContain(
		`URL;VALUE=URI:${process.env.SAMMEN_BASE_URL}/activity/`
	);
	expect(activity.ics).toMatch(/^REFRESH-INTERVAL;VALUE=DURATION:PT6H\r$/m);
	expect(activity.ics).toMatch(/^X-PUBLISHED-TTL:PT6H\r$/m);
	expect(activity.ics).toContain('CATEGORIES:Samtalegruppe');
	expect(activity.ics).toContain('LOCATION:Frivilligsentralen\\, Storgata 12\\, 0184 Oslo\\, Oslo');
	expect(activity.ics).not.toMatch(/ATTENDEE|ORGANIZER|@example/);

	const org = await feed(await request.get(`/feeds/org/${o.slug}.ics`));
	expect(org.events).toHaveLength(52);
	expect(org.name).toBe(`Kalenderforening ${tag} – Sammen`);
	const category = await feed(await request.get('/feeds/category/dialogue_group.ics'));
	expect(category.events.map((e) => e.uid)).toContain(activity.events[0].uid);
	const filtered = await feed(
		await request.get(`/feeds/sessions.ics?category=dialogue_group&org=${o.slug}&city=Oslo`)
	);
	expect(filtered.events).toHaveLength(52);
	const all = await feed(await request.get('/feeds/all.ics'));
	expect(all.events.map((e) => e.uid)).toContain(activity.events[0].uid);
	const one = await request.get(`/feeds/activity/${o.activityId}.ics?session=${o.sessionIds[1]}`);
	expect(one.headers()['content-disposition']).toBe('attachment; filename="sammen.ics"');
	expect((await feed(one)).events.map((e) => e.uid)).toEqual([`session-${o.sessionIds[1]}@sammen`]);

	expect((await request.get('/feeds/category/knitting.ics')).status()).toBe(404);
	expect((await request.get(`/feeds/org/finnes-ikke-${tag}.ics`)).status()).toBe(404);
	expect((await request.get('/feeds/activity/not-an-id.ics')).status()).toBe(404);
});

test('/en/feeds reaches the same feed in English', async ({ request }) => {
	const o = await organization({ discreet: false, title: `Talk group ${tag}`, weeks: 2 });
	await sql`update public.sessions set status = 'cancelled', cancel_reason = 'Ill' where id = ${o.sessionIds[0]}`;
	const en = await feed(await request.get(`/en/feeds/activity/${o.activityId}.ics`));
	expect(en.name).toBe(`Talk group ${tag} – Sammen`);
	expect(en.events[0].summary).toBe(`Cancelled: Talk group ${tag}`);
	expect(en.ics).toContain('CATEGORIES:Dialogue group');
	const unfolded = en.ics.replaceAll('\r\n ', '');
	expect(unfolded).toContain(
		`URL;VALUE=URI:${process.env.SAMMEN_BASE_URL}/en/activity/${o.activityId}`
	);
	const all = await feed(await request.get('/en/feeds/all.ics'));
	expect(all.name).toBe('Sammen – all activities');
});

test('cancelling and moving keep the UID and raise SEQUENCE; the ETag follows and 304s', async ({
	request
}) => {
	const o = await organization({ discreet: false, title: `Endres ${tag}`, weeks: 3 });
	const path = `/feeds/activity/${o.activityId}.ics`;
	const before = await feed(await request.get(path));
	const hit = await request.get(path, { headers: { 'if-none-match': before.etag } });
	expect(hit.status()).toBe(304);
	expect(await hit.body()).toHaveLength(0);
	const lastModified = (await request.get(path)).headers()['last-modified'];
	expect(lastModified).toBeTruthy();
	expect(
		(await request.get(path, { headers: { 'if-modified-since': lastModified } })).status()
	).toBe(304);

	const [cancel, move] = o.sessionIds;
	await sql`update public.sessions set status = 'cancelled', cancel_reason = 'Syk leder' where id = ${cancel}`;
	await sql`update public.sessions set starts_at = starts_at + interval '1 hour', ends_at = ends_at + interval '1 hour', edited = true where id = ${move}`;
	const after = await feed(await request.get(path, { headers: { 'if-none-match': before.etag } }));
	expect(after.etag).not.toBe(before.etag);
	const find = (events: typeof before.events, id: string) =>
		events.find((e) => e.uid === `session-${id}@sammen`)!;
	expect(find(after.events, cancel).status).toBe('CANCELLED');
	expect(find(after.events, cancel).sequence).toBeGreaterThan(find(before.events, cancel).sequence);
	expect(find(after.events, move).sequence).toBeGreaterThan(find(before.events, move).sequence);
	expect(osloTime(find(after.events, move).start)).toBe('19:00');

	// A change to the activity alone changes every event, and the ETag.
	await sql`update public.activities set title = ${`Endret ${tag}`} where id = ${o.activityId}`;
	const renamed = await feed(await request.get(path));
	expect(renamed.etag).not.toBe(after.etag);
	expect(renamed.events[2].summary).toBe(`Endret ${tag}`);
});

test('a discreet organization feed names nothing sensitive', async ({ request }) => {
	const o = await organization({ discreet: true, title: 'Rusfri samtalegruppe', weeks: 2 });
	for (const path of [
		`/feeds/activity/${o.activityId}.ics`,
		`/en/feeds/activity/${o.activityId}.ics`,
		`/feeds/org/${o.slug}.ics`,
		`/feeds/activity/${o.activityId}.ics?session=${o.sessionIds[0]}`
	]) {
		const { ics, events } = await feed(await request.get(path));
		for (const word of ['rus', 'avhengighet', 'addiction', 'recovery', 'behandling', 'rusfri'])
			expect(ics.toLowerCase(), `${word} in ${path}`).not.toContain(word);
		expect(events[0].summary).toMatch(/^(Samtalegruppe|Dialogue group) – Sammen$/);
	}
});

test('a newly published activity is in its organization feed at once', async ({ request }) => {
	const o = await organization({ discreet: false, title: `Først ${tag}`, weeks: 1 });
	const path = `/feeds/org/${o.slug}.ics`;
	const first = await feed(await request.get(path));
	const [draft] = await sql`
		insert into public.activities (organization_id, slug, title, category, venue, first_date, start_time, duration_minutes, status)
		values (${o.orgId}, 'ny', ${`Ny ${tag}`}, 'sport', 'Hallen', current_date + 2, '18:00', 60, 'draft') returning id`;
	await sql`insert into public.sessions (activity_id, occurrence_date, starts_at, ends_at)
		values (${draft.id}, current_date + 2, now() + interval '2 days', now() + interval '2 days 1 hour')`;
	expect((await feed(await request.get(path))).events).toHaveLength(1);
	await sql`update public.activities set status = 'published', published_at = now() where id = ${draft.id}`;
	const published = await feed(
		await request.get(path, { headers: { 'if-none-match': first.etag } })
	);
	expect(published.events.map((e) => e.summary).sort()).toEqual(
		[`Ny ${tag}`, `Først ${tag}`].sort()
	);
});

test('the activity page offers add to calendar and announces its feeds', async ({ page }) => {
	const o = await organization({ discreet: false, title: `Legg til ${tag}`, weeks: 2 });
	await page.goto(`/activity/${o.activityId}`);
	await expect(page.locator('link[rel="alternate"][type="text/calendar"]')).toHaveAttribute(
		'href',
		`/feeds/activity/${o.activityId}.ics`
	);
	await expect(page.locator('link[rel="alternate"][type="application/json"]')).toHaveAttribute(
		'href',
		`/api/v1/activities/${o.activityId}`
	);
	const section = page.getByRole('region', { name: 'Legg til i kalenderen' });
	await expect(section.getByRole('link', { name: 'Abonner på kalenderen' })).toHaveAttribute(
		'href',
		new RegExp(`^webcal://[^/]+/feeds/activity/${o.activityId}\\.ics$`)
	);
	const google = await section
		.getByRole('link', { name: /^Google Kalender/ })
		.first()
		.getAttribute('href');
	expect(new URL(google!).searchParams.get('ctz')).toBe(ZONE);
	expect(new URL(google!).searchParams.get('dates')).toMatch(/^\d{8}T180000\/\d{8}T193000$/);
	await expect(section.getByRole('link', { name: /^Outlook/ }).first()).toHaveAttribute(
		'href',
		/^https:\/\/outlook\.live\.com\/calendar\/0\/deeplink\/compose\?/
	);
	const download = section.getByRole('link', { name: /^Last ned/ }).first();
	const response = await page.request.get((await download.getAttribute('href'))!);
	expect(readFeedWithIcalJs(await response.text()).events).toHaveLength(1);
	await expectAccessible(page);

	await page.goto(`/org/${o.slug}`);
	await expect(page.locator('link[rel="alternate"][type="text/calendar"]')).toHaveAttribute(
		'href',
		`/feeds/org/${o.slug}.ics`
	);
	await page.goto(`/en?category=sport`);
	await expect(page.locator('link[rel="alternate"][type="text/calendar"]')).toHaveAttribute(
		'href',
		'/en/feeds/sessions.ics?category=sport'
	);
	await expect(page.locator('link[rel="alternate"][type="application/json"]')).toHaveAttribute(
		'href',
		'/api/v1/sessions?category=sport'
	);
});

test('JSON API: CORS preflight, GET, pages, ETag, 404 and 400 as JSON', async ({ request }) => {
	const o = await organization({ discreet: false, title: `API ${tag}`, weeks: 5 });
	const preflight = await request.fetch('/api/v1/sessions', {
		method: 'OPTIONS',
		headers: {
			origin: 'https://other.example',
			'access-control-request-method': 'GET',
			'access-control-request-headers': 'if-none-match'
		}
	});
	expect(preflight.status()).toBe(204);
	expect(preflight.headers()['access-control-allow-origin']).toBe('*');
	expect(preflight.headers()['access-control-allow-methods']).toContain('GET');
	expect(preflight.headers()['access-control-allow-headers']).toMatch(/If-None-Match/i);

	const first = await request.get(`/api/v1/sessions?org=${o.slug}&limit=3`, {
		headers: { origin: 'https://other.example' }
	});
	expect(first.status()).toBe(200);
	expect(first.headers()['access-control-allow-origin']).toBe('*');
	expect(first.headers()['content-type']).toBe('application/json; charset=utf-8');
	const page1 = await first.json();
	expect(page1.data).toHaveLength(3);
	expect(page1.data[0]).toMatchObject({
		status: 'scheduled',
		time_zone: ZONE,
		activity: { id: o.activityId, title: `API ${tag}`, category: 'dialogue_group' },
		organization: { slug: o.slug }
	});
	expect(JSON.stringify(page1)).not.toMatch(/email|phone|signup|attendee/i);
	const page2 = await (
		await request.get(`/api/v1/sessions?org=${o.slug}&limit=3&after=${page1.next}`)
	).json();
	expect(page2.data.map((s: { id: string }) => s.id)).toEqual(o.sessionIds.slice(3));
	expect(page2.next).toBeNull();
	const again = await request.get(`/api/v1/sessions?org=${o.slug}&limit=3`, {
		headers: { 'if-none-match': first.headers()['etag'] }
	});
	expect(again.status()).toBe(304);

	const activity = await request.get(`/api/v1/activities/${o.activityId}`);
	expect((await activity.json()).data).toMatchObject({
		id: o.activityId,
		organization: { slug: o.slug }
	});
	expect(
		(await (await request.get(`/api/v1/activities/${crypto.randomUUID()}`)).json()).error.code
	).toBe('not_found');
	const orgs = await (await request.get('/api/v1/organizations')).json();
	expect(orgs.data.map((x: { slug: string }) => x.slug)).toContain(o.slug);

	for (const [query, code] of [
		['category=knitting', 'bad_category'],
		['from=2026-02-30x', 'bad_date'],
		['after=garbage', 'bad_cursor'],
		['limit=101', 'bad_limit'],
		['limit=0', 'bad_limit']
	]) {
		const bad = await request.get(`/api/v1/sessions?${query}`);
		expect(bad.status(), query).toBe(400);
		expect(bad.headers()['access-control-allow-origin']).toBe('*');
		const body = await bad.json();
		expect(body.error.code, query).toBe(code);
		expect(typeof body.error.message).toBe('string');
	}
});

test('a feed of 1,000 sessions over HTTP (figures for the report)', async ({ request }) => {
	const o = await organization({ discreet: false, title: `Mange ${tag}`, weeks: 1 });
	await sql`
		insert into public.sessions (activity_id, occurrence_date, starts_at, ends_at)
		select ${o.activityId}, current_date + 400 + n, now() + n * interval '8 hours', now() + n * interval '8 hours 90 minutes'
		from generate_series(1, 999) n`;
	const path = `/feeds/org/${o.slug}.ics`;
	await request.get(path); // warm up
	const t0 = performance.now();
	const response = await request.get(path);
	const t1 = performance.now();
	const { events, ics, etag } = await feed(response);
	expect(events).toHaveLength(1000);
	const t2 = performance.now();
	const hit = await request.get(path, { headers: { 'if-none-match': etag } });
	const t3 = performance.now();
	expect(hit.status()).toBe(304);
	console.log(
		`HTTP feed of 1000 sessions: ${Buffer.byteLength(ics)} bytes in ${(t1 - t0).toFixed(0)} ms; 304 in ${(t3 - t2).toFixed(0)} ms`
	);
});
