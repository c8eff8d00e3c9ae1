import { createClient } from '@supabase/supabase-js';
import { totp } from '../supabase/local/auth/totp.ts';
import { LOCAL_PUBLISHABLE_KEY } from '../supabase/local/keys/index.ts';
import {
	PASSWORD,
	confirmLink,
	createOrganizer,
	freshContext,
	logIn,
	mailTo,
	sessionFromCookies,
	uniqueEmail
} from './support/accounts';
import { expect, expectAccessible, test, testAddress } from './support/fixtures';

test.describe('organizer accounts @no-js', () => {
	test('sign up, confirm from another browser, add an authenticator, log out, log in with password and code', async ({
		page,
		browser
	}, info) => {
		const js = info.project.use.javaScriptEnabled !== false;
		const email = uniqueEmail('signup');
		await page.goto('/auth/signup');
		await expectAccessible(page);
		await page.getByLabel('E-postadresse').fill(email);
		await page.getByLabel('Passord').fill(PASSWORD);
		await page.getByRole('button', { name: 'Lag konto' }).click();
		await expect(page.getByRole('heading', { name: 'Sjekk e-posten din' })).toBeVisible();
		await expectAccessible(page);

		const mail = await mailTo(email, /Bekreft e-postadressen/);
		const other = await freshContext(browser, js);
		const tab = await other.newPage();
		await tab.goto(confirmLink(mail));
		await expectAccessible(tab);
		await tab.getByRole('button', { name: 'Fortsett' }).click();
		await expect(tab.getByRole('heading', { level: 1, name: 'For arrangører' })).toBeVisible();
		await expectAccessible(tab);

		await tab.goto('/account');
		await tab.getByRole('button', { name: 'Koble til en kodeapp' }).click();
		const secret = (await tab.getByTestId('totp-secret').textContent())!.trim();
		await expectAccessible(tab);
		await tab.getByLabel('Kode fra appen').fill(totp(secret));
		await tab.getByRole('button', { name: 'Bekreft og koble til' }).click();
		await expect(tab.getByRole('status')).toHaveText('Kodeappen er koblet til.');
		await expectAccessible(tab);

		await tab.getByRole('button', { name: 'Logg ut' }).click();
		await expect(tab.getByText('Du er logget ut.')).toBeVisible();

		await logIn(tab, email);
		await expect(tab.getByRole('heading', { name: 'Skriv inn koden' })).toBeVisible();
		await expectAccessible(tab);
		await tab.getByLabel('Kode fra appen').fill(totp(secret));
		await tab.getByRole('button', { name: 'Bekreft' }).click();
		await expect(tab.getByRole('heading', { level: 1, name: 'For arrangører' })).toBeVisible();
		await other.close();
	});

	test('logs in with an e-mail link', async ({ page, browser }, info) => {
		const email = uniqueEmail('link');
		await createOrganizer(email, 'en');
		await page.goto('/en/auth/login?method=link');
		await expectAccessible(page);
		await page.getByLabel('E-mail address').fill(email);
		await page.getByRole('button', { name: 'Send link' }).click();
		await expect(page.getByRole('heading', { name: 'Check your e-mail' })).toBeVisible();
		const mail = await mailTo(email, /login link/);
		expect(confirmLink(mail)).toContain('/en/auth/confirm?');
		const other = await freshContext(browser, info.project.use.javaScriptEnabled !== false);
		const tab = await other.newPage();
		await tab.goto(confirmLink(mail));
		await tab.getByRole('button', { name: 'Continue' }).click();
		await expect(tab.getByRole('heading', { level: 1, name: 'For organizers' })).toBeVisible();
		await other.close();
	});

	for (const en of [false, true]) {
		test(`a wrong password gets a translated error and keeps the e-mail (${en ? 'en' : 'nb'})`, async ({
			page
		}) => {
			const email = uniqueEmail('wrong');
			await createOrganizer(email);
			await logIn(page, email, 'Feil-passord-1', en);
			await expect(page.getByRole('alert')).toHaveText(
				en
					? 'The e-mail address or password is not right.'
					: 'E-postadressen eller passordet stemmer ikke.'
			);
			await expect(page.getByLabel(en ? 'E-mail address' : 'E-postadresse')).toHaveValue(email);
			await expectAccessible(page);
		});
	}

	test('a form with bad input says what to fix, field by field', async ({ page }) => {
		await page.goto('/auth/signup');
		await page.getByLabel('E-postadresse').fill('ikke-en-adresse');
		await page.getByLabel('Passord').fill('kort');
		await page.getByRole('button', { name: 'Lag konto' }).click();
		// Each message is the field's description (the error summary above the form repeats them).
		await expect(page.getByLabel('E-postadresse')).toHaveAccessibleDescription(
			'Skriv inn en gyldig e-postadresse, for eksempel navn@eksempel.no.'
		);
		await expect(page.getByLabel('Passord')).toHaveAccessibleDescription(
			/Passordet må ha minst 10 tegn\.$/
		);
		await expect(page.getByLabel('E-postadresse')).toHaveValue('ikke-en-adresse');
		await expect(page.getByLabel('E-postadresse')).toHaveAttribute('aria-invalid', 'true');
		await expectAccessible(page);
	});
});

