import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';

/** Tests run against the stack the global setup started. */
export const test = base.extend({
	// eslint-disable-next-line no-empty-pattern -- Playwright requires a destructuring pattern
	baseURL: async ({}, use) => {
		const url = process.env.SAMMEN_BASE_URL;
		if (!url) throw new Error('SAMMEN_BASE_URL is not set: run through playwright.config.ts');
		await use(url);
	},
	// Each test is its own client address, so the app's per-IP limits count each test apart.
	extraHTTPHeaders: async ({ extraHTTPHeaders }, use, info) => {
		await use({ ...extraHTTPHeaders, 'x-forwarded-for': testAddress(info.testId) });
	}
});

/** A documentation-range IPv6 address (RFC 3849) unique to `seed`; only ever a header value. */
export function testAddress(seed: string): string {
	let h = 0;
	for (const ch of seed) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
	return `2001:db8::${(h >>> 16).toString(16)}:${(h & 0xffff).toString(16)}`;
}

export { expect };

/** The rules every page is held to: WCAG 2.0, 2.1 and 2.2, levels A and AA. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Zero axe-core violations of the WCAG 2.0/2.1/2.2 A and AA rules on the page as it is now. axe
 * is a script, so it cannot run where JavaScript is off; the same pages are checked with it on.
 */
export async function expectAccessible(page: Page): Promise<void> {
	if (test.info().project.use.javaScriptEnabled === false) return;
	// Judge the page as a person sees it, not halfway through a fade-in (a dialog's 300 ms
	// animation made its red button look too pale to axe now and then).
	await page.evaluate(() =>
		Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined)))
	);
	const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
	const summary = results.violations.map(
		(v) =>
			`${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`
	);
	expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}
