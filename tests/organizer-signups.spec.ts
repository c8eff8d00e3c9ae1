// The organizer's side of sign-ups, end to end: the attendee and waiting lists with names for a
// session confirmed with an authenticator, check-in on a phone, removing and promoting, the CSV
// export (formulas neutralised), messages, headcounts and the read log; counts without names for
// an organizer without an authenticator; and nothing at all for another organization or a visitor.
import { createClient } from '@supabase/supabase-js';
import type { Locator, Page } from '@playwright/test';
import { totp } from '../supabase/local/auth/totp.ts';
import { LOCAL_PUBLISHABLE_KEY } from '../supabase/local/keys/index.ts';
import { createOrganizer, logIn, uniqueEmail } from './support/accounts';
import {
	addAuthenticator,
	cookieHeader,
	database,
	organizationWithActivity,
	postForm
} from './support/attacker';
import { expect, expectAccessible, test } from './support/fixtures';

const sql = database();
const HOSTILE = '=HYPERLINK("http://evil.example","Klikk")';
// Semicolons in Norwegian: Excel in Norwegian splits a CSV's lines there.
const CSV_HEADER =
	'Navn;E-post;Telefon;Rolle;Status;Plass på venteliste;Første gang;Beskjed;Påmeldt';

/** Signs someone up as the public form does: the `sign_up` function with the publishable key. */
async function signUp(
	ids: { activityId: string; sessionId: string },
	person: { name: string; email: string; role?: 'participant' | 'helper' } & Partial<{
		note: string;
		firstTime: boolean;
	}>
) {
	const anon = createClient(process.env.SAMMEN_API_URL!, LOCAL_PUBLISHABLE_KEY, {
		auth: { persistSession: false, autoRefreshToken: false }
	});
	const { data, error } = await anon.rpc('sign_up', {
		p_activity: ids.activityId,
		p_session: ids.sessionId,
		p_name: person.name,
		p_email: person.email,
		p_phone: '',
		p_note: person.note ?? '',
		p_first_time: person.firstTime ?? false,
		p_reminder: false,
		p_role: person.role ?? 'participant',
		p_consent_version: '2026-11-29',
		p_idempotency_key: crypto.randomUUID(),
		p_token: crypto.randomUUID() + crypto.randomUUID()
	});
	if (error) throw error;
	return data[0] as { signup_id: string; status: string };
}

/** An organization with an activity of two places, a waiting list and one volunteer place. */
async function activityWithSignups(ownerId: string, tag: string) {
	const ids = await organizationWithActivity(sql, ownerId, tag);
	await sql`update public.activities set capacity = 2, waitlist = true, helper_places = 1 where id = ${ids.activityId}`;
	const mail = (who: string) => `${who}-${crypto.randomUUID().slice(0, 6)}@example.com`;
	const kari = await signUp(ids, {
		name: 'Kari Nordmann',
		email: mail('kari'),
		firstTime: true,
		note: 'Jeg kommer rett fra jobb'
	});
	const hostile = await signUp(ids, { name: HOSTILE, email: mail('h') });
	const ola = await signUp(ids, { name: 'Ola Venter', email: mail('ola') });
	const frida = await signUp(ids, { name: 'Frida Frivillig', email: mail('f'), role: 'helper' });
	return { ...ids, kari, hostile, ola, frida };
}

const statusOf = async (id: string) =>
	(await sql`select status::text from private.signups where id = ${id}`)[0].status as string;

/** Logs in with password and a code from the authenticator app. */
async function logInWithCode(page: Page, email: string, secret: string) {
	await logIn(page, email);
	await expect(page).toHaveURL(/\/auth\/mfa$/);
	// The next window's code: not the one the authenticator was added with, and still valid if
	// the clock turns to the next window before Auth checks it (the previous window's would not be).
	await page.getByLabel('Kode fra appen').fill(totp(secret, Date.now(), 1));
	await page.getByRole('button', { name: 'Bekreft' }).click();
	await expect(page).toHaveURL(/\/dashboard$/);
}

const card = (scope: Page | Locator, name: string) =>
	scope.getByRole('article', { name, exact: true });

