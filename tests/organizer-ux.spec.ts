import { createHash } from 'node:crypto';
import { totp } from '../supabase/local/auth/totp.ts';
import {
	PASSWORD,
	confirmLink,
	createOrganizer,
	freshContext,
	logIn,
	mailTo,
	uniqueEmail
} from './support/accounts';
import {
	addAuthenticator,
	cookieHeader,
	database,
	organizationWithActivity,
	postForm
} from './support/attacker';
import { expect, expectAccessible, test } from './support/fixtures';

const sql = database();

const LOCALES = {
	nb: {
		prefix: '',
		settingsLink: 'Innstillinger for organisasjonen',
		name: 'Navn',
		description: 'Om organisasjonen',
		peerLed: 'Ledet av likepersoner',
		website: 'Nettside',
		email: 'E-postadresse for kontakt',
		phone: 'Telefonnummer for kontakt',
		retention: 'Dager påmeldingsdata lagres',
		save: 'Lagre innstillingene',
		summary: 'Noe må rettes før du kan gå videre:',
		websiteError: 'Skriv hele nettadressen, slik: https://ballklubben.no',
		retentionError: 'Skriv et antall dager fra 1 til 90.',
		saved: 'Innstillingene er lagret.',
		login: 'Logg inn',
		logout: 'Logg ut',
		dashboard: 'For arrangører',
		mainNav: 'Hovedmeny',
		emailLabel: 'E-postadresse',
		passwordLabel: 'Passord',
		withLink: 'Få en innloggingslenke på e-post i stedet',
		sendLink: 'Send lenke',
		invitedAs: 'inviterer deg til å arrangere aktiviteter på Sammen som arrangør',
		accept: 'Godta invitasjonen',
		signup: 'Lag en konto',
		createAccount: 'Lag konto',
		continue: 'Fortsett',
		invalid: 'Invitasjonen gjelder ikke',
		codeTitle: 'Skriv inn koden',
		addApp: 'Koble til en kodeapp',
		appCode: 'Kode fra appen',
		connect: 'Bekreft og koble til',
		recoveryCode: 'Gjenopprettingskode',
		lostApp: 'Mistet kodeappen?',
		recover: 'Logg inn med koden',
		recovered: 'Du er logget inn med en gjenopprettingskode',
		recoveryWrong: 'Koden er feil eller allerede brukt.'
	},
	en: {
		prefix: '/en',
		settingsLink: 'Organization settings',
		name: 'Name',
		description: 'About the organization',
		peerLed: 'Peer-led',
		website: 'Website',
		email: 'Contact e-mail address',
		phone: 'Contact phone number',
		retention: 'Days sign-up data is kept',
		save: 'Save settings',
		summary: 'Please fix the following before you continue:',
		websiteError: 'Write the full web address, like this: https://ballklubben.no',
		retentionError: 'Write a number of days from 1 to 90.',
		saved: 'The settings are saved.',
		login: 'Log in',
		logout: 'Log out',
		dashboard: 'For organizers',
		mainNav: 'Main menu',
		emailLabel: 'E-mail address',
		passwordLabel: 'Password',
		withLink: 'Get a login link by e-mail instead',
		sendLink: 'Send link',
		invitedAs: 'invites you to organize activities on Sammen as organizer',
		accept: 'Accept the invitation',
		signup: 'Create an account',
		createAccount: 'Create account',
		continue: 'Continue',
		invalid: 'The invitation is not valid',
		codeTitle: 'Enter the code',
		addApp: 'Connect an authenticator app',
		appCode: 'Code from the app',
		connect: 'Confirm and connect',
		recoveryCode: 'Recovery code',
		lostApp: 'Lost your authenticator app?',
		recover: 'Log in with the code',
		recovered: 'You are logged in with a recovery code',
		recoveryWrong: 'The code is wrong or already used.'
	}
} as const;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

async function invitation(orgId: string, email: string, expired = false) {
	const token = crypto.randomUUID() + crypto.randomUUID().replaceAll('-', '');
	await sql`
		insert into public.invitations (organization_id, email, role, token_hash, expires_at)
		values (${orgId}, ${email}, 'organizer', ${sha256(token)},
		        now() + ${expired ? '-1 day' : '14 days'}::interval)`;
	return token;
}

