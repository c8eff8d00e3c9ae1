// Fuzzing every JSON, iCalendar, CSV and script endpoint (issue 15): 1,000 generated requests
// each — path parameters, query strings, conditional headers and methods — never a 5xx or a
// stack trace. The organizer's CSV downloads are fuzzed as a logged-in organizer, on their own
// activity and on organization B's.
import fc from 'fast-check';
import { database } from '../support/attacker';
import { expect, test } from '../support/fixtures';
import { fuzz, nasty, pool, queryOf, RUNS, segment, type Target } from '../support/fuzz';
import { makeWorld, snapshotOf, someId, type World } from '../support/fuzz-world';

const sql = database();
let world: World;

test.beforeAll(async () => {
	world = await makeWorld(sql, 'endpoints');
});

const day = fc
	.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
	.map((d) => d.toISOString().slice(0, 10));
const filters = {
	q: fc.constantFrom('fotball', 'tur', 'kaffe og vafler', '"', '*'),
	category: fc.constantFrom('sport', 'outdoor', 'dialogue_group', 'x'),
	attr: fc.constantFrom('substance_free', 'youth', 'x'),
	org: fc.constantFrom('ball-oslo', 'finnes-ikke'),
	city: fc.constantFrom('Oslo', 'Bergen', ''),
	mode: fc.constantFrom('any', 'online', 'inperson', 'x'),
	when: fc.constantFrom('upcoming', 'week', 'nextweek', 'month', 'dates', 'x'),
	from: day,
	to: day,
	limit: fc.oneof(fc.integer({ min: -5, max: 200 }).map(String), fc.constant('1e3')),
	after: fc.oneof(
		fc.base64String({ maxLength: 80 }),
		fc.constant('MjAyNi0xMi0wMVQxNzowMDowMCswMDowMF8x')
	)
};
const headers = fc.record(
	{
		'if-none-match': fc.oneof(fc.constantFrom('*', 'W/"x"', '"abc"', ''), nasty),
		'if-modified-since': fc.oneof(
			fc.constantFrom('Sun, 29 Nov 2026 12:00:00 GMT', 'yesterday', '0'),
			nasty
		),
		accept: fc.constantFrom('text/html', 'application/json', 'text/calendar', '*/*', 'x/y'),
		'accept-language': fc.constantFrom('nb', 'en', 'nn-NO', '*', 'xx')
	},
	{ requiredKeys: [] }
);
/** Header values travel as bytes: control characters and non-Latin-1 cannot be sent at all. */
const sendable = (h: Record<string, string>) =>
	Object.fromEntries(
		Object.entries(h).filter(([, v]) => /^[\x20-\x7e]*$/.test(v) && v.length < 4000)
	);
const method = fc.constantFrom(
	'GET',
	'GET',
	'GET',
	'GET',
	'GET',
	'HEAD',
	'OPTIONS',
	'POST',
	'DELETE'
);

/** GETs (mostly) of `path` with a generated query string and headers. */
function get(
	name: string,
	path: fc.Arbitrary<string>,
	query = queryOf({}),
	cookie?: () => string
): Target {
	return {
		name,
		cookie,
		request: fc
			.record({ prefix: fc.constantFrom('', '/en'), path, query, headers, method })
			.map(({ prefix, path, query, headers, method }) => ({
				method,
				path: prefix + path + query,
				headers: sendable(headers)
			}))
	};
}

function targets(w: World, slugs: string[]): Target[] {
	const activity = segment(someId(w.a.activityId, w.a2.activityId, w.b.activityId));
	const session = someId(w.a.sessionId, w.b.sessionId);
	const token = segment(fc.constant(w.token), fc.stringMatching(/^[A-Za-z0-9_-]{43}$/));
	return [
		get('api/v1/sessions', fc.constant('/api/v1/sessions'), queryOf(filters)),
		get(
			'api/v1/activities/[id]',
			activity.map((id) => `/api/v1/activities/${id}`)
		),
		get('api/v1/organizations', fc.constant('/api/v1/organizations'), queryOf(filters)),
		get('feeds/all.ics', fc.constant('/feeds/all.ics'), queryOf(filters)),
		get('feeds/sessions.ics', fc.constant('/feeds/sessions.ics'), queryOf(filters)),
		get(
			'feeds/org/[slug].ics',
			segment(fc.constantFrom(...slugs)).map((s) => `/feeds/org/${s}.ics`),
			queryOf(filters)
		),
		get(
			'feeds/activity/[id].ics',
			activity.map((id) => `/feeds/activity/${id}.ics`),
			queryOf({ session })
		),
		get(
			'feeds/category/[category].ics',
			segment(filters.category).map((c) => `/feeds/category/${c}.ics`),
			queryOf(filters)
		),
		get('embed.js', fc.constant('/embed.js'), queryOf(filters)),
		get('embed/frame.js', fc.constant('/embed/frame.js'), queryOf(filters)),
		get(
			'signup/[token]/calendar.ics',
			token.map((t) => `/signup/${t}/calendar.ics`)
		),
		get(
			'signup/[token]/data.json',
			token.map((t) => `/signup/${t}/data.json`)
		),
		get(
			'attendees export.csv (organizer)',
			fc
				.tuple(activity, segment(session, fc.constant('series')))
				.map(([a, s]) => `/activities/${a}/attendees/${s}/export.csv`),
			queryOf({}),
			() => w.cookie
		),
		get(
			'headcounts.csv (organizer)',
			activity.map((a) => `/activities/${a}/headcounts.csv`),
			queryOf({}),
			() => w.cookie
		)
	];
}

test('every JSON, iCalendar, CSV and script endpoint: 1,000 generated requests each', async () => {
	test.setTimeout(900_000);
	const slugs = (
		await sql`select slug from public.organizations where id in (${world.a.orgId}, ${world.b.orgId})`
	).map((r) => r.slug as string);
	const before = await snapshotOf(sql, world.b);
	const list = targets(world, [...slugs, 'ball-oslo']);
	const sent = await pool(
		list.map((t) => () => fuzz(world.base, t, RUNS)),
		Number(process.env.FUZZ_POOL ?? 6)
	);
	for (const [i, n] of sent.entries()) expect(n, list[i].name).toBe(RUNS);
	// Reading changes nothing (the POSTs and DELETEs among them included).
	expect(await snapshotOf(sql, world.b)).toEqual(before);
});
