// Embedding the calendar on another site: the snippet on a page of another origin, the embed
// pages themselves (nb and en, axe, no cookies, no third parties, links out in a new tab), who may
// frame what, invalid theme parameters, and the share page that hands out the codes.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { database } from './support/attacker';
import { expect, expectAccessible, test } from './support/fixtures';

const sql = database();
const tag = crypto.randomUUID().slice(0, 6);
const slug = `innbygd-${tag}`;
const base = () => process.env.SAMMEN_BASE_URL!;
let activityId = '';

test.beforeAll(async () => {
	const existing = await sql`
		select a.id from public.activities a join public.organizations o on o.id = a.organization_id
		where o.slug = ${slug} order by a.slug limit 1`;
	if (existing.length) {
		activityId = existing[0].id;
		return; // another worker of this file made them already
	}
	const [org] = await sql`
		insert into public.organizations (slug, name, kind, status, approved_at)
		values (${slug}, ${`Innbygd-forening ${tag}`}, 'ngo', 'approved', now()) returning id`;
	for (const [s, title] of [
		['a-middag', 'Felles middag'],
		['b-tur', 'Søndagstur fra Sognsvann']
	]) {
		const [a] = await sql`
			insert into public.activities (organization_id, slug, title, category, venue, city, first_date, start_time, duration_minutes, status, published_at)
			values (${org.id}, ${s}, ${title}, 'social_meals', 'Frivilligsentralen', 'Oslo', current_date + 1, '17:00', 90, 'published', now())
			returning id`;
		if (!activityId) activityId = a.id;
		await sql`
			insert into public.sessions (activity_id, occurrence_date, starts_at, ends_at)
			select ${a.id}, current_date + n, date_trunc('hour', now()) + n * interval '1 day', date_trunc('hour', now()) + n * interval '1 day 90 minutes'
			from generate_series(1, 4) n`;
	}
});

/** Every request the page makes goes to `allowed` origins only; afterwards, no cookie is set. */
function watch(page: Page, allowed: string[]) {
	const foreign: string[] = [];
	page.on('request', (r) => {
		const url = r.url();
		if (!url.startsWith('data:') && !allowed.some((o) => url.startsWith(o))) foreign.push(url);
	});
	return async () => {
		expect(foreign).toEqual([]);
		expect(await page.context().cookies()).toEqual([]);
	};
}

