import type { Page } from '@playwright/test';
import {
	createOrganizer,
	freshContext,
	grantPlatformAdmin,
	logIn,
	nextWeekday,
	uniqueEmail
} from './support/accounts';
import { database, organizationWithActivity } from './support/attacker';
import { expect, expectAccessible, test } from './support/fixtures';

const LABELS = {
	nb: {
		lang: 'nb',
		prefix: '',
		dashboard: 'For arrangører',
		register: 'Registrer en organisasjon',
		name: 'Navn',
		slug: 'Kort navn i nettadressen',
		kind: 'Type organisasjon',
		kindOption: 'Brukerorganisasjon',
		submit: 'Registrer',
		created: 'Organisasjonen er registrert og venter på godkjenning.',
		newActivity: 'Ny aktivitet',
		title: 'Tittel',
		summary: 'Kort beskrivelse',
		description: 'Beskrivelse',
		category: 'Kategori',
		sport: 'Idrett',
		course: 'Kurs',
		venue: 'Sted (navn)',
		city: 'By eller kommune',
		firstDate: 'Første dato',
		startTime: 'Starter kl.',
		duration: 'Varighet i minutter',
		weekly: 'Hver uke',
		tuesday: 'tirsdag',
		monday: 'mandag',
		endCount: 'Etter et antall ganger',
		count: 'Antall ganger',
		preview: 'Vis datoene',
		previewHeading: 'Datoene',
		save: 'Lagre utkast',
		draft: 'Utkast',
		publish: 'Publiser',
		published: 'Aktiviteten er publisert.',
		publishedPending:
			'Aktiviteten er publisert. Den blir offentlig når en plattformadministrator har godkjent organisasjonen.',
		queue: 'Organisasjoner som venter på godkjenning',
		approve: 'Godkjenn',
		approved: 'er godkjent.',
		cancelReason: 'Grunn til avlysningen',
		cancel: 'Avlys',
		updated: 'Gangen er endret.',
		cancelled: 'Avlyst',
		substanceFree: 'Rusfritt'
	},
	en: {
		lang: 'en',
		prefix: '/en',
		dashboard: 'For organizers',
		register: 'Register an organization',
		name: 'Name',
		slug: 'Short name in the web address',
		kind: 'Kind of organization',
		kindOption: 'User organization',
		submit: 'Register',
		created: 'The organization is registered and is waiting for approval.',
		newActivity: 'New activity',
		title: 'Title',
		summary: 'Short description',
		description: 'Description',
		category: 'Category',
		sport: 'Sport',
		course: 'Course',
		venue: 'Place (name)',
		city: 'Town or municipality',
		firstDate: 'First date',
		startTime: 'Starts at',
		duration: 'Length in minutes',
		weekly: 'Every week',
		tuesday: 'Tuesday',
		monday: 'Monday',
		endCount: 'After a number of times',
		count: 'Number of times',
		preview: 'Show the dates',
		previewHeading: 'The dates',
		save: 'Save draft',
		draft: 'Draft',
		publish: 'Publish',
		published: 'The activity is published.',
		publishedPending:
			'The activity is published. It becomes public when a platform admin has approved the organization.',
		queue: 'Organizations waiting for approval',
		approve: 'Approve',
		approved: 'is approved.',
		cancelReason: 'Reason for cancelling',
		cancel: 'Cancel',
		updated: 'The session is changed.',
		cancelled: 'Cancelled',
		substanceFree: 'Substance-free'
	}
};
type Labels = (typeof LABELS)['nb'];

async function createActivity(
	page: Page,
	L: Labels,
	orgUrl: string,
	fields: {
		title: string;
		slug: string;
		first: string;
		weekday: string;
		count?: number;
		category: string;
		/** Published while the organization waits for approval. */
		pending?: boolean;
	}
) {
	await page.goto(orgUrl);
	await page.getByRole('link', { name: L.newActivity }).click();
	await page.getByLabel(L.title).fill(fields.title);
	await page.getByLabel(L.slug).fill(fields.slug);
	await page.getByLabel(L.summary).fill(`${fields.title} for alle.`);
	await page
		.getByLabel(L.description, { exact: true })
		.fill('Ta med **godt humør**.\n\n<script>alert(1)</script>');
	await page.getByLabel(L.category).selectOption({ label: fields.category });
	await page.getByRole('checkbox', { name: L.substanceFree }).check();
	await page.getByLabel(L.venue).fill('Idrettshallen');
	await page.getByLabel(L.city).fill('Oslo');
	await page.getByLabel(L.firstDate).fill(fields.first);
	await page.getByLabel(L.startTime).fill('18:00');
	await page.getByLabel(L.duration).fill('90');
	await page.getByRole('radio', { name: L.weekly, exact: true }).check();
	await page.getByRole('checkbox', { name: fields.weekday, exact: true }).check();
	if (fields.count) {
		await page.getByRole('radio', { name: L.endCount }).check();
		await page.getByLabel(L.count, { exact: true }).fill(String(fields.count));
	}
	await page.getByRole('button', { name: L.preview }).click();
	await expect(page.getByRole('heading', { name: L.previewHeading })).toBeVisible();
	await expect(page.getByLabel(L.title)).toHaveValue(fields.title);
	await expectAccessible(page);
	await page.getByRole('button', { name: L.save }).click();
	await expect(page.getByRole('heading', { level: 1, name: fields.title })).toBeVisible();
	await expect(page.getByText(L.draft, { exact: true })).toBeVisible();
	await page.getByRole('button', { name: L.publish }).click();
	// Honest about a pending organization: published, but not public until it is approved.
	await expect(page.getByRole('status')).toHaveText(
		fields.pending ? L.publishedPending : L.published
	);
	// Without JavaScript the URL ends in ?/publish: keep the page's own address.
	return page.url().replace(/\?.*$/, '');
}