test.describe('organizer sessions', () => {
	test('logging out invalidates the refresh token', async ({ page, context }) => {
		const email = uniqueEmail('logout');
		await createOrganizer(email);
		await logIn(page, email);
		await expect(page.getByRole('heading', { level: 1, name: 'For arrangører' })).toBeVisible();
		const session = await sessionFromCookies(context);
		expect(session?.refresh_token).toBeTruthy();
		await page.getByRole('button', { name: 'Logg ut' }).click();
		await expect(page.getByText('Du er logget ut.')).toBeVisible();
		const supabase = createClient(process.env.SAMMEN_API_URL!, LOCAL_PUBLISHABLE_KEY, {
			auth: { persistSession: false, autoRefreshToken: false }
		});
		const { error } = await supabase.auth.refreshSession({ refresh_token: session!.refresh_token });
		expect(error?.code).toBe('refresh_token_not_found');
	});

	test('an aal1 session is refused on an aal2 page', async ({ page }) => {
		const email = uniqueEmail('aal');
		await createOrganizer(email);
		await logIn(page, email);
		await expect(page.getByRole('heading', { level: 1, name: 'For arrangører' })).toBeVisible();
		await page.goto('/account');
		await page.getByRole('button', { name: 'Koble til en kodeapp' }).click();
		const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
		await page.getByLabel('Kode fra appen').fill(totp(secret));
		await page.getByRole('button', { name: 'Bekreft og koble til' }).click();
		await expect(page.getByRole('status')).toHaveText('Kodeappen er koblet til.');
		await page.getByRole('button', { name: 'Logg ut' }).click();
		await logIn(page, email);
		await expect(page).toHaveURL(/\/auth\/mfa$/);
		// Password only (aal1): the organizer pages ask for the code instead.
		for (const path of ['/dashboard', '/account']) {
			await page.goto(path);
			await expect(page).toHaveURL(/\/auth\/mfa$/);
		}
	});

	test('an idle session ends after 30 minutes without a request', async ({
		page,
		context,
		baseURL
	}) => {
		const email = uniqueEmail('idle');
		await createOrganizer(email);
		await logIn(page, email);
		await expect(page.getByRole('heading', { level: 1, name: 'For arrangører' })).toBeVisible();
		// Stand in for 31 idle minutes: the last request was that long ago.
		const seen = (await context.cookies()).find((c) => c.name === 'sammen-seen')!;
		await context.addCookies([
			{
				...seen,
				value: String(Math.floor(Date.now() / 1000) - 31 * 60),
				url: baseURL,
				domain: undefined,
				path: undefined
			}
		]);
		await page.goto('/dashboard');
		await expect(page).toHaveURL(/\/auth\/login\?ended=idle$/);
		await expect(
			page.getByText('Du ble logget ut etter 30 minutter uten aktivitet.', { exact: false })
		).toBeVisible();
		await page.goto('/dashboard');
		await expect(page).toHaveURL(/\/auth\/login$/);
	});

	test('too many log-in attempts from one address get a translated 429', async ({ browser }) => {
		const address = testAddress(`rate-limit-${crypto.randomUUID()}`);
		const context = await browser.newContext({
			baseURL: process.env.SAMMEN_BASE_URL,
			extraHTTPHeaders: { 'x-forwarded-for': address }
		});
		const page = await context.newPage();
		const limit = 10; // the app's per-address limit on log-in attempts (src/lib/server/rate-limit.ts)
		// Use up the address's attempts (as a script would), then try once more in the page.
		for (let i = 0; i < limit; i++) {
			await page.request.post('/auth/login?/password', {
				form: { email: 'noen@example.com', password: 'Feil-passord-1' },
				headers: { origin: process.env.SAMMEN_BASE_URL!, 'x-forwarded-for': address }
			});
		}
		await logIn(page, 'noen@example.com', 'Feil-passord-1');
		await expect(page.getByRole('alert')).toHaveText('For mange forsøk. Vent litt og prøv igjen.');
		await context.close();
	});

	test('log-in and sign-up work with the keyboard alone', async ({ page }) => {
		const email = uniqueEmail('keys');
		await createOrganizer(email);
		await page.goto('/auth/login');
		await page.getByLabel('E-postadresse').focus();
		await page.keyboard.type(email);
		await page.keyboard.press('Tab');
		await page.keyboard.type(PASSWORD);
		await page.keyboard.press('Enter');
		await expect(page.getByRole('heading', { level: 1, name: 'For arrangører' })).toBeVisible();
	});
});

