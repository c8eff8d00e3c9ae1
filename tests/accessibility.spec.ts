// Accessibility everywhere (issue 15): axe-core with the WCAG 2.0/2.1/2.2 A and AA rules, reflow
// at 320 px and text at 200 % on every public route and state (nb and en) and on every organizer
// page, forms with their errors shown included; and the main flows with the keyboard alone.
import AxeBuilder from '@axe-core/playwright';
import { createClient } from '@supabase/supabase-js';
import type { Page } from '@playwright/test';
import { totp } from '../supabase/local/auth/totp.ts';
import { LOCAL_PUBLISHABLE_KEY } from '../supabase/local/keys/index.ts';
import { createOrganizer, grantPlatformAdmin, logIn, uniqueEmail } from './support/accounts';
import { addAuthenticator, database, organizationWithActivity } from './support/attacker';
import { AXE_TAGS, expect, expectAccessible, test } from './support/fixtures';
import { expectDoubleText, expectReflow, tabTo } from './support/page-checks';
import { rememberPersonal } from './support/personal-data';
import { walkActivity, walkPublic, type Lang } from './support/public-walk';

const sql = database();

/** The error summary or the form's message, once a form has been sent back with errors. */
const errorsShown = (page: Page) => page.locator('.ds-error-summary, [role="alert"]').first();

/** Every check of this spec on the page as it is now. */
async function checkPage(page: Page) {
	await expectAccessible(page);
	await expectReflow(page);
	await expectDoubleText(page);
}

for (const lang of ['nb', 'en'] as Lang[]) {
	test(`every public route and state is accessible (${lang})`, async ({ page }) => {
		test.setTimeout(300_000);
		const activityId = await walkActivity();
		const checked: string[] = [];
		await walkPublic(page, lang, activityId, async (stop) => {
			await test.step(stop, () => checkPage(page));
			checked.push(stop);
		});
		expect(checked.length).toBeGreaterThanOrEqual(24);
	});
}

test('a link styled as a primary button keeps the contrast of a button', async ({ page }) => {
	// Designsystemet's components must rank above the app's element defaults (a { color }) on
	// every page, whichever component's CSS happens to load first.
	for (const path of ['/auth/login', '/privacy', '/embed/list', '/']) {
		await page.goto(path);
		await page.evaluate(() => {
			const host = document.querySelector('main') ?? document.body;
			for (const variant of ['primary', 'secondary', 'tertiary']) {
				const link = Object.assign(document.createElement('a'), {
					className: 'ds-button',
					href: '/privacy',
					textContent: `Lenke (${variant})`
				});
				link.dataset.variant = variant;
				link.dataset.probe = '';
				host.prepend(link);
			}
		});
		const { violations } = await new AxeBuilder({ page })
			.include('[data-probe]')
			.withTags(AXE_TAGS)
			.analyze();
		expect(violations.map((v) => `${path}: ${v.id}`)).toEqual([]);
	}
});

/** A sign-up as the public form makes it (the `sign_up` function with the publishable key). */
async function signUp(ids: { activityId: string; sessionId: string }, name: string) {
	const anon = createClient(process.env.SAMMEN_API_URL!, LOCAL_PUBLISHABLE_KEY, {
		auth: { persistSession: false, autoRefreshToken: false }
	});
	const email = `a11y-${crypto.randomUUID().slice(0, 8)}@example.com`;
	const token = crypto.randomUUID() + crypto.randomUUID();
	rememberPersonal('sign-up name', name);
	rememberPersonal('sign-up token', token);
	const { error } = await anon.rpc('sign_up', {
		p_activity: ids.activityId,
		p_session: ids.sessionId,
		p_name: name,
		p_email: email,
		p_phone: '',
		p_note: 'Kommer litt sent',
		p_first_time: true,
		p_reminder: false,
		p_role: 'participant',
		p_consent_version: '2026-11-29',
		p_idempotency_key: crypto.randomUUID(),
		p_token: token
	});
	if (error) throw error;
}