test('an organizer with an authenticator checks people in on a phone, exports the list and sees the read log @no-js', async ({
	page
}) => {
	test.setTimeout(90_000);
	const email = uniqueEmail('door');
	const user = await createOrganizer(email);
	const secret = await addAuthenticator(email);
	const s = await activityWithSignups(user.id, 'door');
	expect([s.kari.status, s.hostile.status, s.ola.status, s.frida.status]).toEqual([
		'confirmed',
		'confirmed',
		'waitlisted',
		'confirmed'
	]);
	await logInWithCode(page, email, secret);

	// Beside the date: counts and the way to the list.
	await page.goto(`/activities/${s.activityId}`);
	await expect(page.getByText('2 påmeldt · 1 på venteliste · 1 frivillig')).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Deltakerliste' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Deltakere' })).toBeVisible();
	await expectAccessible(page);

	// Names, the first-timer who would like to be met, the waiting list and volunteers apart.
	const participants = page.getByRole('region', { name: 'Påmeldte deltakere (2)' });
	await expect(card(participants, 'Kari Nordmann')).toContainText(
		'Første gang – vil gjerne bli møtt ved inngangen'
	);
	await expect(card(page, 'Kari Nordmann')).toContainText('Jeg kommer rett fra jobb');
	await expect(page.getByRole('region', { name: 'Venteliste (1)' })).toContainText('Ola Venter');
	await expect(card(page, 'Ola Venter')).toContainText('Nr. 1 på ventelisten');
	await expect(page.getByRole('region', { name: 'Frivillige (1)' })).toContainText(
		'Frida Frivillig'
	);

	// At the door, on the narrowest common phone: big buttons, nothing wider than the screen.
	await page.setViewportSize({ width: 360, height: 780 });
	await page.reload();
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	const wide = await page.evaluate(() =>
		[...document.querySelectorAll('body *')]
			.filter((e) => e.getBoundingClientRect().right > 361)
			.map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`)
			.slice(0, 15)
	);
	expect(width, wide.join('\n')).toBeLessThanOrEqual(360);
	const came = card(page, 'Kari Nordmann').getByRole('button', { name: 'Møtt opp', exact: true });
	expect((await came.boundingBox())!.height).toBeGreaterThanOrEqual(44);
	await came.click();
	await expect(
		card(page, 'Kari Nordmann').getByRole('button', { name: 'Møtt opp', exact: true })
	).toHaveAttribute('aria-pressed', 'true');
	expect(await statusOf(s.kari.signup_id)).toBe('attended');
	await card(page, HOSTILE).getByRole('button', { name: 'Ikke møtt opp' }).click();
	await expect(card(page, HOSTILE).getByRole('button', { name: 'Ikke møtt opp' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	expect(await statusOf(s.hostile.signup_id)).toBe('no_show');
	await expectAccessible(page);

	// Promote by hand, then remove someone behind a confirmation.
	await card(page, 'Ola Venter').getByRole('button', { name: 'Gi plass' }).click();
	await expect(page.getByText('Personen har fått plass og får beskjed på e-post.')).toBeVisible();
	expect(await statusOf(s.ola.signup_id)).toBe('confirmed');
	await card(page, 'Frida Frivillig').getByRole('link', { name: 'Fjern fra lista' }).click();
	const dialog = page.getByRole('dialog', { name: 'Fjerne Frida Frivillig fra lista?' });
	await expect(dialog).toBeVisible();
	await expectAccessible(page);
	await dialog.getByRole('button', { name: 'Ja, fjern fra lista' }).click();
	await expect(page.getByText('Påmeldingen er fjernet.')).toBeVisible();
	expect(await statusOf(s.frida.signup_id)).toBe('cancelled');

	// A message to everyone signed up goes through the outbox.
	await page.getByText('Send en melding til alle påmeldte').click();
	await page.getByLabel('Overskrift').fill('Endret inngang');
	await page.getByLabel('Melding').fill('Vi møtes ved sideinngangen i kveld.');
	await page.getByRole('button', { name: 'Send meldingen' }).click();
	await expect(page.getByText('Meldingen blir sendt.')).toBeVisible();
	const [{ n: messages }] = await sql`
		select count(*)::int as n from private.outbox
		where template = 'organizer_message' and data ->> 'activity_id' = ${s.activityId}`;
	expect(messages).toBeGreaterThan(0);

	// The CSV: the right columns, the hostile name neutralised, never stored.
	const csv = await page.request.get(
		`/activities/${s.activityId}/attendees/${s.sessionId}/export.csv`
	);
	expect(csv.status()).toBe(200);
	expect(csv.headers()['content-disposition']).toMatch(
		/^attachment; filename="deltakere-.*\.csv"$/
	);
	expect(csv.headers()['cache-control']).toBe('no-store');
	const bytes = await csv.body();
	expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	const text = bytes.toString('utf8').slice(1);
	expect(text.split('\r\n')[0]).toBe(CSV_HEADER);
	expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""Klikk"")"`);
	expect(text).not.toMatch(/(^|[;,])=HYPERLINK/m);
	expect(text).toMatch(/Kari Nordmann;kari-\w+@example\.com;;Deltaker;Møtt opp;;Ja;/);

	// Headcounts: counts only.
	await page.goto(`/activities/${s.activityId}/headcounts`);
	await expect(page.getByRole('heading', { level: 1, name: 'Tall for aktiviteten' })).toBeVisible();
	await expect(page.getByText('Kari Nordmann')).toHaveCount(0);
	await expectAccessible(page);
	const counts = await page.request.get(`/activities/${s.activityId}/headcounts.csv`);
	expect(counts.headers()['content-disposition']).toMatch(/^attachment;/);
	expect((await counts.text()).split('\r\n')[0]).toBe(
		'\uFEFFDato;Avlyst;Påmeldte deltakere;Deltakere som møtte opp;Første gang;Påmeldte frivillige;Frivillige som møtte opp'
	);

	// The read log shows the views and the export, by whom.
	await page.goto(`/organizations/${s.orgId}/audit`);
	const log = page.getByRole('table', { name: 'De siste oppslagene' });
	await expect(log.getByRole('row').filter({ hasText: 'Lastet ned lista' })).toContainText(email);
	await expect(log.getByRole('row').filter({ hasText: 'Så lista' }).first()).toContainText(
		'Aktivitet door'
	);
	await expect(log.getByRole('row').filter({ hasText: 'Sendte melding' })).toHaveCount(1);
	await expectAccessible(page);
});

