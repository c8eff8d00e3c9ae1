import { expect, expectAccessible, test } from './support/fixtures';

const languages = [
	{
		path: '/',
		lang: 'nb',
		title: 'Finn et fellesskap',
		heading: 'Organisasjoner',
		other: 'English'
	},
	{
		path: '/en',
		lang: 'en',
		title: 'Find a community',
		heading: 'Organizations',
		other: 'norsk bokmål'
	}
];

for (const l of languages) {
	test.describe(`home page (${l.lang}) @no-js @phone`, () => {
		test('lists the approved organizations, never pending ones', async ({ page }) => {
			await page.goto(l.path);
			await expect(page.locator('html')).toHaveAttribute('lang', l.lang);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(l.title);
			// Other tests add organizations to the same database: check the seeded ones by name.
			const region = page.getByRole('region', { name: l.heading });
			for (const name of [
				'Ball og fellesskap',
				'Fri vei friluft',
				'Samtalegruppa',
				'Pårørendenettverket',
				'Open Kitchen Oslo'
			]) {
				await expect(region.getByRole('heading', { level: 3, name })).toBeVisible();
			}
			await expect(region.locator('.meta').first()).toContainText(
				l.lang === 'nb' ? 'Brukerorganisasjon ·' : 'User organization ·'
			);
			await expect(page.getByText('Likepersoner i Agder')).toHaveCount(0);
			await expectAccessible(page);
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
