// Fuzzing every organizer form action (issue 15) as a logged-in organizer of an approved
// organization: 1,000 generated inputs each, aimed at the organizer's own activity, session and
// organization, at organization B's (forged ids) and at ids that are nobody's. Never a 5xx or a
// stack trace; afterwards B is exactly as it was and nothing the rules forbid was written.
import fc from 'fast-check';
import { createOrganizer, uniqueEmail } from '../support/accounts';
import { database } from '../support/attacker';
import { expect, test } from '../support/fixtures';
import { formOf, fuzz, nasty, pool, RUNS, segment, type Target } from '../support/fuzz';
import {
	forbiddenRows,
	logInCookie,
	makeWorld,
	snapshotOf,
	someId,
	type World
} from '../support/fuzz-world';

const sql = database();
let world: World;
/** A pending organization: no organizer's action may approve it. */
let pendingId: string;

test.beforeAll(async () => {
	world = await makeWorld(sql, 'organizer');
	const [pending] = await sql`
		insert into public.organizations (slug, name, kind, status)
		values (${`fuzz-pending-${crypto.randomUUID().slice(0, 6)}`}, 'Venter på godkjenning', 'ngo', 'pending')
		returning id`;
	pendingId = pending.id;
});

const prefix = fc.constantFrom('', '/en');
const reason = fc.oneof(fc.constantFrom('Stengt hall', 'ok'), fc.string({ maxLength: 500 }));
const date = fc.oneof(
	fc
		.date({ min: new Date('2026-01-01'), max: new Date('2028-12-31'), noInvalidDate: true })
		.map((d) => d.toISOString().slice(0, 10)),
	fc.constantFrom('2026-02-30', '2027-13-01', '2026-12-32', '0000-00-00', '9999-99-99')
);
const time = fc.oneof(
	fc.constantFrom('18:00', '00:00', '23:59', '24:00', '99:99', '18.30'),
	fc.stringMatching(/^\d{2}:\d{2}$/)
);
const whole = fc.oneof(fc.nat({ max: 2000 }).map(String), fc.constant(''));

/** A POST of a generated form, as the organizer (their session cookie). */
function post(
	name: string,
	path: fc.Arbitrary<string>,
	spec: Record<string, fc.Arbitrary<string>>,
	cookie: () => string
): Target {
	return {
		name,
		cookie,
		request: fc
			.record({ prefix, path, form: formOf(spec) })
			.map(({ prefix, path, form }) => ({ method: 'POST', path: prefix + path, form }))
	};
}

/** The activity form's fields (new and edit). */
const activityFields = {
	title: fc.oneof(fc.constantFrom('Fotball', 'Tur i skogen'), fc.string({ maxLength: 130 })),
	slug: fc.oneof(
		fc.constantFrom('fotball', 'tur-i-skogen', '-x-', 'Æ'),
		fc.string({ maxLength: 90 })
	),
	summary: fc.string({ maxLength: 310 }),
	description: fc.string({ maxLength: 2000 }),
	category: fc.constantFrom('sport', 'outdoor', 'course', 'dialogue_group', 'x'),
	attributes: fc.constantFrom('substance_free', 'free_of_charge', 'youth', 'x'),
	signup_mode: fc.constantFrom('none', 'per_session', 'whole_series', 'x'),
	waitlist: fc.constantFrom('on', 'true', ''),
	helper_places: whole,
	signup_opens_days_before: whole,
	signup_closes_hours_before: whole,
	venue: fc.string({ maxLength: 130 }),
	address: fc.string({ maxLength: 210 }),
	city: fc.constantFrom('Oslo', 'Bergen', ''),
	online: fc.constantFrom('on', ''),
	first_date: date,
	start_time: time,
	duration_minutes: fc.oneof(fc.integer({ min: -10, max: 2000 }).map(String), fc.constant('1.5')),
	repeat: fc.constantFrom('none', 'weekly', 'biweekly', 'monthly', 'daily'),
	weekdays: fc.constantFrom('MO', 'TU', 'SU', 'XX'),
	nth: fc.constantFrom('1', '2', '-1', '5'),
	weekday: fc.constantFrom('MO', 'FR', 'XX'),
	end: fc.constantFrom('never', 'until', 'count', 'x'),
	until: date,
	count: fc.oneof(fc.nat({ max: 1000 }).map(String), fc.constant('')),
	capacity: whole
};