test('every organizer page is accessible, with and without errors shown', async ({ page }) => {
	test.setTimeout(300_000);
	const email = uniqueEmail('a11y');
	const user = await createOrganizer(email);
	await grantPlatformAdmin(user.id);
	const secret = await addAuthenticator(email);
	const ids = await organizationWithActivity(sql, user.id, 'a11y');
	await sql`update public.activities set capacity = 1, waitlist = true where id = ${ids.activityId}`;
	await signUp(ids, 'Tilde Tilgjengelig');
	await signUp(ids, 'Vera Venteliste');
	// A pending organization, so the admin queue has something to show.
	await sql`insert into public.organizations (slug, name, kind, status)
		values (${`venter-${crypto.randomUUID().slice(0, 6)}`}, 'Ventelaget', 'ngo', 'pending')`;

	const check = (name: string) => test.step(name, () => checkPage(page));
	await logIn(page, email);
	await expect(page).toHaveURL(/\/auth\/mfa$/);
	await check('the code page');
	await page.getByLabel('Kode fra appen').fill('000000');
	await page.getByRole('button', { name: 'Bekreft' }).click();
	await expect(errorsShown(page)).toBeVisible();
	await check('the code page with an error');
	// The next window's code: not the one the authenticator was added with, and still valid if
	// the clock turns to the next window before Auth checks it (the previous window's would not be).
	await page.getByLabel('Kode fra appen').fill(totp(secret, Date.now(), 1));
	await page.getByRole('button', { name: 'Bekreft' }).click();
	await expect(page).toHaveURL(/\/dashboard$/);
	await check('dashboard');

	const org = `/organizations/${ids.orgId}`;
	for (const path of [
		org,
		`${org}/settings`,
		`${org}/audit`,
		`/activities/${ids.activityId}`,
		`/activities/${ids.activityId}/attendees/${ids.sessionId}`,
		`/activities/${ids.activityId}/headcounts`,
		'/account',
		'/admin',
		'/en/dashboard',
		`/en/activities/${ids.activityId}/attendees/${ids.sessionId}`
	]) {
		expect((await page.goto(path))?.status(), path).toBe(200);
		await check(path);
	}
	// Check-in at the door happens on a phone.
	await page.setViewportSize({ width: 360, height: 780 });
	await page.goto(`/activities/${ids.activityId}/attendees/${ids.sessionId}`);
	await expect(page.getByRole('button', { name: 'Møtt opp', exact: true }).first()).toBeVisible();
	await expectAccessible(page);
	await page.setViewportSize({ width: 1280, height: 720 });

	// Forms with their errors shown.
	await page.goto(`${org}/settings`);
	await page.getByLabel('Nettside').fill('ikke en adresse');
	await page.getByRole('button', { name: 'Lagre' }).first().click();
	await expect(errorsShown(page)).toBeVisible();
	await check('settings with errors');

	await page.goto(`${org}/activities/new`);
	await check('new activity');
	await page.getByRole('button', { name: 'Lagre utkast' }).click();
	await expect(errorsShown(page)).toBeVisible();
	await check('new activity with errors');

	await page.goto(`/activities/${ids.activityId}/edit`);
	await check('edit activity');
	await page.getByLabel('Tittel').fill('');
	await page.getByRole('button', { name: /Lagre/ }).first().click();
	await expect(errorsShown(page)).toBeVisible();
	await check('edit activity with errors');

	await page.goto('/organizations/new');
	await check('new organization');
	await page.getByRole('button', { name: 'Registrer' }).click();
	await expect(errorsShown(page)).toBeVisible();
	await check('new organization with errors');
});

test('adding an authenticator and the recovery codes are accessible', async ({ page }) => {
	test.setTimeout(120_000);
	const email = uniqueEmail('a11y-mfa');
	await createOrganizer(email);
	await logIn(page, email);
	await expect(page).toHaveURL(/\/dashboard$/);
	await page.goto('/account');
	await page.getByRole('button', { name: 'Koble til en kodeapp' }).click();
	const secret = await page.locator('input[name="secret"]').inputValue();
	rememberPersonal('TOTP secret', secret);
	await test.step('enrolment', () => checkPage(page));
	await page.getByLabel('Kode fra appen').fill('000000');
	await page.getByRole('button', { name: 'Bekreft og koble til' }).click();
	await expect(errorsShown(page)).toBeVisible();
	await test.step('enrolment with an error', () => checkPage(page));
	await page.getByLabel('Kode fra appen').fill(totp(secret));
	await page.getByRole('button', { name: 'Bekreft og koble til' }).click();
	const codes = page.getByTestId('recovery-codes').getByRole('listitem');
	await expect(codes.first()).toBeVisible();
	rememberPersonal('recovery code', ...(await codes.allTextContents()).map((c) => c.trim()));
	await test.step('recovery codes', () => checkPage(page));
	await page.goto('/auth/recovery');
	await test.step('recovery code page', () => checkPage(page));
});