for (const [lang, L] of Object.entries(LOCALES)) {
	const en = lang === 'en';

	test.describe(`organizer UX (${lang}) @no-js`, () => {
		test('an owner edits the organization and sees it on the public page', async ({
			page
		}, info) => {
			const js = info.project.use.javaScriptEnabled !== false;
			const email = uniqueEmail('settings');
			const owner = await createOrganizer(email, lang);
			const { orgId } = await organizationWithActivity(sql, owner.id, 'innst');
			await logIn(page, email, PASSWORD, en);
			await expect(page.getByRole('heading', { level: 1, name: L.dashboard })).toBeVisible();

			await page.goto(`${L.prefix}/organizations/${orgId}`);
			await page.getByRole('link', { name: L.settingsLink }).click();
			await expect(page.getByRole('heading', { level: 1, name: L.settingsLink })).toBeVisible();
			await expectAccessible(page);

			const tag = crypto.randomUUID().slice(0, 6);
			await page.getByLabel(L.name, { exact: true }).fill(`Ballklubben ${tag}`);
			await page.getByLabel(L.description).fill(`Innebandy hver tirsdag ${tag}.`);
			await page.getByLabel(L.peerLed).check();
			await page.getByLabel(L.website).fill('ballklubben');
			await page.getByLabel(L.retention).fill('0');
			await page.getByRole('button', { name: L.save }).click();

			const summary = page.getByRole('heading', { name: L.summary });
			await expect(summary).toBeVisible();
			if (js) await expect(page.locator('.ds-error-summary')).toBeFocused();
			else await expect(page.locator('.ds-error-summary')).toHaveAttribute('autofocus');
			await expect(page.getByRole('link', { name: L.websiteError })).toBeVisible();
			await expect(page.getByRole('link', { name: L.retentionError })).toBeVisible();
			await expect(page.getByLabel(L.name, { exact: true })).toHaveValue(`Ballklubben ${tag}`);
			await expect(page.getByLabel(L.peerLed)).toBeChecked();
			await expectAccessible(page);
			const before = await sql`select name from public.organizations where id = ${orgId}`;
			expect(before[0].name).not.toContain(tag);

			await page.getByLabel(L.website).fill('https://ballklubben.example');
			await page.getByLabel(L.email).fill('post@ballklubben.example');
			await page.getByLabel(L.phone).fill('+47 22 33 44 55');
			await page.getByLabel(L.retention).fill('14');
			await page.getByRole('button', { name: L.save }).click();
			await expect(page.getByRole('status')).toContainText(L.saved);
			await expectAccessible(page);

			const [org] =
				await sql`select slug, retention_days, approaches from public.organizations where id = ${orgId}`;
			expect(org.retention_days).toBe(14);
			await page.goto(`${L.prefix}/org/${org.slug}`);
			await expect(
				page.getByRole('heading', { level: 1, name: `Ballklubben ${tag}` })
			).toBeVisible();
			await expect(page.getByText(`Innebandy hver tirsdag ${tag}.`)).toBeVisible();
			await expect(page.getByRole('link', { name: 'post@ballklubben.example' })).toBeVisible();
			await expect(page.getByRole('link', { name: 'https://ballklubben.example' })).toBeVisible();
			await expect(page.getByText(L.peerLed).first()).toBeVisible();
			await expectAccessible(page);
		});

		test('an organizer who is not an admin cannot change the settings', async ({
			page,
			request
		}) => {
			const owner = await createOrganizer(uniqueEmail('owner'), lang);
			const email = uniqueEmail('plain');
			const member = await createOrganizer(email, lang);
			const { orgId } = await organizationWithActivity(sql, owner.id, 'vanlig');
			await sql`insert into public.memberships (organization_id, user_id, role) values (${orgId}, ${member.id}, 'organizer')`;
			const [before] = await sql`select * from public.organizations where id = ${orgId}`;
			await logIn(page, email, PASSWORD, en);
			await expect(page.getByRole('heading', { level: 1, name: L.dashboard })).toBeVisible();

			await page.goto(`${L.prefix}/organizations/${orgId}`);
			await expect(page.getByRole('link', { name: L.settingsLink })).toHaveCount(0);
			const view = await page.goto(`${L.prefix}/organizations/${orgId}/settings`);
			expect([403, 404]).toContain(view!.status());
			await expectAccessible(page);

			const posted = await postForm(
				request,
				`${L.prefix}/organizations/${orgId}/settings`,
				{
					name: 'Overtatt',
					description: '',
					retentionDays: '90',
					city: '',
					region: '',
					website: '',
					contactEmail: '',
					contactPhone: ''
				},
				{ cookie: await cookieHeader(page.context()) }
			);
			expect([403, 404]).toContain(posted.status());
			const [after] = await sql`select * from public.organizations where id = ${orgId}`;
			expect(after).toEqual(before);
		});

		test('a logged-out invitee logs in and lands back on the invitation that names the organization', async ({
			page
		}) => {
			const owner = await createOrganizer(uniqueEmail('inviter'), lang);
			const { orgId } = await organizationWithActivity(sql, owner.id, 'inv');
			const [org] = await sql`select name from public.organizations where id = ${orgId}`;
			const email = uniqueEmail('invitee');
			await createOrganizer(email, lang);
			const token = await invitation(orgId, email);

			await page.goto(`${L.prefix}/invitations/${token}`);
			await expect(page.getByText(`${org.name} ${L.invitedAs}`)).toBeVisible();
			await expect(page.getByRole('button', { name: L.accept })).toHaveCount(0);
			await expectAccessible(page);
			await page.getByRole('main').getByRole('link', { name: L.login }).click();
			await expect(page).toHaveURL(/\/auth\/login\?next=/);
			await expectAccessible(page);
			await page.getByLabel(L.emailLabel).fill(email);
			await page.getByLabel(L.passwordLabel).fill(PASSWORD);
			await page.getByRole('main').getByRole('button', { name: L.login }).click();

			await expect(page).toHaveURL(new RegExp(`${L.prefix}/invitations/${token}$`));
			await expect(page.getByText(`${org.name} ${L.invitedAs}`)).toBeVisible();
			await expectAccessible(page);
			await page.getByRole('button', { name: L.accept }).click();
			await expect(page.getByRole('heading', { level: 1, name: org.name })).toBeVisible();
			await expect(page).toHaveURL(new RegExp(`${L.prefix}/organizations/${orgId}$`));
		});

		test('a logged-out invitee who asks for a log-in link by e-mail lands back on the invitation', async ({
			page,
			browser
		}, info) => {
			const owner = await createOrganizer(uniqueEmail('inviter'), lang);
			const { orgId } = await organizationWithActivity(sql, owner.id, 'lnk');
			const [org] = await sql`select name from public.organizations where id = ${orgId}`;
			const email = uniqueEmail('linked');
			await createOrganizer(email, lang);
			const token = await invitation(orgId, email);

			await page.goto(`${L.prefix}/invitations/${token}`);
			await page.getByRole('main').getByRole('link', { name: L.login }).click();
			await page.getByRole('link', { name: L.withLink }).click();
			await expect(page).toHaveURL(/method=link&next=/);
			await page.getByLabel(L.emailLabel).fill(email);
			await page.getByRole('button', { name: L.sendLink }).click();

			const mail = await mailTo(email);
			const link = mail.links.find((l) => l.includes('type=magiclink'));
			expect(link).toBeTruthy();
			// Opened where the mail is read: another browser that has never seen the invitation.
			const other = await freshContext(browser, info.project.use.javaScriptEnabled !== false);
			const tab = await other.newPage();
			await tab.goto(link!);
			await tab.getByRole('button', { name: L.continue }).click();
			await expect(tab).toHaveURL(new RegExp(`${L.prefix}/invitations/${token}$`));
			await expect(tab.getByText(`${org.name} ${L.invitedAs}`)).toBeVisible();
			await expect(tab.getByRole('button', { name: L.accept })).toBeVisible();
			await other.close();
		});

		test('a new invitee creates an account and confirming it, in another browser, returns to the invitation', async ({
			page,
			browser
		}, info) => {
			const owner = await createOrganizer(uniqueEmail('inviter'), lang);
			const { orgId } = await organizationWithActivity(sql, owner.id, 'ny');
			const [org] = await sql`select name from public.organizations where id = ${orgId}`;
			const email = uniqueEmail('newcomer');
			const token = await invitation(orgId, email);

			await page.goto(`${L.prefix}/invitations/${token}`);
			await page.getByRole('link', { name: L.signup }).click();
			await expect(page).toHaveURL(/\/auth\/signup\?next=/);
			await page.getByLabel(L.emailLabel).fill(email);
			await page.getByLabel(L.passwordLabel).fill(PASSWORD);
			await page.getByRole('button', { name: L.createAccount }).click();

			const other = await freshContext(browser, info.project.use.javaScriptEnabled !== false);
			const tab = await other.newPage();
			await tab.goto(confirmLink(await mailTo(email)));
			await tab.getByRole('button', { name: L.continue }).click();
			await expect(tab).toHaveURL(new RegExp(`${L.prefix}/invitations/${token}$`));
			await expect(tab.getByText(`${org.name} ${L.invitedAs}`)).toBeVisible();
			await expect(tab.getByRole('button', { name: L.accept })).toBeVisible();
			await expectAccessible(tab);
			await other.close();
		});

		test('an invalid, used or expired invitation says so and offers no button', async ({
			page
		}) => {
			const owner = await createOrganizer(uniqueEmail('inviter'), lang);
			const { orgId } = await organizationWithActivity(sql, owner.id, 'ugyldig');
			const used = await invitation(orgId, uniqueEmail('used'));
			await sql`update public.invitations set accepted_at = now() where token_hash = ${sha256(used)}`;
			const expired = await invitation(orgId, uniqueEmail('old'), true);
			for (const token of ['not-a-real-token-0000000000', used, expired]) {
				await page.goto(`${L.prefix}/invitations/${token}`);
				await expect(page.getByRole('heading', { level: 1, name: L.invalid })).toBeVisible();
				await expect(page.getByRole('button', { name: L.accept })).toHaveCount(0);
				await expect(page.getByRole('main').getByRole('link', { name: L.login })).toHaveCount(0);
			}
			await expectAccessible(page);
		});

		test('a recovery code logs in once and never again', async ({ page }) => {
			// Two log-ins, two authenticators and six axe runs: more than the default 30 s under load.
			test.slow();
			const email = uniqueEmail('recovery');
			await createOrganizer(email, lang);
			await logIn(page, email, PASSWORD, en);
			// Under a full parallel run the first log-in can take longer than 5 s.
			await expect(page.getByRole('heading', { level: 1, name: L.dashboard })).toBeVisible({
				timeout: 15_000
			});
			await page.goto(`${L.prefix}/account`);
			await page.getByRole('button', { name: L.addApp }).click();
			const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
			await page.getByLabel(L.appCode).fill(totp(secret));
			await page.getByRole('button', { name: L.connect }).click();
			const codes = page.getByTestId('recovery-codes').getByRole('listitem');
			await expect(codes).toHaveCount(10);
			await expectAccessible(page);
			const code = (await codes.first().textContent())!.trim();
			expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);

			await page.getByRole('button', { name: L.logout }).click();
			await logIn(page, email, PASSWORD, en);
			await expect(page.getByRole('heading', { level: 1, name: L.codeTitle })).toBeVisible();
			const nav = page.getByRole('navigation', { name: L.mainNav });
			await expect(nav.getByRole('link')).toHaveCount(0);
			await expect(nav.getByRole('button', { name: L.logout })).toBeVisible();
			await expectAccessible(page);
			await page.getByRole('link', { name: L.lostApp }).click();
			await expect(nav.getByRole('link')).toHaveCount(0);
			await expectAccessible(page);
			await page.getByLabel(L.recoveryCode).fill(code.toUpperCase());
			await page.getByRole('button', { name: L.recover }).click();
			await expect(page.getByText(L.recovered)).toBeVisible();
			await expect(page.getByRole('button', { name: L.addApp })).toBeVisible();
			await expectAccessible(page);

			// A new authenticator (the old codes stay as they were): the spent code is refused.
			await page.getByRole('button', { name: L.logout }).click();
			await addAuthenticator(email);
			await logIn(page, email, PASSWORD, en);
			await expect(page.getByRole('heading', { level: 1, name: L.codeTitle })).toBeVisible();
			await page.getByRole('link', { name: L.lostApp }).click();
			await page.getByLabel(L.recoveryCode).fill(code);
			await page.getByRole('button', { name: L.recover }).click();
			await expect(page.getByText(L.recoveryWrong)).toBeVisible();
			await expect(page.getByRole('heading', { level: 1, name: L.lostApp })).toBeVisible();
			await page.goto(`${L.prefix}/dashboard`);
			await expect(page).toHaveURL(new RegExp(`${L.prefix}/auth/mfa$`));
			await expectAccessible(page);
		});
	});
}

