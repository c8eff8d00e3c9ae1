import { gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { database } from './support/attacker';
import { expect, expectAccessible, test } from './support/fixtures';

// The public pages of issue 10: activity, organization, the menu, privacy and accessibility.
// Each in nb and en, axe-clean, usable with the keyboard, at 320 px without sideways scrolling,
// without JavaScript (and shipping none), with no cookie for a visitor and no request to any
// origin but the app's own.

const HOSTILE = '</script><script>window.pwned=1</script>';

const LABELS = {
	nb: {
		prefix: '',
		expect: 'Hva du kan vente deg',
		noSharing: 'Du trenger ikke å snakke eller fortelle noe om deg selv.',
		substanceFree: 'Aktiviteten er rusfri, også for alkohol.',
		peerLed: 'Ledet av likepersoner – folk med egen erfaring.',
		wheelchair: 'Stedet er tilgjengelig for rullestol.',
		dates: 'Datoer',
		cancelled: 'Avlyst: Hallen er opptatt',
		moved: 'Flyttet',
		map: 'Vis på kart',
		more: 'Mer om',
		approaches: 'Slik jobber de',
		peerLedTag: 'Ledet av likepersoner',
		twelveStep: 'Tolvtrinnsbasert',
		contact: 'Kontakt',
		menu: 'Menyen',
		privacy: 'Personvern',
		accessibility: 'Tilgjengelighet',
		sport: 'Idrett',
		twoDates: '(2 datoer de neste fire ukene)',
		other: 'English'
	},
	en: {
		prefix: '/en',
		expect: 'What to expect',
		noSharing: "You don't have to talk or tell anything about yourself.",
		substanceFree: 'The activity is substance-free, alcohol included.',
		peerLed: 'Peer-led: led by people with lived experience.',
		wheelchair: 'The place is wheelchair accessible.',
		dates: 'Dates',
		cancelled: 'Cancelled: Hallen er opptatt',
		moved: 'Moved',
		map: 'Show on a map',
		more: 'More about',
		approaches: 'How they work',
		peerLedTag: 'Peer-led',
		twelveStep: 'Twelve-step',
		contact: 'Contact',
		menu: 'The menu',
		privacy: 'Privacy',
		accessibility: 'Accessibility',
		sport: 'Sport',
		twoDates: '(2 dates in the next four weeks)',
		other: 'Norsk bokmål'
	}
};

interface Fixture {
	slug: string;
	name: string;
	title: string;
	activityId: string;
}

/**
 * An approved organization (peer-led, twelve-step, with contact details) and a published,
 * substance-free activity with three dates at 18.00 Oslo time: one as planned, one cancelled
 * with a reason, one moved to 19.00 the next day. The title carries a script-ending string.
 */
async function createFixture(): Promise<Fixture> {
	const sql = database();
	const tag = crypto.randomUUID().slice(0, 6);
	const slug = `sider-${tag}`;
	const name = `Sidelaget ${tag}`;
	const title = `Innebandy ${tag} ${HOSTILE}`;
	const [org] = await sql`
		insert into public.organizations
			(slug, name, description, kind, approaches, contact_email, contact_phone, website, city, status, approved_at)
		values (${slug}, ${name}, 'Vi møtes til idrett og prat.', 'user_organization',
			'{peer_led,twelve_step}', 'post@sidelaget.example', '+47 22 33 44 55',
			'https://sidelaget.example', 'Oslo', 'approved', now())
		returning id`;
	const [activity] = await sql`
		insert into public.activities (organization_id, slug, title, summary, description, category,
			attributes, venue, address, city, first_date, start_time, duration_minutes, status, published_at)
		values (${org.id}, 'innebandy', ${title}, 'Innebandy for alle.', 'Ta med **innesko**.', 'sport',
			'{substance_free,no_sharing_required,wheelchair_accessible}', 'Gymsalen',
			'Storgata 12, 0184 Oslo', 'Oslo', current_date + 3, '18:00', 90, 'published', now())
		returning id`;
	const at = (days: number, time: string) =>
		sql`((current_date + ${days}::int) + ${time}::time) at time zone 'Europe/Oslo'`;
	await sql`
		insert into public.sessions (activity_id, occurrence_date, starts_at, ends_at, status, cancel_reason, edited)
		values
			(${activity.id}, current_date + 3, ${at(3, '18:00')}, ${at(3, '19:30')}, 'scheduled', null, false),
			(${activity.id}, current_date + 10, ${at(10, '18:00')}, ${at(10, '19:30')}, 'cancelled', 'Hallen er opptatt', true),
			(${activity.id}, current_date + 17, ${at(18, '19:00')}, ${at(18, '20:30')}, 'scheduled', null, true)`;
	return { slug, name, title, activityId: activity.id };
}

/** The zone offset ("+01:00" or "+02:00") Oslo has at an instant, as the browser's Intl says. */
function osloOffset(instant: Date): string {
	const part = new Intl.DateTimeFormat('en', {
		timeZone: 'Europe/Oslo',
		timeZoneName: 'longOffset'
	})
		.formatToParts(instant)
		.find((p) => p.type === 'timeZoneName')!.value;
	return part.replace('GMT', '') || '+00:00';
}

/** No sideways scrolling at 320 px. */
async function expectNarrowFits(page: Page) {
	const size = page.viewportSize();
	await page.setViewportSize({ width: 320, height: 800 });
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	expect(width, `scrollWidth at 320 px on ${page.url()}`).toBeLessThanOrEqual(320);
	if (size) await page.setViewportSize(size);
}

/** Tabs from the top of the page until `target` has focus (or gives up). */
async function tabTo(page: Page, target: ReturnType<Page['getByRole']>, max = 80) {
	await page.locator('body').focus();
	for (let i = 0; i < max; i++) {
		await page.keyboard.press('Tab');
		if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
	}
	throw new Error(`not reachable with Tab: ${target}`);
}

for (const [lang, L] of Object.entries(LABELS)) {
	test.describe(`public pages (${lang}) @no-js @phone`, () => {
		let fixture: Fixture;
		test.beforeAll(async () => {
			fixture = await createFixture();
		});

		test('the activity page says what to expect, lists the dates, links a map and carries JSON-LD', async ({
			page
		}) => {
			const response = await page.goto(`${L.prefix}/activity/${fixture.activityId}`);
			expect(response?.status()).toBe(200);
			await expect(page.locator('html')).toHaveAttribute('lang', lang);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(fixture.title);
			expect(await page.evaluate(() => 'pwned' in window)).toBe(false);

			const expectations = page.getByRole('region', { name: L.expect });
			for (const line of [L.noSharing, L.substanceFree, L.peerLed, L.wheelchair])
				await expect(expectations).toContainText(line);
			await expect(page.locator('.description strong')).toHaveText('innesko');

			const dates = page.getByRole('region', { name: L.dates }).locator('.sessions > li');
			await expect(dates).toHaveCount(3);
			await expect(dates.nth(0)).not.toContainText(L.moved);
			await expect(dates.nth(1)).toContainText(L.cancelled);
			await expect(dates.nth(2)).toContainText(L.moved);

			const map = page.getByRole('link', { name: L.map });
			const href = await map.getAttribute('href');
			expect(href).toBe(
				`https://www.openstreetmap.org/search?query=${encodeURIComponent('Storgata 12, 0184 Oslo, Oslo')}`
			);

			const texts = await page.locator('script[type="application/ld+json"]').allTextContents();
			expect(texts).toHaveLength(1);
			const events = JSON.parse(texts[0]) as Record<string, string>[];
			expect(events.map((e) => e.eventStatus)).toEqual([
				'https://schema.org/EventScheduled',
				'https://schema.org/EventCancelled',
				'https://schema.org/EventRescheduled'
			]);
			for (const event of events) {
				expect(event.name).toBe(fixture.title);
				expect(event['@type']).toBe('Event');
				expect(event.eventAttendanceMode).toBe('https://schema.org/OfflineEventAttendanceMode');
				const start = new Date(event.startDate);
				expect(event.startDate).toMatch(/^\d{4}-\d\d-\d\dT(18|19):00:00[+-]\d\d:\d\d$/);
				expect(event.startDate.slice(-6)).toBe(osloOffset(start));
			}

			await expectAccessible(page);
			await expectNarrowFits(page);
		});

		test('the activity links to its organization page: who they are, how they work, contact, dates', async ({
			page
		}) => {
			await page.goto(`${L.prefix}/activity/${fixture.activityId}`);
			await page.getByRole('link', { name: `${L.more} ${fixture.name}` }).click();
			await expect(page).toHaveURL(new RegExp(`${L.prefix}/org/${fixture.slug}$`));
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(fixture.name);
			await expect(page.getByText('Vi møtes til idrett og prat.')).toBeVisible();
			const approaches = page.getByRole('list', { name: L.approaches });
			await expect(approaches).toContainText(L.peerLedTag);
			await expect(approaches).toContainText(L.twelveStep);
			const contact = page.getByRole('region', { name: L.contact });
			await expect(contact.getByRole('link', { name: 'post@sidelaget.example' })).toHaveAttribute(
				'href',
				'mailto:post@sidelaget.example'
			);
			await expect(contact.getByRole('link', { name: '+47 22 33 44 55' })).toHaveAttribute(
				'href',
				'tel:+4722334455'
			);
			const activity = page.getByRole('link', { name: fixture.title });
			await expect(activity).toHaveAttribute('href', `${L.prefix}/activity/${fixture.activityId}`);
			await expect(page.locator('.sessions > li')).toHaveCount(3);
			await expectAccessible(page);
			await expectNarrowFits(page);
		});

		test('an organization that is not approved has no public page', async ({ page }) => {
			expect((await page.goto(`${L.prefix}/org/venter-pa-godkjenning`))?.status()).toBe(404);
			expect((await page.goto(`${L.prefix}/org/Ikke%20et%20navn`))?.status()).toBe(404);
		});

		test('the menu groups organizations by approach, with the next four weeks', async ({
			page
		}) => {
			await page.goto(`${L.prefix}/org/${fixture.slug}`);
			await page.getByRole('contentinfo').getByRole('link', { name: L.menu }).click();
			await expect(page).toHaveURL(new RegExp(`${L.prefix}/menu$`));
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(L.menu);
			for (const approach of [L.peerLedTag, L.twelveStep]) {
				const group = page.getByRole('region', { name: approach, exact: true });
				const entry = group.getByRole('listitem').filter({
					has: page.getByRole('heading', { level: 3, name: fixture.name })
				});
				await expect(entry.getByRole('link', { name: fixture.title })).toBeVisible();
				// Three dates in the window, one of them cancelled: two to go to.
				await expect(entry).toContainText(`${L.sport} · `);
				await expect(entry).toContainText(L.twoDates);
			}
			await expectAccessible(page);
			await expectNarrowFits(page);
		});

		for (const which of ['privacy', 'accessibility'] as const) {
			test(`the ${which} page opens from the footer`, async ({ page }) => {
				await page.goto(`${L.prefix}/activity/${fixture.activityId}`);
				const footer = page.getByRole('contentinfo');
				await footer.getByRole('link', { name: L[which] }).click();
				await expect(page).toHaveURL(new RegExp(`${L.prefix}/${which}$`));
				await expect(page.getByRole('heading', { level: 1 })).toHaveText(L[which]);
				await expect(page.locator('html')).toHaveAttribute('lang', lang);
				await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
				await expectAccessible(page);
				await expectNarrowFits(page);
			});
		}

		test('the language switcher keeps the page and its query', async ({ page }) => {
			await page.goto(`${L.prefix}/activity/${fixture.activityId}?from=menu`);
			await page.getByRole('link', { name: L.other }).click();
			const expected = `${lang === 'nb' ? '/en' : ''}/activity/${fixture.activityId}?from=menu`;
			await expect(page).toHaveURL(new RegExp(`${expected.replace('?', '\\?')}$`));
		});
	});
}

test.describe('public pages for every visitor @no-js', () => {
	let fixture: Fixture;
	test.beforeAll(async () => {
		fixture = await createFixture();
	});
	const paths = (f: Fixture) =>
		['', '/en'].flatMap((prefix) => [
			`${prefix}/activity/${f.activityId}`,
			`${prefix}/org/${f.slug}`,
			`${prefix}/menu`,
			`${prefix}/privacy`,
			`${prefix}/accessibility`
		]);

	test('no cookie, no request to another origin, no JavaScript', async ({ page, context }) => {
		const origin = new URL(process.env.SAMMEN_BASE_URL!).origin;
		const foreign: string[] = [];
		const bytes = { js: 0, jsGzip: 0, css: 0, cssGzip: 0 };
		const bodies: Promise<void>[] = [];
		page.on('request', (r) => {
			if (!r.url().startsWith('data:') && new URL(r.url()).origin !== origin) foreign.push(r.url());
		});
		page.on('response', (r) => {
			const type = r.request().resourceType();
			if (type !== 'script' && type !== 'stylesheet') return;
			bodies.push(
				r.body().then((b) => {
					const key = type === 'script' ? 'js' : 'css';
					bytes[key] += b.length;
					bytes[`${key}Gzip`] += gzipSync(b, { level: 9 }).length;
				})
			);
		});
		for (const path of paths(fixture)) {
			const before = { ...bytes };
			await page.goto(path);
			await page.waitForLoadState('networkidle');
			await Promise.all(bodies.splice(0));
			expect(bytes.js - before.js, `JavaScript loaded by ${path}`).toBe(0);
			test.info().annotations.push({
				type: 'bytes',
				description: `${path}: JS ${bytes.js - before.js} B, CSS ${bytes.css - before.css} B (${bytes.cssGzip - before.cssGzip} B gzip)`
			});
		}
		expect(foreign).toEqual([]);
		expect(await context.cookies()).toEqual([]);
	});

	test('every link that matters is reachable with the keyboard alone', async ({ page }) => {
		await page.goto(`/activity/${fixture.activityId}`);
		await tabTo(page, page.getByRole('link', { name: 'Vis på kart' }));
		await tabTo(page, page.getByRole('link', { name: `Mer om ${fixture.name}` }));
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(new RegExp(`/org/${fixture.slug}$`));
		await tabTo(page, page.getByRole('link', { name: fixture.title }));
		await tabTo(page, page.getByRole('contentinfo').getByRole('link', { name: 'Menyen' }));
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(/\/menu$/);
		await tabTo(page, page.getByRole('link', { name: 'Ledet av likepersoner' }));
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(/#approach-peer_led$/);
		// The menu lists every organization's activities (the demo data has many): the footer is
		// reached from the organization page, whose list is short.
		await page.goto(`/org/${fixture.slug}`);
		await tabTo(page, page.getByRole('contentinfo').getByRole('link', { name: 'Personvern' }));
		await page.keyboard.press('Enter');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Personvern');
		await tabTo(page, page.getByRole('contentinfo').getByRole('link', { name: 'Tilgjengelighet' }));
		await page.keyboard.press('Enter');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tilgjengelighet');
	});
});
