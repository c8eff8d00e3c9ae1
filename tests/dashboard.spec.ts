import type { Page } from '@playwright/test';
import {
	createOrganizer,
	freshContext,
	grantPlatformAdmin,
	logIn,
	nextWeekday,
	uniqueEmail
} from './support/accounts';
import { expect, expectAccessible, test } from './support/fixtures';

async function createActivity(
	page: Page,
	orgUrl: string,
	fields: {
		title: string;
		slug: string;
		first: string;
		weekday: string;
		count?: number;
		category: string;
	}
) {
	await page.goto(orgUrl);
	await page.getByRole('link', { name: 'Ny aktivitet' }).click();
	await page.getByLabel('Tittel').fill(fields.title);
	await page.getByLabel('Kort navn i nettadressen').fill(fields.slug);
	await page.getByLabel('Kort beskrivelse').fill(`${fields.title} for alle.`);
	await page
		.getByLabel('Beskrivelse', { exact: true })
		.fill('Ta med **godt humør**.\n\n<script>alert(1)</script>');
	await page.getByLabel('Kategori').selectOption({ label: fields.category });
	await page.getByLabel('Sted (navn)').fill('Idrettshallen');
	await page.getByLabel('By eller kommune').fill('Oslo');
	await page.getByLabel('Første dato').fill(fields.first);
	await page.getByLabel('Starter kl.').fill('18:00');
	await page.getByLabel('Varighet i minutter').fill('90');
	await page.getByRole('radio', { name: 'Hver uke', exact: true }).check();
	await page.getByRole('checkbox', { name: fields.weekday, exact: true }).check();
	if (fields.count) {
		await page.getByRole('radio', { name: 'Etter et antall ganger' }).check();
		await page.getByLabel('Antall ganger', { exact: true }).fill(String(fields.count));
	}
	await page.getByRole('button', { name: 'Vis datoene' }).click();
	await expect(page.getByRole('heading', { name: 'Datoene' })).toBeVisible();
	await expect(page.getByLabel('Tittel')).toHaveValue(fields.title);
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Lagre utkast' }).click();
	await expect(page.getByRole('heading', { level: 1, name: fields.title })).toBeVisible();
	await expect(page.getByText('Utkast', { exact: true })).toBeVisible();
	await page.getByRole('button', { name: 'Publiser' }).click();
	await expect(page.getByRole('status')).toHaveText('Aktiviteten er publisert.');
	// Without JavaScript the URL ends in ?/publish: keep the page's own address.
	return page.url().replace(/\?.*$/, '');
}

test.describe('organizations and publishing @no-js @phone', () => {
	test('an organizer registers an organization, a platform admin approves it, and its activities go public', async ({
		page,
		browser
	}, info) => {
		test.setTimeout(120_000);
		const js = info.project.use.javaScriptEnabled !== false;
		const tag = crypto.randomUUID().slice(0, 6);
		const email = uniqueEmail('org');
		await createOrganizer(email);
		await logIn(page, email);
		await expect(page.getByRole('heading', { level: 1, name: 'For arrangører' })).toBeVisible();
		await page.getByRole('link', { name: 'Registrer en organisasjon' }).click();
		await expectAccessible(page);
		await page.getByLabel('Navn', { exact: true }).fill(`Ball og venner ${tag}`);
		await page.getByLabel('Kort navn i nettadressen').fill(`ball-og-venner-${tag}`);
		await page.getByLabel('Type organisasjon').selectOption({ label: 'Brukerorganisasjon' });
		await page.getByRole('button', { name: 'Registrer' }).click();
		await expect(
			page.getByText('Organisasjonen er registrert og venter på godkjenning.')
		).toBeVisible();
		const orgUrl = page.url().replace(/\?.*$/, '');
		await expectAccessible(page);

		// The football activity, published while the organization is pending: not public yet.
		const footballUrl = await createActivity(page, orgUrl, {
			title: `Fotball ${tag}`,
			slug: 'fotball',
			first: nextWeekday(2),
			weekday: 'tirsdag',
			category: 'Idrett'
		});
		const footballId = /\/activities\/([0-9a-f-]{36})/.exec(footballUrl)![1];
		const visitor = await freshContext(browser, js);
		const anon = await visitor.newPage();
		expect((await anon.goto(`/activity/${footballId}`))!.status()).toBe(404);

		const adminEmail = uniqueEmail('padmin');
		const adminUser = await createOrganizer(adminEmail);
		await grantPlatformAdmin(adminUser.id);
		const adminContext = await freshContext(browser, js);
		const admin = await adminContext.newPage();
		await logIn(admin, adminEmail);
		await admin.getByRole('link', { name: 'Organisasjoner som venter på godkjenning' }).click();
		await expectAccessible(admin);
		await admin.getByRole('button', { name: `Godkjenn Ball og venner ${tag}` }).click();
		await expect(admin.getByRole('status')).toHaveText(`Ball og venner ${tag} er godkjent.`);
		await adminContext.close();

		await createActivity(page, orgUrl, {
			title: `Kurs ${tag}`,
			slug: 'kurs',
			first: nextWeekday(1),
			weekday: 'mandag',
			count: 6,
			category: 'Kurs'
		});
		await expect(page.locator('.sessions > li')).toHaveCount(6);
		await expectAccessible(page);

		// Cancel the first football session.
		await page.goto(footballUrl);
		const first = page.locator('.sessions > li').first();
		await first.getByLabel('Grunn til avlysningen').fill('Hallen er stengt');
		await first.getByRole('button', { name: 'Avlys' }).click();
		await expect(page.getByRole('status')).toHaveText('Gangen er endret.');
		await expect(page.locator('.sessions > li').first()).toContainText('Avlyst: Hallen er stengt');

		for (const prefix of ['', '/en']) {
			await anon.goto(`${prefix}/activity/${footballId}`);
			await expect(anon.getByRole('heading', { level: 1, name: `Fotball ${tag}` })).toBeVisible();
			await expect(anon.locator('.sessions > li').first()).toContainText(
				prefix ? 'Cancelled: Hallen er stengt' : 'Avlyst: Hallen er stengt'
			);
			await expect(anon.locator('.description strong')).toHaveText('godt humør');
			await expect(anon.locator('.description script')).toHaveCount(0);
			await expectAccessible(anon);
		}
		await anon.goto('/');
		await expect(anon.getByRole('link', { name: `Kurs ${tag}` })).toBeVisible();
		await visitor.close();
	});
});
