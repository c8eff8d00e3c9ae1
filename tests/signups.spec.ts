// Signing up without an account, as a participant meets it: the form on the activity page (with
// JavaScript off, by keyboard, at 360 px), the mail with the manage link, cancelling through the
// link, and the first in line getting the place and a mail. Consent cannot be skipped.
import type { Page } from '@playwright/test';
import { mailTo } from './support/accounts';
import { database } from './support/attacker';
import { readWithIcalJs, readWithNodeIcal } from './support/ical';
import { expect, expectAccessible, test } from './support/fixtures';

const sql = database();

/** A published activity with one date a week ahead and `capacity` places; its id. */
async function activity(capacity: number) {
	const slug = `pamelding-${crypto.randomUUID().slice(0, 8)}`;
	const [org] = await sql`
		insert into public.organizations (slug, name, kind, status, approved_at)
		values (${slug}, 'Middagsklubben', 'ngo', 'approved', now()) returning id`;
	const [a] = await sql`
		insert into public.activities (organization_id, slug, title, category, venue, city, first_date, start_time, duration_minutes, status, published_at, capacity, waitlist)
		values (${org.id}, 'middag', 'Felles middag', 'social_meals', 'Frivilligsentralen', 'Oslo', current_date + 7, '17:00', 90, 'published', now(), ${capacity}, true)
		returning id`;
	await sql`
		insert into public.sessions (activity_id, occurrence_date, starts_at, ends_at)
		values (${a.id}, current_date + 7, date_trunc('hour', now()) + interval '7 days', date_trunc('hour', now()) + interval '7 days 90 minutes')`;
	return a.id as string;
}

const L = {
	nb: {
		prefix: '',
		name: 'Navn eller kallenavn',
		email: 'E-postadresse',
		consent: /Jeg godtar/,
		submit: 'Meld meg på',
		done: 'Du er påmeldt',
		waiting: 'Du står på ventelisten',
		consentError: 'Kryss av for å godta, ellers kan du ikke melde deg på.',
		cancel: 'Meld meg av',
		cancelled: 'Du er meldt av.',
		places: '1 ledig plass',
		full: 'Fullt – venteliste'
	},
	en: {
		prefix: '/en',
		name: 'Name or nickname',
		email: 'E-mail address',
		consent: /I agree/,
		submit: 'Sign up',
		done: 'You are signed up',
		waiting: 'You are on the waiting list',
		consentError: 'Tick the box to agree, or you cannot sign up.',
		cancel: 'Cancel my place',
		cancelled: 'Your place is cancelled.',
		places: '1 place left',
		full: 'Full – waiting list'
	}
} as const;

async function fill(page: Page, l: (typeof L)['nb' | 'en'], name: string, email: string) {
	await page.getByLabel(l.name).fill(name);
	await page.getByLabel(l.email).fill(email);
}

for (const lang of ['nb', 'en'] as const) {
	const l = L[lang];
	test.describe(`signing up (${lang}) @no-js @phone`, () => {
		test('sign up, get the mail, cancel by the link; the first in line gets the place', async ({
			page
		}) => {
			const id = await activity(1);
			const first = `forst-${crypto.randomUUID().slice(0, 6)}@example.com`;
			const second = `neste-${crypto.randomUUID().slice(0, 6)}@example.com`;
			await page.goto(`${l.prefix}/activity/${id}`);
			await expect(page.getByText(l.places).first()).toBeVisible();
			await expectAccessible(page);

			// Consent cannot be skipped; what was typed stays.
			await fill(page, l, 'Kari', first);
			await page.getByRole('button', { name: l.submit }).click();
			await expect(page.getByText(l.consentError).first()).toBeVisible();
			await expect(page.getByLabel(l.name)).toHaveValue('Kari');
			await expectAccessible(page);

			await page.getByRole('checkbox', { name: l.consent }).check();
			await page.getByRole('button', { name: l.submit }).click();
			await expect(page.getByRole('heading', { name: l.done })).toBeVisible();
			const mail = await mailTo(first);
			expect(mail.subject).not.toMatch(/middag|rus|recovery/i);
			const link = mail.links.find((x) => x.includes('/signup/'));
			expect(link).toBeTruthy();

			// The second gets a place in line.
			await page.goto(`${l.prefix}/activity/${id}`);
			await expect(page.getByText(l.full).first()).toBeVisible();
			await fill(page, l, 'Ola', second);
			await page.getByRole('checkbox', { name: l.consent }).check();
			await page.getByRole('button', { name: l.submit }).click();
			await expect(page.getByRole('heading', { name: l.waiting })).toBeVisible();

			// Opening the link changes nothing (a mail scanner's GET); the button cancels.
			await page.goto(new URL(link!).pathname);
			await expectAccessible(page);
			await page.getByRole('button', { name: l.cancel }).click();
			await expect(page.getByText(l.cancelled)).toBeVisible();
			const promoted = await mailTo(second, /.+/);
			expect(promoted).toBeTruthy();
			const rows = await sql`
				select s.status from private.signups s where s.activity_id = ${id} order by s.seq`;
			expect(rows.map((r) => r.status)).toEqual(['cancelled', 'confirmed']);
		});
	});
}