test('an organizer without an authenticator sees the counts, never the names @no-js', async ({
	page,
	request
}) => {
	const email = uniqueEmail('no-factor');
	const user = await createOrganizer(email);
	const s = await activityWithSignups(user.id, 'nofactor');
	await logIn(page, email);
	await expect(page).toHaveURL(/\/dashboard$/);

	await page.goto(`/activities/${s.activityId}/attendees/${s.sessionId}`);
	await expect(page.getByText('2 påmeldt · 1 på venteliste · 1 frivillig')).toBeVisible();
	await expect(
		page.getByRole('heading', { name: 'Navn og kontaktinformasjon krever en kodeapp' })
	).toBeVisible();
	await expect(
		page.getByRole('link', { name: 'Koble til en kodeapp på kontosiden' })
	).toHaveAttribute('href', '/account#mfa-heading');
	for (const name of ['Kari Nordmann', 'Ola Venter', 'Frida Frivillig'])
		await expect(page.getByText(name)).toHaveCount(0);
	await expectAccessible(page);

	// Nor by the back door: the CSV and the check-in are refused, and nothing is logged or changed.
	const cookie = await cookieHeader(page.context());
	const csv = await request.get(`/activities/${s.activityId}/attendees/${s.sessionId}/export.csv`, {
		headers: { cookie }
	});
	expect(csv.status()).toBe(403);
	expect(await csv.text()).not.toContain('Kari');
	const base = `/activities/${s.activityId}/attendees/${s.sessionId}`;
	const posted = await postForm(
		request,
		`${base}?/attendance`,
		{ signupId: s.kari.signup_id, status: 'attended' },
		{ cookie }
	);
	expect(posted.status()).toBe(403);
	expect(await statusOf(s.kari.signup_id)).toBe('confirmed');
	const [{ n }] = await sql`
		select count(*)::int as n from private.attendee_reads where organization_id = ${s.orgId}`;
	expect(n).toBe(0);
});