for (const L of [LABELS.nb, LABELS.en]) {
	// Bokmål on every project (JavaScript on and off, a phone); English with JavaScript on and off.
	const tags = L.lang === 'nb' ? '@no-js @phone' : '@no-js';
	test.describe(`organizations and publishing (${L.lang}) ${tags}`, () => {
		test('an organizer registers an organization, a platform admin approves it, and its activities go public', async ({
			page,
			browser
		}, info) => {
			test.setTimeout(120_000);
			const js = info.project.use.javaScriptEnabled !== false;
			const en = L.lang === 'en';
			const tag = crypto.randomUUID().slice(0, 6);
			const email = uniqueEmail('org');
			await createOrganizer(email, L.lang);
			await logIn(page, email, undefined, en);
			await expect(page.getByRole('heading', { level: 1, name: L.dashboard })).toBeVisible();
			await page.getByRole('link', { name: L.register }).click();
			await expectAccessible(page);
			await page.getByLabel(L.name, { exact: true }).fill(`Ball og venner ${tag}`);
			await page.getByLabel(L.slug).fill(`ball-og-venner-${tag}`);
			await page.getByLabel(L.kind).selectOption({ label: L.kindOption });
			await page.getByRole('button', { name: L.submit }).click();
			await expect(page.getByText(L.created)).toBeVisible();
			const orgUrl = page.url().replace(/\?.*$/, '');
			await expectAccessible(page);

			// The football activity, published while the organization is pending: not public yet.
			const footballUrl = await createActivity(page, L, orgUrl, {
				title: `Fotball ${tag}`,
				slug: 'fotball',
				first: nextWeekday(2),
				weekday: L.tuesday,
				category: L.sport,
				pending: true
			});
			const footballId = /\/activities\/([0-9a-f-]{36})/.exec(footballUrl)![1];
			const visitor = await freshContext(browser, js);
			const anon = await visitor.newPage();
			expect((await anon.goto(`/activity/${footballId}`))!.status()).toBe(404);

			const adminEmail = uniqueEmail('padmin');
			const adminUser = await createOrganizer(adminEmail, L.lang);
			await grantPlatformAdmin(adminUser.id);
			const adminContext = await freshContext(browser, js);
			const admin = await adminContext.newPage();
			await logIn(admin, adminEmail, undefined, en);
			await admin.getByRole('link', { name: L.queue }).click();
			await expectAccessible(admin);
			await admin.getByRole('button', { name: `${L.approve} Ball og venner ${tag}` }).click();
			await expect(admin.getByRole('status')).toHaveText(`Ball og venner ${tag} ${L.approved}`);
			await adminContext.close();

			await createActivity(page, L, orgUrl, {
				title: `Kurs ${tag}`,
				slug: 'kurs',
				first: nextWeekday(1),
				weekday: L.monday,
				count: 6,
				category: L.course
			});
			await expect(page.locator('.sessions > li')).toHaveCount(6);
			await expectAccessible(page);

			// Cancel the first football session.
			await page.goto(footballUrl);
			const first = page.locator('.sessions > li').first();
			await first.getByLabel(L.cancelReason).fill('Hallen er stengt');
			await first.getByRole('button', { name: L.cancel, exact: true }).click();
			await expect(page.getByRole('status')).toHaveText(L.updated);
			await expect(page.locator('.sessions > li').first()).toContainText(
				`${L.cancelled}: Hallen er stengt`
			);

			for (const prefix of ['', '/en']) {
				await anon.goto(`${prefix}/activity/${footballId}`);
				await expect(anon.getByRole('heading', { level: 1, name: `Fotball ${tag}` })).toBeVisible();
				await expect(anon.locator('.sessions > li').first()).toContainText(
					prefix ? 'Cancelled: Hallen er stengt' : 'Avlyst: Hallen er stengt'
				);
				await expect(anon.locator('.description strong')).toHaveText('godt humør');
				await expect(
					anon.getByRole('list', { name: prefix ? 'Good to know' : 'Godt å vite' })
				).toContainText(prefix ? 'Substance-free' : 'Rusfritt');
				await expect(anon.locator('.description script')).toHaveCount(0);
				await expectAccessible(anon);
			}
			// The home page lists dates (a course once for each); the demo data fills the first
			// page, so look for this course by its name.
			await anon.goto(`${en ? '/en' : '/'}?q=${tag}`);
			await expect(anon.getByRole('link', { name: `Kurs ${tag}` }).first()).toBeVisible();
			await visitor.close();
		});
	});
}

