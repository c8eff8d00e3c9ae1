// The rows and sessions the fuzz specs aim at: organizer A (logged in, no authenticator, so a
// password session may write) with an approved organization, a published activity with a small
// capacity and a sign-up; organization B of someone else, whose ids are the forged ones.
import fc from 'fast-check';
import type postgres from 'postgres';
import { createOrganizer, PASSWORD, uniqueEmail } from './accounts';
import { organizationWithActivity } from './attacker';
import { freshAddress } from './fuzz';

export interface World {
	base: string;
	a: { userId: string; email: string; orgId: string; activityId: string; sessionId: string };
	/** A's second activity (with a session), for the organizer's actions on activities. */
	a2: { activityId: string; sessionId: string };
	/** A's draft, for the edit form: whatever the fuzzing saves there is never public. */
	a3: { activityId: string };
	b: { userId: string; orgId: string; activityId: string; sessionId: string; signupId: string };
	/** A real manage-link token of a sign-up to A's activity, and its sign-up id. */
	token: string;
	signupId: string;
	cookie: string;
}

/** Logs in through the app's own form, as a browser without JavaScript would; the cookies. */
export async function logInCookie(base: string, email: string): Promise<string> {
	const response = await fetch(`${base}/auth/login?/password`, {
		method: 'POST',
		headers: { origin: base, accept: 'text/html', 'x-forwarded-for': freshAddress() },
		body: new URLSearchParams({ email, password: PASSWORD }),
		redirect: 'manual'
	});
	if (response.status !== 303)
		throw new Error(
			`log-in answered ${response.status}: ${(await response.text()).slice(0, 2000)}`
		);
	const cookie = response.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.join('; ');
	if (!cookie.includes('auth-token')) throw new Error('log-in set no session cookie');
	return cookie;
}

/** Signs up through the activity page's form; the manage link's token. */
export async function signUp(base: string, activityId: string, sessionId: string) {
	const response = await fetch(`${base}/activity/${activityId}?/signup`, {
		method: 'POST',
		headers: { origin: base, 'x-forwarded-for': freshAddress(), 'x-sveltekit-action': 'true' },
		body: new URLSearchParams({
			name: 'Kari',
			phone: '+47 912 34 567',
			consent: 'yes',
			key: crypto.randomUUID(),
			sessionId
		})
	});
	const text = await response.text();
	const token = /\/signup\/([A-Za-z0-9_-]{20,})/.exec(text)?.[1];
	if (!token) throw new Error(`no manage link in the sign-up answer: ${text.slice(0, 300)}`);
	return token;
}

export async function makeWorld(sql: postgres.Sql, tag: string): Promise<World> {
	const base = process.env.SAMMEN_BASE_URL!;
	const email = uniqueEmail(`fuzz-${tag}`);
	const userA = await createOrganizer(email);
	const a = await organizationWithActivity(sql, userA.id, `fuzz-${tag}-a`);
	const userB = await createOrganizer(uniqueEmail(`fuzz-${tag}-b`));
	const b = await organizationWithActivity(sql, userB.id, `fuzz-${tag}-b`);
	// Small capacity with a waiting list: the fuzzed sign-ups must never overfill it.
	await sql`update public.activities set capacity = 2, waitlist = true, signup_mode = 'per_session'
		where id in (${a.activityId}, ${b.activityId})`;
	const [a2] = await sql`
		insert into public.activities (organization_id, slug, title, category, venue, first_date, start_time, duration_minutes, status, published_at, rrule)
		values (${a.orgId}, 'aktivitet-2', 'Aktivitet to', 'outdoor', 'Skogen', current_date + 8, '11:00', 120, 'published', now(), 'FREQ=WEEKLY;BYDAY=SU')
		returning id`;
	const [a2Session] = await sql`
		insert into public.sessions (activity_id, occurrence_date, starts_at, ends_at)
		values (${a2.id}, current_date + 8, now() + interval '8 days', now() + interval '8 days 2 hours')
		returning id`;
	const [a3] = await sql`
		insert into public.activities (organization_id, slug, title, category, venue, first_date, start_time, duration_minutes, status)
		values (${a.orgId}, 'utkast', 'Utkast', 'course', 'Huset', current_date + 9, '19:00', 90, 'draft')
		returning id`;
	const token = await signUp(base, a.activityId, a.sessionId);
	await signUp(base, a2.id, a2Session.id);
	await signUp(base, b.activityId, b.sessionId);
	const [mine] = await sql`select id from private.signups where session_id = ${a.sessionId}`;
	const [theirs] = await sql`select id from private.signups where session_id = ${b.sessionId}`;
	return {
		base,
		a: { userId: userA.id, email, ...a },
		a2: { activityId: a2.id, sessionId: a2Session.id },
		a3: { activityId: a3.id },
		b: { userId: userB.id, ...b, signupId: theirs.id },
		token,
		signupId: mine.id,
		cookie: await logInCookie(base, email)
	};
}

/** Everything of organization B that A's fuzzing must never change, as one comparable value. */
export async function snapshotOf(sql: postgres.Sql, b: World['b']) {
	const [row] = await sql`
		select
			(select to_jsonb(o) from public.organizations o where o.id = ${b.orgId}) as organization,
			(select jsonb_agg(to_jsonb(m) order by m.user_id) from public.memberships m
				where m.organization_id = ${b.orgId}) as memberships,
			(select jsonb_agg(to_jsonb(x) order by x.id) from public.activities x
				where x.organization_id = ${b.orgId}) as activities,
			(select jsonb_agg(to_jsonb(s) order by s.id) from public.sessions s
				where s.activity_id = ${b.activityId}) as sessions,
			(select jsonb_agg(to_jsonb(s) order by s.id) from private.signups s
				where s.activity_id = ${b.activityId}) as signups,
			(select count(*)::int from public.invitations i where i.organization_id = ${b.orgId}) as invitations,
			(select count(*)::int from private.outbox where data->>'activity_id' = ${b.activityId}::text
				and template = 'organizer_message') as messages`;
	return row;
}

/**
 * What the rules forbid anywhere in the database: more confirmed places than a session has,
 * e-mail queued for an address that is not one, sign-up fields past their limits.
 */
export async function forbiddenRows(sql: postgres.Sql, activityIds: string[]) {
	return sql`
		select 'over capacity: session ' || s.id as problem
		from public.sessions s join public.activities a on a.id = s.activity_id
		where a.id = any(${activityIds}::uuid[]) and a.capacity is not null and (
			-- Places given by sign_up itself (an organizer may promote by hand past the capacity).
			select count(*) from private.signups g
			where g.session_id = s.id and g.role = 'participant' and g.status in ('confirmed', 'attended')
				and g.promoted_at is null
		) > a.capacity
		union all
		select 'outbox to a non-address: ' || o.id
		from private.outbox o
		where o.to_email !~ '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$' or char_length(o.to_email) > 255
		union all
		select 'sign-up past its limits: ' || g.id
		from private.signups g
		where char_length(g.chosen_name) > 60 or char_length(g.note) > 500`;
}

/** Mostly `first` (the id the action is meant for), else one of `others` (forged) or nobody's. */
export const someId = (first: string, ...others: string[]) =>
	fc.oneof(
		{ weight: 4, arbitrary: fc.constant(first) },
		...(others.length ? [{ weight: 2, arbitrary: fc.constantFrom(...others) }] : []),
		{ weight: 1, arbitrary: fc.uuid().map(String) }
	);
