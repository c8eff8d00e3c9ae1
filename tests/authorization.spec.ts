// The organizer side tried as an attacker would: forms posted straight to the actions (no page,
// no layout load), by a visitor, by a password-only session of an organizer with an
// authenticator, and by an organizer of another organization; and the REST API called with the
// session's own token. Each case checks the database afterwards: nothing changed.
import { totp } from '../supabase/local/auth/totp.ts';
import { createClient } from '@supabase/supabase-js';
import { LOCAL_PUBLISHABLE_KEY } from '../supabase/local/keys/index.ts';
import { createOrganizer, logIn, PASSWORD, uniqueEmail } from './support/accounts';
import {
	accessToken,
	addAuthenticator,
	cookieHeader,
	database,
	organizationWithActivity,
	postForm,
	rest
} from './support/attacker';
import { expect, test } from './support/fixtures';

const sql = database();

const id = () => crypto.randomUUID();
/** A date a month ahead, `YYYY-MM-DD`: a plausible new date for a session. */
const later = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

/** Every organizer form action, with a plausible form for each. */
const ACTIONS: [string, Record<string, string>][] = [
	[`/activities/${id()}?/publish`, {}],
	[`/activities/${id()}?/archive`, {}],
	[`/activities/${id()}?/cancel`, { reason: 'Stengt hall' }],
	[`/activities/${id()}?/duplicate`, {}],
	[`/activities/${id()}?/cancelSession`, { sessionId: id(), reason: 'Stengt hall' }],
	[`/activities/${id()}?/moveSession`, { sessionId: id(), date: later, time: '18:00' }],
	[`/activities/${id()}/edit?/preview`, { title: 'Tittel' }],
	[`/activities/${id()}/edit?/save`, { title: 'Tittel' }],
	[`/organizations/${id()}?/invite`, { email: 'ny@example.com', role: 'organizer' }],
	[`/organizations/${id()}?/role`, { userId: id(), role: 'owner' }],
	[`/organizations/${id()}?/remove`, { userId: id() }],
	[`/organizations/${id()}/activities/new?/preview`, { title: 'Tittel' }],
	[`/organizations/${id()}/activities/new?/save`, { title: 'Tittel' }],
	['/organizations/new', { name: 'Ny forening', slug: 'ny-forening', kind: 'ngo' }],
	['/admin?/approve', { id: id(), name: 'X' }],
	['/admin?/suspend', { id: id(), name: 'X' }],
	['/account?/startAuthenticator', {}],
	['/account?/confirmAuthenticator', { factorId: id(), code: '123456' }],
	['/account?/removeAuthenticator', { factorId: id() }],
	['/account?/language', { locale: 'en' }],
	['/account?/delete', { confirm: 'yes' }],
	[`/activities/${id()}?/restore`, {}],
	[`/activities/${id()}/attendees/${id()}?/attendance`, { signupId: id(), status: 'attended' }],
	[`/activities/${id()}/attendees/${id()}?/remove`, { signupId: id() }],
	[`/activities/${id()}/attendees/${id()}?/promote`, { signupId: id() }],
	[`/activities/${id()}/attendees/series?/message`, { subject: 'Hei', body: 'Hei alle' }],
	[`/organizations/${id()}/settings`, { name: 'Kapret', retentionDays: '90' }]
];

test('a visitor posting to any organizer action is sent to log in, never a 5xx', async ({
	request
}) => {
	for (const [path, form] of ACTIONS) {
		for (const prefix of ['', '/en']) {
			const response = await postForm(request, prefix + path, form);
			expect(response.status(), path).toBe(303);
			expect(response.headers().location, path).toBe(`${prefix}/auth/login`);
		}
	}
	// use:enhance gets SvelteKit's redirect result; any other fetch a plain 401.
	const enhanced = await request.post(ACTIONS[0][0], {
		form: {},
		headers: { origin: process.env.SAMMEN_BASE_URL!, 'x-sveltekit-action': 'true' }
	});
	expect(await enhanced.json()).toEqual({ type: 'redirect', status: 303, location: '/auth/login' });
	const fetched = await request.get('/dashboard', { headers: { accept: 'application/json' } });
	expect(fetched.status()).toBe(401);
	// The organizer's downloads: a script gets 401, never a list.
	for (const path of [
		`/activities/${id()}/attendees/${id()}/export.csv`,
		`/activities/${id()}/headcounts.csv`
	])
		expect((await request.get(path)).status(), path).toBe(401);
	const page = await request.get('/dashboard', {
		maxRedirects: 0,
		headers: { accept: 'text/html' }
	});
	expect(page.status()).toBe(303);
});

