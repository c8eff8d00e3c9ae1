// Every public route and state an anonymous visitor can reach, as one walk: the privacy crawl
// (tests/privacy.spec.ts) records what the browser sends and keeps on it, and the accessibility
// spec (tests/accessibility.spec.ts) checks each stop. The walk signs up for a fresh activity of
// its own and cancels again, so it shows the form with errors, the done state and the manage page.
import type { Page } from '@playwright/test';
import { database } from './attacker';
import { expect } from './fixtures';
import { rememberPersonal } from './personal-data';

export type Lang = 'nb' | 'en';

/** A seeded organization and a seeded activity with sign-up (supabase/seed.sql). */
const SEEDED_ORG = 'ball-og-fellesskap';
const SEEDED_ACTIVITY = '0b9f7f3e-1c1a-4c61-9d1e-000000000102';

const T = {
	nb: {
		name: 'Navn eller kallenavn',
		phone: 'Mobilnummer',
		email: 'E-postadresse',
		consent: /Jeg godtar/,
		submit: 'Meld meg på',
		done: 'Du er påmeldt',
		cancel: 'Meld meg av',
		cancelled: 'Du er meldt av.',
		consentError: 'Kryss av for å godta, ellers kan du ikke melde deg på.'
	},
	en: {
		name: 'Name or nickname',
		phone: 'Mobile number',
		email: 'E-mail address',
		consent: /I agree/,
		submit: 'Sign up',
		done: 'You are signed up',
		cancel: 'Cancel my place',
		cancelled: 'Your place is cancelled.',
		consentError: 'Tick the box to agree, or you cannot sign up.'
	}
} as const;

/** A published activity of its own with one date a week ahead and three places. */
export async function walkActivity(): Promise<string> {
	const sql = database();
	const slug = `tur-${crypto.randomUUID().slice(0, 8)}`;
	const [org] = await sql`
		insert into public.organizations (slug, name, kind, status, approved_at)
		values (${slug}, 'Turlaget', 'ngo', 'approved', now()) returning id`;
	const [a] = await sql`
		insert into public.activities (organization_id, slug, title, summary, category, venue, city,
			first_date, start_time, duration_minutes, status, published_at, capacity, waitlist, signup_mode)
		values (${org.id}, 'tur', 'Kveldstur rundt vannet', 'Rolig tempo.', 'outdoor', 'Parkeringsplassen',
			'Oslo', current_date + 7, '18:00', 90, 'published', now(), 3, true, 'per_session')
		returning id`;
	await sql`
		insert into public.sessions (activity_id, occurrence_date, starts_at, ends_at)
		values (${a.id}, current_date + 7, date_trunc('hour', now()) + interval '7 days',
			date_trunc('hour', now()) + interval '7 days 90 minutes')`;
	return a.id as string;
}

/**
 * Walks every public route and state in `lang`, calling `at(name)` at each stop with the page
 * showing it. `activityId` is an activity of the walk's own (walkActivity).
 */
export async function walkPublic(
	page: Page,
	lang: Lang,
	activityId: string,
	at: (stop: string) => Promise<void>
): Promise<void> {
	const p = lang === 'en' ? '/en' : '';
	const t = T[lang];
	const visit = async (path: string) => {
		const response = await page.goto(`${p}${path}`);
		expect(response?.status(), path).toBeLessThan(400);
		await at(`${p}${path}`);
	};
	await visit('/');
	await visit('/?category=sport&attr=substance_free&city=Oslo&when=month');
	// Nothing matches, and the dates are not dates: the empty list and the filter form with its
	// errors shown, in one (axe takes seconds on the full list on a busy machine).
	await visit('/?q=qwxzvbnmlkjh&when=dates&from=31.12&to=igår');
	await visit(`/activity/${SEEDED_ACTIVITY}`);
	await visit(`/org/${SEEDED_ORG}`);
	await visit('/menu');
	await visit('/print');
	await visit('/print?category=outdoor');
	await visit('/privacy');
	await visit('/accessibility');
	await visit('/share');
	await visit(`/share?view=month&org=${SEEDED_ORG}&accent=005b4e&compact=1`);
	await visit('/embed/list');
	await visit(`/embed/list?org=${SEEDED_ORG}&compact=1&header=0`);
	await visit('/embed/month');
	await visit('/auth/login');
	await visit('/auth/signup');
	await visit('/auth/forgot');
	const missing = await page.goto(`${p}/activity/00000000-0000-4000-8000-000000000000`);
	expect(missing?.status()).toBe(404);
	await at(`${p}/activity/(missing)`);

	// Sign up without an e-mail (the manage link is then shown), first forgetting consent.
	const name = `Walker ${crypto.randomUUID().slice(0, 6)}`;
	const phone = `9${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
	rememberPersonal('sign-up name', name);
	rememberPersonal('sign-up phone', phone);
	await visit(`/activity/${activityId}`);
	await page.getByLabel(t.name).fill(name);
	await page.getByLabel(t.phone).fill(phone);
	await page.getByRole('button', { name: t.submit }).click();
	await expect(page.getByText(t.consentError).first()).toBeVisible();
	await at(`${p}/activity/(sign-up form with errors)`);
	await page.getByRole('checkbox', { name: t.consent }).check();
	await page.getByRole('button', { name: t.submit }).click();
	await expect(page.getByRole('heading', { name: t.done })).toBeVisible();
	await at(`${p}/activity/(signed up)`);
	const link = page.getByRole('link', { name: /\/signup\// });
	const href = await link.getAttribute('href');
	rememberPersonal('manage token', decodeURIComponent(href?.split('/signup/')[1] ?? ''));
	await link.click();
	await expect(page.getByRole('button', { name: t.cancel })).toBeVisible();
	await at(`${p}/signup/(manage)`);
	await page.getByRole('button', { name: t.cancel }).click();
	await expect(page.getByText(t.cancelled)).toBeVisible();
	await at(`${p}/signup/(cancelled)`);
}