test("an organizer of another organization gets nothing of A's lists, and changes nothing", async ({
	page,
	request
}) => {
	const ownerA = await createOrganizer(uniqueEmail('list-a'));
	const a = await activityWithSignups(ownerA.id, 'lista');
	const emailB = uniqueEmail('list-b');
	const ownerB = await createOrganizer(emailB);
	const secretB = await addAuthenticator(emailB);
	await organizationWithActivity(sql, ownerB.id, 'listb');
	await logInWithCode(page, emailB, secretB);
	const cookie = await cookieHeader(page.context());
	const base = `/activities/${a.activityId}/attendees/${a.sessionId}`;

	for (const path of [
		base,
		`/activities/${a.activityId}/headcounts`,
		`/organizations/${a.orgId}/audit`
	]) {
		const response = await request.get(path, { headers: { cookie, accept: 'text/html' } });
		expect(response.status(), path).toBe(404);
		expect(await response.text(), path).not.toContain('Kari Nordmann');
	}
	for (const path of [`${base}/export.csv`, `/activities/${a.activityId}/headcounts.csv`]) {
		const response = await request.get(path, { headers: { cookie } });
		expect([403, 404], path).toContain(response.status());
		expect(await response.text(), path).not.toContain('Kari');
	}
	const attempts: [string, Record<string, string>][] = [
		[`${base}?/attendance`, { signupId: a.kari.signup_id, status: 'no_show' }],
		[`${base}?/remove`, { signupId: a.kari.signup_id }],
		[`${base}?/promote`, { signupId: a.ola.signup_id }],
		[`${base}?/message`, { subject: 'Hei', body: 'Hei alle sammen' }]
	];
	// Refused by the database (403); a plain form post then renders the page, whose load answers
	// 404 to anyone who does not organize the activity.
	for (const [path, form] of attempts) {
		const response = await postForm(request, path, form, { cookie });
		expect([403, 404], path).toContain(response.status());
		expect(await response.text(), path).not.toContain('Kari Nordmann');
	}
	expect(await statusOf(a.kari.signup_id)).toBe('confirmed');
	expect(await statusOf(a.ola.signup_id)).toBe('waitlisted');
	const [state] = await sql`
		select (select count(*)::int from private.attendee_reads where organization_id = ${a.orgId}) as reads,
		       (select count(*)::int from private.outbox where template = 'organizer_message'
		          and data ->> 'activity_id' = ${a.activityId}) as messages`;
	expect(state).toEqual({ reads: 0, messages: 0 });
});

test('a visitor is sent to log in from every list, download and action', async ({ request }) => {
	const owner = await createOrganizer(uniqueEmail('list-anon'));
	const a = await activityWithSignups(owner.id, 'anon');
	const base = `/activities/${a.activityId}/attendees/${a.sessionId}`;
	for (const path of [
		base,
		`${base}/export.csv`,
		`/activities/${a.activityId}/headcounts`,
		`/activities/${a.activityId}/headcounts.csv`,
		`/organizations/${a.orgId}/audit`
	]) {
		const response = await request.get(path, {
			headers: { accept: 'text/html' },
			maxRedirects: 0
		});
		expect(response.status(), path).toBe(303);
		expect(response.headers().location, path).toBe('/auth/login');
	}
	const csv = await request.get(`${base}/export.csv`, { maxRedirects: 0 });
	expect(csv.status()).toBe(401);
	for (const action of ['attendance', 'remove', 'promote', 'message']) {
		const response = await postForm(request, `${base}?/${action}`, {
			signupId: a.kari.signup_id,
			status: 'attended',
			subject: 'Hei',
			body: 'Hei alle sammen'
		});
		expect(response.status(), action).toBe(303);
		expect(response.headers().location, action).toBe('/auth/login');
	}
	expect(await statusOf(a.kari.signup_id)).toBe('confirmed');
});