test('signing up works with the keyboard alone, without an e-mail (the link is shown)', async ({
	page
}) => {
	const id = await activity(5);
	await page.goto(`/activity/${id}`);
	await page.getByLabel('Navn eller kallenavn').focus();
	await page.keyboard.type('Nora');
	await page.keyboard.press('Tab'); // to the e-mail field
	await page.keyboard.press('Tab'); // to the mobile number
	await page.keyboard.type('900 11 222');
	await page.getByRole('checkbox', { name: /Jeg godtar/ }).focus();
	await page.keyboard.press('Space');
	await page.getByRole('button', { name: 'Meld meg på' }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: 'Du er påmeldt' })).toBeVisible();
	const link = page.getByRole('link', { name: /\/signup\// });
	await expect(link).toBeVisible();
	await link.click();
	await expect(page.getByText('Du har plass.')).toBeVisible();
	// "Add to calendar": a discreet .ics that two independent parsers read alike.
	const ics = await (await page.request.get(`${new URL(page.url()).pathname}/calendar.ics`)).text();
	expect(ics).toContain('TZID=Europe/Oslo');
	for (const event of [readWithIcalJs(ics), readWithNodeIcal(ics)]) {
		expect(event.summary).toBe('Avtale via Sammen');
		expect(event.location).toBe('Frivilligsentralen, Oslo');
	}
	const data = await (await page.request.get(`${new URL(page.url()).pathname}/data.json`)).json();
	expect(data).toMatchObject({ name: 'Nora', phone: '900 11 222', status: 'confirmed' });
});

test('a double submit is one sign-up', async ({ page, request }) => {
	const id = await activity(5);
	await page.goto(`/activity/${id}`);
	const key = await page.locator('input[name="key"]').inputValue();
	const sessionId = await page.locator('input[name="sessionId"]').first().getAttribute('value');
	const form = {
		key,
		sessionId: sessionId!,
		name: 'Per',
		email: 'per-dobbel@example.com',
		consent: 'yes'
	};
	const post = () =>
		request.post(`/activity/${id}?/signup`, {
			form,
			headers: { origin: process.env.SAMMEN_BASE_URL!, accept: 'text/html' }
		});
	const answers = await Promise.all([post(), post(), post()]);
	expect(answers.map((a) => a.status())).toEqual([200, 200, 200]);
	const [{ count }] =
		await sql`select count(*)::int from private.signups where activity_id = ${id}`;
	expect(count).toBe(1);
});

test('50 people sign up at once through the app for the last 5 places: 5 get one, 45 wait in line, no 5xx', async ({
	request
}) => {
	for (let run = 0; run < 3; run++) {
		const id = await activity(8);
		const [session] = await sql`select id from public.sessions where activity_id = ${id}`;
		const post = (n: number) =>
			request.post(`/activity/${id}?/signup`, {
				form: {
					key: crypto.randomUUID(),
					sessionId: session.id,
					name: `Person ${n}`,
					email: `burst-${run}-${n}-${crypto.randomUUID().slice(0, 4)}@example.com`,
					consent: 'yes'
				},
				headers: {
					origin: process.env.SAMMEN_BASE_URL!,
					accept: 'text/html',
					'x-forwarded-for': `2001:db8:50::${run}:${n}`
				}
			});
		for (let n = 0; n < 3; n++) expect((await post(100 + n)).status()).toBe(200);
		const answers = await Promise.all(Array.from({ length: 50 }, (_, n) => post(n)));
		expect(answers.map((a) => a.status()).filter((s) => s !== 200)).toEqual([]);
		const rows = await sql`
			select status from private.signups where activity_id = ${id} order by seq`;
		expect(rows.map((r) => r.status)).toEqual([
			...Array(8).fill('confirmed'),
			...Array(45).fill('waitlisted')
		]);
	}
});

test('forged or broken manage links answer 404 and change nothing, never a 5xx', async ({
	request
}) => {
	const post = (path: string, form: Record<string, string> = {}) =>
		request.post(path, {
			form,
			headers: { origin: process.env.SAMMEN_BASE_URL!, accept: 'text/html' },
			maxRedirects: 0
		});
	const forged = 'A'.repeat(43);
	for (const response of [
		await post(`/signup/${forged}?/cancel`),
		await post(`/signup/${forged}?/erase`, { confirm: 'yes' }),
		await post(`/signup/${encodeURIComponent("' or 1=1 --")}?/cancel`),
		await request.get(`/signup/${forged}/data.json`),
		await request.get(`/signup/${forged}/calendar.ics`)
	]) {
		expect(response.status(), response.url()).toBe(404);
	}
	const page = await request.get(`/signup/${forged}`);
	expect(page.status()).toBe(200);
	expect(await page.text()).toContain('Vi fant ingen påmelding for denne lenken.');
});
