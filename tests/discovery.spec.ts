// Finding an activity: filters, Norwegian search, a misspelling, the print view — in both
// languages, without JavaScript, at 320 px, with axe, no cookies and no other origin.
import type { Page } from '@playwright/test';
import { database } from './support/attacker';
import { expect, expectAccessible, test } from './support/fixtures';

const sql = database();
const tag = crypto.randomUUID().slice(0, 6);
const city = `Sammenby ${tag}`;
const slug = `finn-${tag}`;

test.beforeAll(async () => {
	const existing = await sql`select id from public.organizations where slug = ${slug}`;
	if (existing.length) return; // another worker of this file made them already
	const [org] = await sql`
		insert into public.organizations (slug, name, kind, status, approved_at)
		values (${slug}, ${`Finn-forening ${tag}`}, 'ngo', 'approved', now()) returning id`;
	const rows = [
		['fotball', 'Fotballtrening på løkka', 'sport', '{substance_free,free_of_charge}', city],
		['tur', 'Tur i marka', 'outdoor', '{substance_free}', city],
		['walk', 'Sunday walk in English', 'outdoor', '{english_spoken}', 'Oslo'],
		['yoga', 'Yogakurs for nybegynnere', 'course', '{beginners_welcome}', city]
	];
	for (const [s, title, category, attributes, place] of rows) {
		const [a] = await sql`
			insert into public.activities (organization_id, slug, title, category, attributes, venue, city, first_date, start_time, duration_minutes, status, published_at)
			values (${org.id}, ${s}, ${title}, ${category}, ${attributes}, 'Huset', ${place}, current_date + 1, '18:00', 90, 'published', now())
			returning id`;
		await sql`
			insert into public.sessions (activity_id, occurrence_date, starts_at, ends_at)
			select ${a.id}, current_date + n, date_trunc('hour', now()) + n * interval '1 day', date_trunc('hour', now()) + n * interval '1 day 90 minutes'
			from generate_series(1, 2) n`;
	}
});

/** Every request the page makes stays on the app's own origin, and sets no cookie. */
async function watch(page: Page) {
	const foreign: string[] = [];
	page.on('request', (r) => {
		if (!r.url().startsWith(process.env.SAMMEN_BASE_URL!) && !r.url().startsWith('data:'))
			foreign.push(r.url());
	});
	return async () => {
		expect(foreign).toEqual([]);
		expect(await page.context().cookies()).toEqual([]);
	};
}

async function fitsNarrowScreen(page: Page) {
	await page.setViewportSize({ width: 320, height: 800 });
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow).toBeLessThanOrEqual(0);
}

const titles = (page: Page) =>
	page.locator('section[aria-labelledby="results-heading"] .session-title').allInnerTexts();

for (const lang of ['nb', 'en'] as const) {
	const L =
		lang === 'nb'
			? {
					prefix: '',
					search: 'Søk',
					more: 'Flere filtre',
					outdoor: 'Friluftsliv',
					free: 'Rusfritt',
					place: 'Sted',
					apply: 'Vis aktiviteter',
					print: 'Skriv ut lista',
					empty: 'Ingen datoer passer med disse filtrene.'
				}
			: {
					prefix: '/en',
					search: 'Search',
					more: 'More filters',
					outdoor: 'Outdoors',
					free: 'Substance-free',
					place: 'Place',
					apply: 'Show activities',
					print: 'Print this list',
					empty: 'No dates match these filters.'
				};

	test.describe(`finding an activity (${lang}) @no-js`, () => {
		test('filters by category, good-to-know tag and place with the form', async ({ page }) => {
			const done = await watch(page);
			await page.goto(`${L.prefix}/`);
			await page.getByText(L.more).click();
			await page.getByRole('checkbox', { name: L.outdoor, exact: true }).check();
			await page.getByRole('checkbox', { name: L.free, exact: true }).check();
			await page.getByLabel(L.place, { exact: true }).selectOption(city);
			await page.getByRole('button', { name: L.apply }).last().click();
			await expect(page).toHaveURL(/category=outdoor/);
			expect(new URL(page.url()).searchParams.getAll('attr')).toEqual(['substance_free']);
			expect(new Set(await titles(page))).toEqual(new Set(['Tur i marka']));
			await expectAccessible(page);
			await fitsNarrowScreen(page);
			await done();
		});

		test('searches Norwegian word forms, English, and a misspelling', async ({ page }) => {
			const done = await watch(page);
			for (const [q, expected] of [
				['turer', 'Tur i marka'],
				['fotball', 'Fotballtrening på løkka'],
				['yoga', 'Yogakurs for nybegynnere'],
				['walks', 'Sunday walk in English'],
				['fotbsll', 'Fotballtrening på løkka']
			]) {
				await page.goto(`${L.prefix}/?org=${slug}`);
				await page.getByRole('searchbox', { name: L.search }).fill(q);
				await page.getByRole('searchbox', { name: L.search }).press('Enter');
				expect(new Set(await titles(page)), q).toEqual(new Set([expected]));
			}
			await page.goto(`${L.prefix}/?org=${slug}&q=${encodeURIComponent("'; drop &|!:*() 🙂")}`);
			await expect(page.getByText(L.empty)).toBeVisible();
			await expectAccessible(page);
			await done();
		});

		test('opens an activity from the list, and prints the list with a QR code', async ({
			page
		}) => {
			const done = await watch(page);
			await page.goto(`${L.prefix}/?org=${slug}&q=turer`);
			await page.getByRole('link', { name: L.print }).click();
			await expect(page).toHaveURL(new RegExp(`${L.prefix}/print\\?q=turer&org=${slug}`));
			await expect(page.locator('.print-qr svg')).toBeVisible();
			await expect(page.locator('.print-day li')).toHaveCount(2);
			await expectAccessible(page);
			await page.emulateMedia({ media: 'print' });
			await expect(page.locator('.site-header')).toBeHidden();
			await page.emulateMedia({ media: 'screen' });
			await page.goto(`${L.prefix}/?org=${slug}&q=turer`);
			await page.getByRole('link', { name: 'Tur i marka' }).first().click();
			await expect(page.getByRole('heading', { level: 1, name: 'Tur i marka' })).toBeVisible();
			await done();
		});
	});
}

test('the filters work with the keyboard alone', async ({ page }) => {
	await page.goto('/');
	await page.getByRole('searchbox', { name: 'Søk' }).focus();
	await page.keyboard.type('turer');
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\?q=turer$/);
	await expect(page.getByRole('link', { name: 'Tur i marka' }).first()).toBeVisible();
});

test('an anonymous visitor gets no JavaScript on the home page', async ({ page }) => {
	const scripts: string[] = [];
	page.on('request', (r) => {
		if (r.resourceType() === 'script') scripts.push(r.url());
	});
	await page.goto('/');
	expect(scripts).toEqual([]);
});