function activityTargets(w: World): Target[] {
	const cookie = () => w.cookie;
	// Mostly A's second activity (the sign-up fuzzing in the public spec uses the first); B's
	// activity and nobody's too.
	const activity = segment(someId(w.a2.activityId, w.b.activityId));
	const session = someId(w.a2.sessionId, w.a.sessionId, w.b.sessionId);
	const signup = someId(w.signupId, w.b.signupId);
	// Mostly A's own activity with its own session; else forged or mismatched pairs.
	const attendees = fc
		.oneof(
			{ weight: 3, arbitrary: fc.constant([w.a.activityId, w.a.sessionId]) },
			{
				weight: 2,
				arbitrary: fc.tuple(
					segment(someId(w.a.activityId, w.b.activityId)),
					segment(session, fc.constant('series'))
				)
			}
		)
		.map(([a, s]) => `/activities/${a}/attendees/${s}`);
	const on = (action: string) => activity.map((id) => `/activities/${id}?/${action}`);
	const draft = segment(someId(w.a3.activityId, w.b.activityId));
	return [
		post('activities/[id] ?/publish', on('publish'), {}, cookie),
		post('activities/[id] ?/restore', on('restore'), {}, cookie),
		post(
			'activities/[id] ?/archive',
			on('archive'),
			{ confirm: fc.constantFrom('yes', 'no') },
			cookie
		),
		post('activities/[id] ?/cancel', on('cancel'), { reason }, cookie),
		// Each success copies the activity with its dates: mostly aimed elsewhere, to stay small.
		post(
			'activities/[id] ?/duplicate',
			fc
				.oneof(
					{ weight: 1, arbitrary: fc.constant(w.a2.activityId) },
					{ weight: 12, arbitrary: segment(someId(w.b.activityId)) }
				)
				.map((id) => `/activities/${id}?/duplicate`),
			{},
			cookie
		),
		post(
			'activities/[id] ?/cancelSession',
			on('cancelSession'),
			{ sessionId: session, reason },
			cookie
		),
		post(
			'activities/[id] ?/moveSession',
			on('moveSession'),
			{ sessionId: session, date, time },
			cookie
		),
		post(
			'attendees ?/attendance',
			attendees.map((p) => `${p}?/attendance`),
			{ signupId: signup, status: fc.constantFrom('attended', 'no_show', 'confirmed') },
			cookie
		),
		post(
			'attendees ?/remove',
			attendees.map((p) => `${p}?/remove`),
			{ signupId: signup },
			cookie
		),
		post(
			'attendees ?/promote',
			attendees.map((p) => `${p}?/promote`),
			{ signupId: signup },
			cookie
		),
		post(
			'attendees ?/message',
			attendees.map((p) => `${p}?/message`),
			{ subject: fc.string({ maxLength: 130 }), body: fc.string({ maxLength: 600 }) },
			cookie
		),
		post(
			'activities/[id]/edit ?/preview',
			draft.map((id) => `/activities/${id}/edit?/preview`),
			activityFields,
			cookie
		),
		post(
			'activities/[id]/edit ?/save',
			draft.map((id) => `/activities/${id}/edit?/save`),
			activityFields,
			cookie
		)
	];
}