test('the organization form works with the keyboard alone', async ({ page }) => {
	const email = uniqueEmail('kbd');
	await createOrganizer(email);
	await logIn(page, email);
	await expect(page.getByRole('heading', { level: 1, name: 'For arrangører' })).toBeVisible();
	await page.getByRole('link', { name: 'Registrer en organisasjon' }).focus();
	await page.keyboard.press('Enter');
	await expect(
		page.getByRole('heading', { level: 1, name: 'Registrer en organisasjon' })
	).toBeVisible();
	const tag = crypto.randomUUID().slice(0, 6);
	await page.getByLabel('Navn', { exact: true }).focus();
	await page.keyboard.type(`Tastaturlaget ${tag}`);
	await page.keyboard.press('Tab');
	await page.keyboard.type(`tastatur-${tag}`);
	await page.keyboard.press('Tab');
	await page.keyboard.press('ArrowDown'); // Frivillig organisasjon
	await page.keyboard.press('Tab');
	await page.keyboard.type('Vi spiller brettspill.');
	await page.keyboard.press('Tab');
	await page.keyboard.type('Bergen');
	await page.keyboard.press('Enter');
	await expect(
		page.getByText('Organisasjonen er registrert og venter på godkjenning.')
	).toBeVisible();
	await expect(page.getByRole('heading', { level: 1, name: `Tastaturlaget ${tag}` })).toBeVisible();
});

test('forged or broken form posts get a 4xx, never a 500', async ({ page, request }) => {
	const email = uniqueEmail('forged');
	await createOrganizer(email);
	await logIn(page, email);
	await expect(page.getByRole('heading', { level: 1, name: 'For arrangører' })).toBeVisible();
	const cookies = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
	const post = (path: string, form: Record<string, string>, signedIn = true) =>
		request.post(path, {
			form,
			headers: {
				...(signedIn ? { cookie: cookies } : {}),
				origin: process.env.SAMMEN_BASE_URL!,
				accept: 'text/html'
			},
			maxRedirects: 0
		});
	const id = crypto.randomUUID();
	const attempts = [
		post(`/activities/${id}?/cancelSession`, { sessionId: "x' or 1=1 --", reason: 'Stengt' }),
		post(`/activities/not-an-id?/publish`, {}),
		post(`/organizations/${id}?/remove`, { userId: 'nope' }),
		post(`/organizations/${id}?/role`, { userId: id, role: 'emperor' }),
		post('/organizations/new', { name: 'x'.repeat(10_000), slug: '<script>', kind: 'nope' }),
		post('/auth/login?/password', { email: '\u0000', password: '' }, false)
	];
	for (const response of await Promise.all(attempts)) {
		expect(response.status(), response.url()).toBeGreaterThanOrEqual(400);
		expect(response.status(), response.url()).toBeLessThan(500);
	}
});

test('archiving asks first, and an archived activity can be restored', async ({ page }) => {
	const email = uniqueEmail('archive');
	const user = await createOrganizer(email);
	const sql = database();
	const { activityId, orgId } = await organizationWithActivity(sql, user.id, 'arkiv');
	await logIn(page, email);
	await expect(page).toHaveURL(/\/dashboard$/);
	await page.goto(`/activities/${activityId}`);
	await expect(page.getByRole('link', { name: /Forening arkiv/ })).toHaveAttribute(
		'href',
		`/organizations/${orgId}`
	);
	await page.getByRole('link', { name: 'Arkiver' }).click();
	await expect(page.getByRole('heading', { name: 'Arkivere hele aktiviteten?' })).toBeVisible();
	expect((await sql`select status from public.activities where id = ${activityId}`)[0].status).toBe(
		'published'
	);
	await expectAccessible(page);
	await page.getByRole('dialog').getByRole('button', { name: 'Arkiver' }).click();
	await expect(page.getByRole('button', { name: 'Hent tilbake som utkast' })).toBeVisible();
	expect((await sql`select status from public.activities where id = ${activityId}`)[0].status).toBe(
		'archived'
	);
	await page.getByRole('button', { name: 'Hent tilbake som utkast' }).click();
	await expect(page.getByRole('status')).toHaveText(
		'Aktiviteten er tilbake som utkast. Se over den og publiser den igjen.'
	);
	expect((await sql`select status from public.activities where id = ${activityId}`)[0].status).toBe(
		'draft'
	);
});