test.describe('account upkeep @no-js', () => {
	test('forgot password: the mailed link leads to a new password, which then logs in', async ({
		page,
		browser
	}, info) => {
		const email = uniqueEmail('forgot');
		await createOrganizer(email);
		await page.goto('/auth/forgot');
		await expectAccessible(page);
		await page.getByLabel('E-postadresse').fill(email);
		await page.getByRole('button', { name: 'Send lenke' }).click();
		await expect(page.getByRole('heading', { name: 'Sjekk e-posten din' })).toBeVisible();
		const mail = await mailTo(email, /Velg et nytt passord/);
		const other = await freshContext(browser, info.project.use.javaScriptEnabled !== false);
		const tab = await other.newPage();
		await tab.goto(confirmLink(mail));
		await tab.getByRole('button', { name: 'Fortsett' }).click();
		await expect(tab.getByRole('heading', { name: 'Velg nytt passord' })).toBeVisible();
		await expectAccessible(tab);
		await tab.getByLabel('Nytt passord').fill('NyttPassord2027');
		await tab.getByRole('button', { name: 'Lagre passordet' }).click();
		await expect(tab.getByRole('status')).toHaveText('Passordet er lagret.');
		await other.close();
		await logIn(page, email, 'NyttPassord2027');
		await expect(page.getByRole('heading', { level: 1, name: 'For arrangører' })).toBeVisible();
	});

	test('an organizer changes the e-mail language and deletes the account', async ({ page }) => {
		const email = uniqueEmail('delete');
		await createOrganizer(email);
		await logIn(page, email);
		await expect(page.getByRole('heading', { level: 1, name: 'For arrangører' })).toBeVisible();
		await page.goto('/account');
		await page.getByRole('radio', { name: 'English' }).check();
		await page.getByRole('button', { name: 'Lagre språk' }).click();
		await expect(page.getByRole('status')).toHaveText('Språket er lagret.');
		await page.getByRole('button', { name: 'Slett kontoen' }).click();
		await expect(page.getByText('Kryss av for å bekrefte.')).toBeVisible();
		await page.getByRole('checkbox', { name: 'Jeg forstår at kontoen slettes for godt' }).check();
		await page.getByRole('button', { name: 'Slett kontoen' }).click();
		await expect(page).toHaveURL(/\/\?deleted=1$/);
		await logIn(page, email);
		await expect(page.getByRole('alert')).toHaveText(
			'E-postadressen eller passordet stemmer ikke.'
		);
	});
});