function organizationTargets(w: World, accountCookie: () => string): Target[] {
	const cookie = () => w.cookie;
	const org = segment(someId(w.a.orgId, w.b.orgId, pendingId));
	const userId = someId(w.b.userId, crypto.randomUUID());
	const email = fc.oneof(
		fc.uuid().map((u) => `fuzz-${u.slice(0, 8)}@example.com`),
		fc.constantFrom('a@b', 'x@@example.com', 'ny@example.com ')
	);
	return [
		post(
			'organizations/[id] ?/invite',
			org.map((id) => `/organizations/${id}?/invite`),
			{
				email,
				role: fc.constantFrom('admin', 'organizer', 'owner')
			},
			cookie
		),
		post(
			'organizations/[id] ?/role',
			org.map((id) => `/organizations/${id}?/role`),
			{
				userId,
				role: fc.constantFrom('admin', 'organizer', 'owner')
			},
			cookie
		),
		post(
			'organizations/[id] ?/remove',
			org.map((id) => `/organizations/${id}?/remove`),
			{ userId },
			cookie
		),
		post(
			'organizations/[id]/activities/new ?/preview',
			org.map((id) => `/organizations/${id}/activities/new?/preview`),
			activityFields,
			cookie
		),
		post(
			'organizations/[id]/activities/new ?/save',
			// Each success adds an activity with its dates: mostly aimed at B and nobody.
			fc
				.oneof(
					{ weight: 1, arbitrary: fc.constant(w.a.orgId) },
					{ weight: 8, arbitrary: segment(someId(w.b.orgId, pendingId)) }
				)
				.map((id) => `/organizations/${id}/activities/new?/save`),
			activityFields,
			cookie
		),
		post(
			'organizations/[id]/settings',
			org.map((id) => `/organizations/${id}/settings`),
			{
				name: fc.oneof(fc.constant('Forening A'), fc.string({ maxLength: 130 })),
				description: fc.string({ maxLength: 600 }),
				approaches: fc.constantFrom('peer_led', 'twelve_step', 'x'),
				city: fc.string({ maxLength: 90 }),
				region: fc.string({ maxLength: 90 }),
				website: fc.oneof(fc.webUrl(), fc.constantFrom('javascript:fzz()', 'http://x')),
				contactEmail: email,
				contactPhone: fc.constantFrom('+47 22 33 44 55', '1', ''),
				retentionDays: fc.oneof(fc.integer({ min: -5, max: 200 }).map(String), fc.constant('')),
				discreet: fc.constantFrom('on', '')
			},
			cookie
		),
		post(
			'organizations/new',
			fc.constant('/organizations/new'),
			{
				name: fc.oneof(fc.constant('Ny forening'), fc.string({ maxLength: 130 })),
				slug: fc.oneof(
					fc.uuid().map((u) => `fuzz-${u.slice(0, 8)}`),
					fc.string({ maxLength: 70 })
				),
				kind: fc.constantFrom('ngo', 'user_organization', 'x'),
				description: fc.string({ maxLength: 600 }),
				city: fc.string({ maxLength: 90 })
			},
			cookie
		),
		post(
			'admin ?/approve',
			fc.constant('/admin?/approve'),
			{ id: someId(pendingId, w.b.orgId), name: nasty },
			cookie
		),
		post(
			'admin ?/suspend',
			fc.constant('/admin?/suspend'),
			{ id: someId(w.b.orgId, w.a.orgId), name: nasty },
			cookie
		),
		// The account page's actions act on the signed-in account itself: a second organizer's,
		// so that an authenticator or language set here cannot change how A's requests go.
		post(
			'account ?/startAuthenticator',
			fc.constant('/account?/startAuthenticator'),
			{},
			accountCookie
		),
		post(
			'account ?/confirmAuthenticator',
			fc.constant('/account?/confirmAuthenticator'),
			{
				factorId: fc.uuid().map(String),
				code: fc.stringMatching(/^\d{6}$/),
				secret: fc.base64String({ maxLength: 40 })
			},
			accountCookie
		),
		post('account ?/recoveryCodes', fc.constant('/account?/recoveryCodes'), {}, accountCookie),
		post(
			'account ?/removeAuthenticator',
			fc.constant('/account?/removeAuthenticator'),
			{
				factorId: fc.uuid().map(String)
			},
			accountCookie
		),
		post(
			'account ?/language',
			fc.constant('/account?/language'),
			{
				locale: fc.constantFrom('nb', 'en', 'nn', 'de')
			},
			accountCookie
		),
		{
			// Deleting the account must never happen by accident: every input but the confirmation.
			...post(
				'account ?/delete',
				fc.constant('/account?/delete'),
				{ confirm: fc.constantFrom('no', 'ja', '') },
				accountCookie
			),
			request: fc
				.record({ prefix, form: formOf({ confirm: fc.constantFrom('no', 'ja', '') }) })
				.filter(
					({ form }) =>
						!form.fields.some(
							([k, v]) =>
								k === 'confirm' &&
								((v.kind === 'text' && v.value === 'yes') ||
									(v.kind === 'many' && v.values.includes('yes')))
						)
				)
				.map(({ prefix, form }) => ({ method: 'POST', path: `${prefix}/account?/delete`, form }))
		}
	];
}

async function run(list: Target[]) {
	const sent = await pool(
		list.map((t) => () => fuzz(world.base, t, RUNS)),
		Number(process.env.FUZZ_POOL ?? 6)
	);
	for (const [i, n] of sent.entries()) expect(n, list[i].name).toBe(RUNS);
}

test('organizer actions on activities, dates and attendees: 1,000 inputs each', async () => {
	test.setTimeout(900_000);
	const before = await snapshotOf(sql, world.b);
	await run(activityTargets(world));
	expect(await snapshotOf(sql, world.b)).toEqual(before);
	expect(await forbiddenRows(sql, [world.a.activityId, world.b.activityId])).toEqual([]);
});

test('organizer actions on organizations, the admin queue and the account: 1,000 inputs each', async () => {
	test.setTimeout(900_000);
	const email = uniqueEmail('fuzz-account');
	const account = await createOrganizer(email);
	const accountCookie = await logInCookie(world.base, email);
	const before = await snapshotOf(sql, world.b);
	const statuses = async () =>
		sql`select id, status, approved_at from public.organizations
			where id in (${world.a.orgId}, ${world.b.orgId}, ${pendingId}) order by id`;
	const statusesBefore = await statuses();
	const [orgA] = await sql`select * from public.organizations where id = ${world.a.orgId}`;
	await run(organizationTargets(world, () => accountCookie)).finally(
		// A's public name and details as they were: other specs' pages list approved organizations.
		() => sql`update public.organizations set ${sql(orgA, 'name', 'description', 'approaches', 'city', 'region', 'website', 'contact_email', 'contact_phone', 'retention_days', 'discreet')}
			where id = ${world.a.orgId}`
	);
	// B untouched; no organization approved or suspended by an organizer; every organization the
	// fuzzing registered waits for approval; the account still there.
	expect(await snapshotOf(sql, world.b)).toEqual(before);
	expect(await statuses()).toEqual(statusesBefore);
	const created = await sql`
		select o.status from public.organizations o join public.memberships m on m.organization_id = o.id
		where m.user_id = ${world.a.userId} and o.id <> ${world.a.orgId} and o.status <> 'pending'`;
	expect(created).toEqual([]);
	const [kept] = await sql`select count(*)::int as n from auth.users where id = ${account.id}`;
	expect(kept.n).toBe(1);
	expect(await forbiddenRows(sql, [world.a.activityId, world.b.activityId])).toEqual([]);
});