test.describe('with the keyboard alone', () => {
	test('find an activity, sign up, and cancel through the manage link', async ({ page }) => {
		test.setTimeout(120_000);
		const activityId = await walkActivity();
		const name = `Tastatur ${crypto.randomUUID().slice(0, 6)}`;
		const phone = `4${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
		rememberPersonal('sign-up name', name);
		rememberPersonal('sign-up phone', phone);

		await page.goto('/');
		await tabTo(page, page.getByLabel('Søk'));
		await page.keyboard.type('Kveldstur rundt vannet');
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(/q=Kveldstur/);
		const link = page.locator(`a[href="/activity/${activityId}"]`).first();
		await tabTo(page, link);
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(new RegExp(`/activity/${activityId}$`));

		await tabTo(page, page.getByLabel('Navn eller kallenavn'));
		await page.keyboard.type(name);
		await tabTo(page, page.getByLabel('Mobilnummer'), 5);
		await page.keyboard.type(phone);
		await tabTo(page, page.getByRole('checkbox', { name: /Jeg godtar/ }), 10);
		await page.keyboard.press('Space');
		await expect(page.getByRole('checkbox', { name: /Jeg godtar/ })).toBeChecked();
		await tabTo(page, page.getByRole('button', { name: 'Meld meg på' }), 10);
		await page.keyboard.press('Enter');
		await expect(page.getByRole('heading', { name: 'Du er påmeldt' })).toBeVisible();

		const manage = page.getByRole('link', { name: /\/signup\// });
		await tabTo(page, manage);
		await page.keyboard.press('Enter');
		const cancel = page.getByRole('button', { name: 'Meld meg av' });
		await expect(cancel).toBeVisible();
		await tabTo(page, cancel);
		await page.keyboard.press('Enter');
		await expect(page.getByText('Du er meldt av.')).toBeVisible();
		const [row] = await sql`
			select status from private.signups where activity_id = ${activityId} and phone = ${phone}`;
		expect(row.status).toBe('cancelled');
	});

	test('an organizer creates and publishes an activity', async ({ page }) => {
		test.setTimeout(120_000);
		const email = uniqueEmail('a11y-keys');
		const user = await createOrganizer(email);
		const ids = await organizationWithActivity(sql, user.id, 'keys');
		await page.goto('/auth/login');
		await tabTo(page, page.getByLabel('E-postadresse'));
		await page.keyboard.type(email);
		await tabTo(page, page.getByLabel('Passord'), 5);
		await page.keyboard.type('GodDag2026x');
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(/\/dashboard$/);

		await page.goto(`/organizations/${ids.orgId}`);
		await tabTo(page, page.getByRole('link', { name: 'Ny aktivitet' }));
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(/\/activities\/new$/);
		const title = `Tastaturtur ${crypto.randomUUID().slice(0, 6)}`;
		await tabTo(page, page.getByLabel('Tittel'));
		await page.keyboard.type(title);
		await tabTo(page, page.getByLabel('Kategori'), 20);
		await page.keyboard.press('ArrowDown'); // a native select changes with the arrow keys
		await tabTo(page, page.getByLabel('Sted (navn)'), 20);
		await page.keyboard.type('Skogen');
		await tabTo(page, page.getByLabel('Første dato'), 20);
		await page.keyboard.type(nextWeek());
		await tabTo(page, page.getByLabel('Starter kl.'), 10);
		await page.keyboard.type('1800');
		await tabTo(page, page.getByLabel('Varighet i minutter'), 10);
		await page.keyboard.press('ControlOrMeta+a');
		await page.keyboard.type('90');
		await tabTo(page, page.getByRole('button', { name: 'Lagre utkast' }), 80);
		await page.keyboard.press('Enter');
		const publish = page.getByRole('button', { name: 'Publiser' });
		await expect(publish).toBeVisible();
		await tabTo(page, publish);
		await page.keyboard.press('Enter');
		await expect(page.getByText('Aktiviteten er publisert.')).toBeVisible();
		const [row] = await sql`select status from public.activities where title = ${title}`;
		expect(row.status).toBe('published');
	});
});

/** `ddmmyyyy` keystrokes for a date input a week from now. */
function nextWeek(): string {
	const d = new Date(Date.now() + 7 * 86_400_000);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${pad(d.getUTCDate())}${pad(d.getUTCMonth() + 1)}${d.getUTCFullYear()}`;
}