/** A host page on another origin (another port of 127.0.0.1) with the documented snippet. */
async function hostPage(snippet: string): Promise<{ server: Server; url: string }> {
	const html = `<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>Behandlingssted</title></head>
<body><main><h1>Aktiviteter hos oss</h1>${snippet}</main></body></html>`;
	const server = createServer((_, res) => {
		res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
		res.end(html);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

test.describe('embedding on another site', () => {
	test('the snippet makes a titled, lazy iframe that sizes itself to its content', async ({
		page
	}) => {
		const host = await hostPage(
			`<div data-sammen-embed="list?org=${slug}" data-sammen-title="Aktiviteter fra Sammen"></div>` +
				`<script src="${base()}/embed.js" async></script>`
		);
		try {
			const done = watch(page, [host.url, base()]);
			await page.goto(host.url);
			const frame = page.locator('[data-sammen-embed] iframe');
			await expect(frame).toHaveAttribute('title', 'Aktiviteter fra Sammen');
			await expect(frame).toHaveAttribute('loading', 'lazy');
			await expect(frame).toHaveAttribute('src', `${base()}/embed/list?org=${slug}`);
			const inside = page.frameLocator('[data-sammen-embed] iframe');
			await expect(inside.getByRole('heading', { level: 1 })).toHaveText('Kommende aktiviteter');
			await expect(inside.getByRole('link', { name: 'Felles middag' })).toHaveCount(4);
			// The default height is 300 px; eight dates need more, and the frame follows them.
			await expect
				.poll(() => frame.evaluate((el) => el.getBoundingClientRect().height))
				.toBeGreaterThan(600);
			const content = await inside
				.locator('body')
				.evaluate((b) => Math.ceil(b.getBoundingClientRect().height));
			expect(await frame.evaluate((el) => el.getBoundingClientRect().height)).toBe(content);
			await done();
		} finally {
			host.server.close();
		}
	});

	test('the host page ignores height messages from any other origin', async ({ page }) => {
		const host = await hostPage(
			`<div data-sammen-embed="month?org=${slug}" data-sammen-lang="en"></div>` +
				`<script src="${base()}/embed.js" async></script>`
		);
		try {
			await page.goto(host.url);
			const frame = page.locator('[data-sammen-embed] iframe');
			await expect(frame).toHaveAttribute('src', `${base()}/en/embed/month?org=${slug}`);
			await expect(page.frameLocator('iframe').locator('table caption')).toBeVisible();
			await expect
				.poll(() => frame.evaluate((el) => el.getBoundingClientRect().height))
				.toBeGreaterThan(300);
			const before = await frame.evaluate((el) => el.getBoundingClientRect().height);
			// The host page itself (another origin) posts a height: nothing changes.
			await page.evaluate(() => window.postMessage({ sammen: 'height', height: 5 }, '*'));
			await page.waitForTimeout(200);
			expect(await frame.evaluate((el) => el.getBoundingClientRect().height)).toBe(before);
		} finally {
			host.server.close();
		}
	});
});

for (const lang of ['nb', 'en'] as const) {
	const prefix = lang === 'en' ? '/en' : '';
	test.describe(`embed pages (${lang})`, () => {
		for (const view of ['list', 'month'] as const) {
			test(`${view}: chrome-free, accessible, no forms, every link out opens a new tab`, async ({
				page
			}) => {
				const done = watch(page, [base()]);
				await page.goto(`${prefix}/embed/${view}?org=${slug}&accent=1a5f7a`);
				await expect(page.locator('html')).toHaveAttribute('lang', lang);
				await expect(page.locator('.site-header, .site-footer')).toHaveCount(0);
				await expect(page.locator('form')).toHaveCount(0);
				await expect(page.locator('main.embed')).toHaveAttribute('style', /#1a5f7a/);
				// The only script is the height reporter, from Sammen's own origin.
				expect(
					await page.locator('script').evaluateAll((s) => s.map((e) => e.getAttribute('src')))
				).toEqual(['/embed/frame.js']);
				if (view === 'month') {
					await expect(page.locator('table caption')).toBeVisible();
					await expect(page.locator('th[scope="col"]')).toHaveCount(7);
					expect(await page.locator('td a.day').count()).toBeGreaterThan(0);
				} else {
					await expect(page.getByRole('link', { name: 'Felles middag' })).toHaveCount(4);
				}
				const links = await page.locator('a').evaluateAll((as) =>
					as.map((a) => ({
						href: (a as HTMLAnchorElement).href,
						target: a.getAttribute('target'),
						rel: a.getAttribute('rel')
					}))
				);
				expect(links.length).toBeGreaterThan(1);
				for (const link of links) {
					// Paging months stays in the frame; everything else opens Sammen in a new tab.
					if (new URL(link.href).pathname.startsWith(`${prefix}/embed/month`)) continue;
					expect(link.href.startsWith(`${base()}/`), link.href).toBe(true);
					expect(link).toMatchObject({ target: '_blank', rel: 'noopener' });
				}
				await expectAccessible(page);
				await done();
			});
		}

		test('header=0 hides the heading, compact=1 tightens it', async ({ page }) => {
			await page.goto(`${prefix}/embed/list?org=${slug}&header=0&compact=1`);
			await expect(page.getByRole('heading', { level: 1 })).toHaveCount(0);
			await expect(page.locator('main.embed')).toHaveAttribute('data-compact', 'true');
			await expectAccessible(page);
		});
	});
}

test.describe('who may frame what', () => {
	test('every other page refuses to be framed; embeds may be framed anywhere', async ({
		request
	}) => {
		for (const path of [
			'/',
			'/en',
			`/activity/${activityId}`,
			'/share',
			'/en/share',
			'/auth/login'
		]) {
			const response = await request.get(path);
			expect(response.status(), path).toBe(200);
			expect(response.headers()['content-security-policy'], path).toContain(
				"frame-ancestors 'none'"
			);
			expect(response.headers()['x-frame-options'], path).toBe('DENY');
		}
		for (const path of ['/embed/list', '/en/embed/list', '/embed/month', '/en/embed/month']) {
			const response = await request.get(`${path}?org=${slug}`);
			expect(response.status(), path).toBe(200);
			const csp = response.headers()['content-security-policy'];
			expect(csp, path).toContain('frame-ancestors *');
			expect(csp, path).not.toContain("frame-ancestors 'none'");
			expect(response.headers()['x-frame-options'], path).toBeUndefined();
			expect(response.headers()['set-cookie'], path).toBeUndefined();
		}
	});

	test('the embed script is small, cacheable JavaScript', async ({ request }) => {
		const response = await request.get('/embed.js');
		expect(response.status()).toBe(200);
		expect(response.headers()['content-type']).toContain('text/javascript');
		expect(response.headers()['cache-control']).toContain('max-age=86400');
	});

	test('invalid theme and month parameters are ignored, never a 500', async ({ request }) => {
		for (const query of [
			'accent=ffff00',
			'accent=red',
			'accent=%22%3E%3Cscript%3E',
			'accent=12345678',
			'compact=yes&header=maybe',
			'month=2026-13',
			'month=..%2F..%2Fetc',
			'month=1999-01',
			'org=NOT%20A%20SLUG&category=nope&when=never'
		]) {
			for (const view of ['list', 'month']) {
				const response = await request.get(`/embed/${view}?${query}`);
				expect(response.status(), `${view}?${query}`).toBe(200);
				const html = await response.text();
				expect(html, query).not.toContain('--sammen-embed-accent');
				expect(html, query).not.toContain('"><script>');
			}
		}
	});
});

for (const lang of ['nb', 'en'] as const) {
	const prefix = lang === 'en' ? '/en' : '';
	const L =
		lang === 'nb'
			? {
					footer: 'Bygg inn og abonner på kalenderen',
					title: 'Bygg inn kalenderen på nettsiden',
					update: 'Oppdater koden',
					script: 'Kode med skript',
					webcal: 'Kalenderlenke for kalenderappen (webcal)',
					accent: 'Farge på lenker (valgfritt)',
					tooLight: 'for lys'
				}
			: {
					footer: 'Embed and subscribe to the calendar',
					title: 'Embed the calendar',
					update: 'Update code',
					script: 'Code with script',
					webcal: 'Calendar link for calendar apps (webcal)',
					accent: 'Link colour (optional)',
					tooLight: 'too light'
				};

	test.describe(`share page (${lang}) @no-js`, () => {
		test('builds the codes and calendar links from the form, without JavaScript', async ({
			page
		}) => {
			const done = watch(page, [base()]);
			await page.goto(`${prefix}/`);
			await page.getByRole('link', { name: L.footer }).click();
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(L.title);
			await page.goto(`${prefix}/share?org=${slug}&view=month&compact=1`);
			const origin = base();
			const host = origin.replace(/^https?:\/\//, '');
			await expect(page.getByLabel(L.script)).toHaveValue(
				`<div data-sammen-embed="month?org=${slug}&amp;compact=1"${lang === 'en' ? ' data-sammen-lang="en"' : ''} data-sammen-title="${lang === 'en' ? 'Activities from Sammen' : 'Aktiviteter fra Sammen'}"></div>\n<script src="${origin}/embed.js" async></script>`
			);
			await expect(page.getByLabel(L.webcal)).toHaveValue(
				`webcal://${host}/feeds/sessions.ics?org=${slug}`
			);
			await expect(page.getByLabel(L.webcal)).toHaveAttribute('readonly', '');
			await expect(page.locator('iframe.preview')).toHaveAttribute(
				'src',
				`${origin}${prefix}/embed/month?org=${slug}&compact=1`
			);
			await expect(page.locator('.qr svg')).toBeVisible();
			// A colour too light for white text is refused with a reason, and left out of the codes.
			await page.getByLabel(L.accent).fill('ffff00');
			await page.getByRole('button', { name: L.update }).last().click();
			await expect(page.getByText(L.tooLight)).toBeVisible();
			await expect(page.getByLabel(L.script)).not.toHaveValue(/accent=/);
			await page.getByLabel(L.accent).fill('1a5f7a');
			await page.getByRole('button', { name: L.update }).last().click();
			await expect(page.getByLabel(L.script)).toHaveValue(/accent=1a5f7a/);
			await expectAccessible(page);
			await done();
		});
	});
}