const FORM = {
	nb: {
		prefix: '',
		once: 'Én gang',
		weekly: 'Hver uke',
		monthly: 'Én gang i måneden',
		weekdays: 'Ukedager',
		nth: 'Hvilken uke i måneden',
		ends: 'Slutter',
		signupFor: 'Hva man melder seg på',
		you: '(deg)',
		save: 'Lagre utkast',
		title: 'Tittel',
		titleMissing: 'Skriv en tittel'
	},
	en: {
		prefix: '/en',
		once: 'Once',
		weekly: 'Every week',
		monthly: 'Once a month',
		weekdays: 'Weekdays',
		nth: 'Which week of the month',
		ends: 'Ends',
		signupFor: 'What people sign up for',
		you: '(you)',
		save: 'Save draft',
		title: 'Title',
		titleMissing: 'Write a title'
	}
} as const;

for (const [lang, F] of Object.entries(FORM)) {
	test.describe(`the organizer's smaller points (${lang}) @no-js @phone`, () => {
		test('the activity form shows only the fields the chosen repetition uses', async ({ page }) => {
			const email = uniqueEmail('former');
			const owner = await createOrganizer(email, lang);
			const { orgId } = await organizationWithActivity(sql, owner.id, 'frm');
			await logIn(page, email, PASSWORD, lang === 'en');
			await expect(page).toHaveURL(/\/dashboard$/);
			await page.goto(`${F.prefix}/organizations/${orgId}/activities/new`);

			const weekdays = page.getByRole('group', { name: F.weekdays });
			const nth = page.getByLabel(F.nth);
			const ends = page.getByRole('group', { name: F.ends });
			// A one-off activity: no weekdays, no week of the month, no end.
			await expect(page.getByRole('radio', { name: F.once, exact: true })).toBeChecked();
			await expect(weekdays).toBeHidden();
			await expect(nth).toBeHidden();
			await expect(ends).toBeHidden();
			// Without JavaScript too: CSS alone follows the choice.
			await page.getByRole('radio', { name: F.weekly, exact: true }).check();
			await expect(weekdays).toBeVisible();
			await expect(nth).toBeHidden();
			await expect(ends).toBeVisible();
			await page.getByRole('radio', { name: F.monthly, exact: true }).check();
			await expect(weekdays).toBeHidden();
			await expect(nth).toBeVisible();
			// The sign-up group's legend and its first field no longer say the same thing twice.
			await expect(page.getByLabel(F.signupFor)).toBeVisible();
			await expectAccessible(page);
		});

		test('an empty required field: the summary takes focus, and its link, followed with the keyboard, moves focus to the field', async ({
			page
		}, info) => {
			const js = info.project.use.javaScriptEnabled !== false;
			const email = uniqueEmail('summary');
			const owner = await createOrganizer(email, lang);
			const { orgId } = await organizationWithActivity(sql, owner.id, 'sum');
			await logIn(page, email, PASSWORD, lang === 'en');
			await expect(page).toHaveURL(/\/dashboard$/);
			await page.goto(`${F.prefix}/organizations/${orgId}/activities/new`);
			await page.getByLabel(F.title, { exact: true }).focus();
			await page.keyboard.press('Enter'); // submits the form from the empty title field

			const summary = page.locator('.ds-error-summary');
			await expect(summary).toBeFocused(); // `autofocus` without JavaScript, focus() with it
			const link = summary.getByRole('link', { name: F.titleMissing });
			if (js) await page.keyboard.press('Tab');
			else await link.focus();
			await expect(link).toBeFocused();
			await page.keyboard.press('Enter');
			await expect(page.getByLabel(F.title, { exact: true })).toBeFocused();
			await expectAccessible(page);
		});

		test('the member list marks "you" apart from the address, and the header keeps "log out" whole', async ({
			page
		}) => {
			const email = uniqueEmail('member');
			const owner = await createOrganizer(email, lang);
			const { orgId } = await organizationWithActivity(sql, owner.id, 'mem');
			await logIn(page, email, PASSWORD, lang === 'en');
			await expect(page).toHaveURL(/\/dashboard$/);
			await page.goto(`${F.prefix}/organizations/${orgId}`);
			await expect(page.getByRole('cell', { name: `${email} ${F.you}` })).toBeVisible();
			// One line: the button is no taller than a line of the links beside it.
			const logout = page.getByRole('banner').getByRole('button');
			const link = page.getByRole('banner').getByRole('navigation').getByRole('link').first();
			const [button, text] = [await logout.boundingBox(), await link.boundingBox()];
			expect(button!.height).toBeLessThanOrEqual(text!.height + 8);
		});
	});
}
