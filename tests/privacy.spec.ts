// The privacy crawl (issue 15): an anonymous visitor walks every public route and state in nb and
// en, with JavaScript on and off, and the browser sends nothing to any origin but the app's own
// and keeps nothing: no cookie, no localStorage, sessionStorage, IndexedDB, Cache Storage or
// service worker. (The server's output is searched for personal data by the global teardown.)
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { walkActivity, walkPublic, type Lang } from './support/public-walk';

/** What the browser keeps for the app's origin, as the page's own scripts would see it. */
async function storedOnOrigin(page: Page) {
	return page.evaluate(async () => ({
		localStorage: Object.keys(localStorage),
		sessionStorage: Object.keys(sessionStorage),
		indexedDB: (await indexedDB.databases()).map((d) => d.name),
		caches: await caches.keys(),
		serviceWorkers: (await navigator.serviceWorker.getRegistrations()).length,
		documentCookie: document.cookie
	}));
}

/** Every request of every page, frame and worker of the context that leaves the app's origin. */
function recordForeign(context: BrowserContext): { foreign: string[]; count: () => number } {
	const origin = new URL(process.env.SAMMEN_BASE_URL!).origin;
	const foreign: string[] = [];
	let count = 0;
	context.on('request', (r) => {
		count++;
		const url = r.url();
		if (url.startsWith('data:') || url.startsWith('blob:') || url === 'about:blank') return;
		if (new URL(url).origin !== origin) foreign.push(url);
	});
	return { foreign, count: () => count };
}

for (const lang of ['nb', 'en'] as Lang[]) {
	test(`an anonymous visitor's walk through every public page (${lang}) sends nothing elsewhere and leaves nothing behind @no-js`, async ({
		page,
		context
	}, info) => {
		test.setTimeout(180_000);
		const js = info.project.use.javaScriptEnabled !== false;
		const activityId = await walkActivity();
		const requests = recordForeign(context);
		const stops: string[] = [];
		const cookiesAt: string[] = [];
		const storedAt: string[] = [];
		await walkPublic(page, lang, activityId, async (stop) => {
			stops.push(stop);
			// Checked at every stop, so a cookie set and later cleared is still caught. (SvelteKit's
			// client writes its sessionStorage as a page is left: it shows at the next stop.)
			const cookies = await context.cookies();
			if (cookies.length) cookiesAt.push(`${stop}: ${cookies.map((c) => c.name).join(', ')}`);
			if (js) {
				const kept = await page.evaluate(() => [
					...Object.keys(localStorage),
					...Object.keys(sessionStorage)
				]);
				if (kept.length) storedAt.push(`${stop}: ${kept.join(', ')}`);
			}
		});
		expect(stops.length).toBeGreaterThanOrEqual(24);
		expect(requests.count()).toBeGreaterThan(stops.length);
		expect(requests.foreign, 'requests to other origins').toEqual([]);
		expect(cookiesAt, 'cookies set for an anonymous visitor').toEqual([]);
		expect(storedAt, 'web storage kept for an anonymous visitor').toEqual([]);
		expect(await context.cookies()).toEqual([]);
		expect((await context.storageState()).origins, 'localStorage kept').toEqual([]);
		if (js) {
			await page.goto(lang === 'en' ? '/en' : '/');
			expect(await storedOnOrigin(page)).toEqual({
				localStorage: [],
				sessionStorage: [],
				indexedDB: [],
				caches: [],
				serviceWorkers: 0,
				documentCookie: ''
			});
		}
	});
}
