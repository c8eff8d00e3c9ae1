import { database } from './support/attacker';
import { expect, expectAccessible, test } from './support/fixtures';

const sql = database();

const languages = [
	{
		path: '/',
		lang: 'nb',
		title: 'Finn et fellesskap',
		heading: 'Organisasjoner',
		menu: 'Menyen',
		other: 'English'
	},
	{
		path: '/en',
		lang: 'en',
		title: 'Find a community',
		heading: 'Organizations',
		menu: 'The menu',
		other: 'norsk bokmål'
	}
];

for (const l of languages) {
	test.describe(`home page (${l.lang}) @no-js @phone`, () => {
		test('lists the approved organizations, never pending ones', async ({ page }) => {
			await page.goto(l.path);
			await expect(page.locator('html')).toHaveAttribute('lang', l.lang);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(l.title);
			// Other tests add organizations to the same database: check the seeded ones by name. With
			// a dozen or fewer they are cards, with more names only (the next test).
			const region = page.getByRole('region', { name: l.heading });
			const cards = (await region.getByRole('heading', { level: 3 }).count()) > 0;
			for (const name of [
				'Ball og fellesskap',
				'Fri vei friluft',
				'Samtalegruppa',
				'Pårørendenettverket',
				'Open Kitchen Oslo'
			]) {
				await expect(
					cards
						? region.getByRole('heading', { level: 3, name })
						: region.getByRole('link', { name, exact: true })
				).toBeVisible();
			}
			if (cards)
				await expect(region.locator('.meta').first()).toContainText(
					l.lang === 'nb' ? 'Brukerorganisasjon ·' : 'User organization ·'
				);
			await expect(page.getByText('Likepersoner i Agder')).toHaveCount(0);
			await expectAccessible(page);
		});

		test('with many organizations, names them, each linking to its page, and points to the menu', async ({
			page
		}) => {
			const tag = crypto.randomUUID().slice(0, 6);
			const rows = await sql`
				insert into public.organizations (slug, name, kind, status, approved_at, city, description)
				select 'mange-' || ${tag} || '-' || n, 'Mange ' || ${tag} || ' ' || lpad(n::text, 2, '0'),
					'ngo', 'approved', now(), 'Tromsø', 'En lang beskrivelse som ikke skal stå på forsiden'
				from generate_series(1, 13) n
				returning id`;
			try {
				await page.goto(l.path);
				const region = page.getByRole('region', { name: l.heading });
				await expect(region.getByRole('heading', { level: 3 })).toHaveCount(0);
				await expect(region).not.toContainText('En lang beskrivelse');
				const link = region.getByRole('link', { name: `Mange ${tag} 07`, exact: true });
				await expect(link).toHaveAttribute(
					'href',
					`${l.path === '/' ? '' : '/en'}/org/mange-${tag}-7`
				);
				await expect(
					region
						.getByRole('listitem')
						.filter({ has: page.getByRole('link', { name: `Mange ${tag} 07`, exact: true }) })
				).toContainText('Tromsø');
				await region.getByRole('link', { name: l.menu, exact: true }).click();
				await expect(page).toHaveURL(new RegExp(`${l.path === '/' ? '' : '/en'}/menu$`));
				await page.goBack();
				await expectAccessible(page);
				// No sideways scrolling at 320 px.
				await page.setViewportSize({ width: 320, height: 800 });
				expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
					320
				);
			} finally {
				await sql`delete from public.organizations where id = any(${rows.map((r) => r.id)}::uuid[])`;
			}
		});

		test('declares both languages as alternates', async ({ page, baseURL }) => {
			await page.goto(l.path);
			await expect(page.locator('link[rel=alternate][hreflang=nb]')).toHaveAttribute(
				'href',
				`${baseURL}/`
			);
			await expect(page.locator('link[rel=alternate][hreflang=en]')).toHaveAttribute(
				'href',
				`${baseURL}/en`
			);
		});

		test('switches language and keeps the page', async ({ page }) => {
			await page.goto(`${l.path === '/' ? '' : '/en'}/finnes-ikke?x=1`);
			await page.getByRole('link', { name: l.other }).click();
			const expected = l.lang === 'nb' ? '/en/finnes-ikke?x=1' : '/finnes-ikke?x=1';
			await expect(page).toHaveURL(new RegExp(`${expected.replace('?', '\\?')}$`));
			await expect(page.locator('html')).toHaveAttribute('lang', l.lang === 'nb' ? 'en' : 'nb');
		});

		test('answers an unknown page with a translated 404', async ({ page }) => {
			const response = await page.goto(`${l.path === '/' ? '' : '/en'}/finnes-ikke`);
			expect(response?.status()).toBe(404);
			await expect(page.locator('html')).toHaveAttribute('lang', l.lang);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(
				l.lang === 'nb' ? 'Fant ikke siden' : 'Page not found'
			);
			await expectAccessible(page);
		});
	});
}

test('the skip link is the first stop for the keyboard and moves focus to the content @no-js', async ({
	page
}) => {
	await page.goto('/');
	await page.keyboard.press('Tab');
	const skip = page.getByRole('link', { name: 'Hopp til innholdet' });
	await expect(skip).toBeFocused();
	await expect(skip).toBeInViewport();
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/#main$/);
	await page.keyboard.press('Tab');
	// The next stop is inside the main content, not back in the header.
	const inMain = await page.evaluate(() => !!document.activeElement?.closest('main'));
	expect(inMain).toBe(true);
});
