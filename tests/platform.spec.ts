import { expect, test } from './support/fixtures';

test.describe('platform', () => {
	test('pages refuse to be framed, and set no cookie for visitors', async ({ request }) => {
		for (const path of ['/', '/en']) {
			const response = await request.get(path);
			expect(response.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
			expect(response.headers()['x-frame-options']).toBe('DENY');
			expect(response.headers()['set-cookie']).toBeUndefined();
		}
	});

	test('concurrent nb and en requests each get their own language', async ({ request }) => {
		// svelte-i18n's store is global to the server process; the locale must never leak between
		// requests (PITFALLS.md reproduced 196 of 400 wrong with the documented recipe).
		const paths = Array.from({ length: 200 }, (_, i) => (i % 2 ? '/en' : '/'));
		const pages = await Promise.all(
			paths.map(async (p) => [p, await (await request.get(p)).text()] as const)
		);
		const wrong = pages.filter(([p, html]) => {
			const en = p === '/en';
			return (
				!html.includes(`<html lang="${en ? 'en' : 'nb'}"`) ||
				!html.includes(en ? '<h1>Find a community</h1>' : '<h1>Finn et fellesskap</h1>') ||
				html.includes(en ? 'Organisasjoner' : 'Organizations')
			);
		});
		expect(wrong.length).toBe(0);
	});
});