test('a password-only session of an organizer with an authenticator changes nothing', async ({
	page,
	request
}) => {
	const email = uniqueEmail('totp-attack');
	const user = await createOrganizer(email);
	await addAuthenticator(email);
	const { orgId, activityId, sessionId } = await organizationWithActivity(sql, user.id, 'totp');
	await sql`update public.activities set status = 'draft', published_at = null where id = ${activityId}`;
	await logIn(page, email);
	await expect(page).toHaveURL(/\/auth\/mfa$/);
	const cookie = await cookieHeader(page.context());

	const attempts: [string, Record<string, string>][] = [
		[`/activities/${activityId}?/publish`, {}],
		[`/activities/${activityId}?/archive`, { confirm: 'yes' }],
		[`/organizations/${orgId}?/invite`, { email: 'ny@example.com', role: 'admin' }],
		['/account?/delete', { confirm: 'yes' }],
		[`/organizations/${orgId}/settings`, { name: 'Kapret', retentionDays: '90' }],
		[
			`/activities/${activityId}/attendees/${sessionId}?/message`,
			{ subject: 'Hei', body: 'Hei alle' }
		]
	];
	for (const [path, form] of attempts) {
		const response = await postForm(request, path, form, { cookie });
		expect(response.status(), path).toBe(303);
		expect(response.headers().location, path).toBe('/auth/mfa');
	}
	const viewed = await request.get('/dashboard', {
		headers: { cookie, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(viewed.headers().location).toBe('/auth/mfa');

	// The REST API with the session's own token and the publishable key: refused too.
	const token = await accessToken(page.context());
	const patched = await rest(`activities?id=eq.${activityId}&select=id`, token, {
		method: 'PATCH',
		body: JSON.stringify({ status: 'published' })
	});
	expect(await patched.json()).toEqual([]);
	const invited = await rest('rpc/invite_member', token, {
		method: 'POST',
		body: JSON.stringify({
			p_organization: orgId,
			p_email: 'ny@example.com',
			p_role: 'admin',
			p_token: 'x'.repeat(40),
			p_token_hash: 'y'
		})
	});
	expect(invited.status).toBe(403);

	const [state] = await sql`
		select (select status from public.activities where id = ${activityId}) as status,
		       (select name from public.organizations where id = ${orgId}) <> 'Kapret' as named,
		       (select count(*)::int from private.outbox where template = 'organizer_message' and data->>'activity_id' = ${activityId}) as messages,
		       (select count(*)::int from public.invitations where organization_id = ${orgId}) as invitations,
		       (select count(*)::int from auth.users where id = ${user.id}) as users`;
	expect(state).toEqual({ status: 'draft', named: true, messages: 0, invitations: 0, users: 1 });
});

test("an organizer of organization B cannot touch A's activity, sessions or members", async ({
	page,
	request
}) => {
	const ownerA = await createOrganizer(uniqueEmail('owner-a'));
	const a = await organizationWithActivity(sql, ownerA.id, 'a');
	const emailB = uniqueEmail('owner-b');
	const ownerB = await createOrganizer(emailB);
	const b = await organizationWithActivity(sql, ownerB.id, 'b');
	await logIn(page, emailB);
	await expect(page).toHaveURL(/\/dashboard$/);
	const cookie = await cookieHeader(page.context());
	// Organizer pages are never kept by a browser or a proxy.
	const dashboard = await request.get('/dashboard', { headers: { cookie, accept: 'text/html' } });
	expect(dashboard.headers()['cache-control']).toBe('no-store');

	const forbidden = 'Du har ikke tilgang til å gjøre dette.';
	const gone = 'Vi fant ikke siden du lette etter.';
	const attempts: [string, Record<string, string>, number, string][] = [
		[`/activities/${a.activityId}?/archive`, { confirm: 'yes' }, 403, forbidden],
		[`/activities/${a.activityId}?/cancel`, { reason: 'Kapret' }, 403, forbidden],
		[
			`/activities/${a.activityId}?/cancelSession`,
			{ sessionId: a.sessionId, reason: 'Kapret' },
			403,
			forbidden
		],
		[
			`/activities/${a.activityId}?/moveSession`,
			{ sessionId: a.sessionId, date: later, time: '03:00' },
			403,
			forbidden
		],
		// A's session through B's own activity: it is not B's activity's session.
		[
			`/activities/${b.activityId}?/cancelSession`,
			{ sessionId: a.sessionId, reason: 'Kapret' },
			404,
			'Vi fant ikke den datoen for denne aktiviteten.'
		],
		// A's organization page is not B's to see: its actions answer with the 404 page.
		[`/organizations/${a.orgId}?/invite`, { email: 'ny@example.com', role: 'owner' }, 404, gone],
		[`/organizations/${a.orgId}?/role`, { userId: ownerA.id, role: 'organizer' }, 404, gone],
		[`/organizations/${a.orgId}?/remove`, { userId: ownerA.id }, 404, gone]
	];
	for (const [path, form, status, message] of attempts) {
		const response = await postForm(request, path, form, { cookie });
		expect(response.status(), path).toBe(status);
		expect(await response.text(), path).toContain(message);
	}
	// Further ways in, each refused with a 4xx (which one depends on the page behind the action).
	for (const [path, form] of [
		[`/activities/${a.activityId}?/restore`, {}],
		[`/activities/${a.activityId}/edit?/save`, { title: 'Kapret', slug: 'kapret' }],
		[`/organizations/${a.orgId}/activities/new?/save`, { title: 'Kapret aktivitet' }],
		['/admin?/approve', { id: a.orgId, name: 'X' }],
		['/admin?/suspend', { id: a.orgId, name: 'X' }]
	] as [string, Record<string, string>][]) {
		const status = (await postForm(request, path, form, { cookie })).status();
		expect(status, path).toBeGreaterThanOrEqual(400);
		expect(status, path).toBeLessThan(500);
	}
	const [untouched] = await sql`
		select (select title from public.activities where id = ${a.activityId}) as title,
		       (select count(*)::int from public.activities where organization_id = ${a.orgId}) as activities,
		       (select status from public.organizations where id = ${a.orgId}) as org`;
	expect(untouched).toMatchObject({ activities: 1, org: 'approved' });
	expect(untouched.title).not.toBe('Kapret');
	const [state] = await sql`
		select a.status, a.cancel_reason, s.status as session, s.starts_at = s.starts_at as kept,
		       (select count(*)::int from public.invitations where organization_id = ${a.orgId}) as invitations,
		       (select role from public.memberships where user_id = ${ownerA.id}) as role
		from public.activities a join public.sessions s on s.activity_id = a.id
		where a.id = ${a.activityId}`;
	expect(state).toMatchObject({
		status: 'published',
		cancel_reason: null,
		session: 'scheduled',
		invitations: 0,
		role: 'owner'
	});
	const [moved] = await sql`select edited from public.sessions where id = ${a.sessionId}`;
	expect(moved.edited).toBe(false);
});

test('deleting an account with an authenticator needs a fresh code, even in a confirmed session', async ({
	page,
	request
}) => {
	const email = uniqueEmail('delete-code');
	const user = await createOrganizer(email);
	const secret = await addAuthenticator(email);
	await logIn(page, email);
	await expect(page).toHaveURL(/\/auth\/mfa$/);
	// The next window's code: not the one the authenticator was added with, and still valid if
	// the clock turns to the next window before Auth checks it (the previous window's would not be).
	await page.getByLabel('Kode fra appen').fill(totp(secret, Date.now(), 1));
	await page.getByRole('button', { name: 'Bekreft' }).click();
	await expect(page).toHaveURL(/\/dashboard$/);
	const cookie = await cookieHeader(page.context());
	const exists = async () =>
		(await sql`select count(*)::int as n from auth.users where id = ${user.id}`)[0].n;

	const withoutCode = await postForm(request, '/account?/delete', { confirm: 'yes' }, { cookie });
	expect(withoutCode.status()).toBe(400);
	expect(await withoutCode.text()).toContain('Skriv inn koden fra autentiseringsappen');
	const wrongCode = await postForm(
		request,
		'/account?/delete',
		{ confirm: 'yes', code: String((Number(totp(secret)) + 1) % 1_000_000).padStart(6, '0') },
		{ cookie }
	);
	expect(wrongCode.status()).toBe(400);
	expect(await exists()).toBe(1);

	const deleted = await postForm(
		request,
		'/account?/delete',
		{ confirm: 'yes', code: totp(secret) },
		{ cookie }
	);
	expect(deleted.status()).toBe(303);
	expect(deleted.headers().location).toBe('/?deleted=1');
	expect(await exists()).toBe(0);
});

test('forged or broken sign-up posts answer 404, never 5xx', async ({ request }) => {
	for (const path of [`/activity/${id()}?/signup`, '/activity/not-an-id?/signup']) {
		const response = await postForm(request, path, {
			key: id(),
			name: 'Per',
			email: 'per@example.com',
			consent: 'yes',
			sessionId: id()
		});
		expect(response.status(), path).toBe(404);
	}
	const broken = await postForm(request, `/activity/${id()}?/signup`, {
		key: 'not-a-key',
		name: 'x'.repeat(10_000),
		email: '\u0000'
	});
	// The action refuses the input (400); the page of a missing activity then answers 404.
	expect([400, 404]).toContain(broken.status());
});

test('a session opened with the password cannot choose a new password without the e-mail', async ({
	page,
	request
}) => {
	const email = uniqueEmail('reset-attack');
	await createOrganizer(email);
	await logIn(page, email);
	// The page sends it to ask for a link by e-mail instead.
	await page.goto('/auth/reset');
	await expect(page).toHaveURL(/\/auth\/forgot$/);
	// So does the form posted straight to the action, with the session's cookies.
	const cookie = await cookieHeader(page.context());
	const response = await postForm(
		request,
		'/auth/reset',
		{ password: 'Kapret2027passord' },
		{ cookie }
	);
	expect(response.status()).toBe(303);
	expect(response.headers().location).toBe('/auth/forgot');
	// The old password still opens the account; the attacker's does not.
	const auth = createClient(process.env.SAMMEN_API_URL!, LOCAL_PUBLISHABLE_KEY, {
		auth: { persistSession: false, autoRefreshToken: false }
	}).auth;
	expect(
		(await auth.signInWithPassword({ email, password: 'Kapret2027passord' })).error
	).not.toBeNull();
	expect((await auth.signInWithPassword({ email, password: PASSWORD })).error).toBeNull();
});

test('a password-only session of an organizer with an authenticator cannot choose a new password either', async ({
	page,
	request
}) => {
	const email = uniqueEmail('reset-totp');
	await createOrganizer(email);
	await addAuthenticator(email);
	await logIn(page, email);
	await expect(page).toHaveURL(/\/auth\/mfa$/);
	const cookie = await cookieHeader(page.context());
	const response = await postForm(
		request,
		'/auth/reset',
		{ password: 'Kapret2027passord' },
		{ cookie }
	);
	expect(response.status()).toBe(303);
	expect(response.headers().location).toBe('/auth/forgot');
	const auth = createClient(process.env.SAMMEN_API_URL!, LOCAL_PUBLISHABLE_KEY, {
		auth: { persistSession: false, autoRefreshToken: false }
	}).auth;
	expect((await auth.signInWithPassword({ email, password: PASSWORD })).error).toBeNull();
});
