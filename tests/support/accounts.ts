import { createClient } from '@supabase/supabase-js';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { LOCAL_SECRET_KEY } from '../../supabase/local/keys/index.ts';
import { testAddress } from './fixtures';

export const PASSWORD = 'GodDag2026x';

export const uniqueEmail = (tag: string) => `${tag}-${crypto.randomUUID().slice(0, 8)}@example.com`;

/** A confirmed organizer account made through the Auth admin API (the secret key). */
export async function createOrganizer(email: string, locale = 'nb') {
	const admin = createClient(process.env.SAMMEN_API_URL!, LOCAL_SECRET_KEY, {
		auth: { persistSession: false, autoRefreshToken: false }
	});
	const { data, error } = await admin.auth.admin.createUser({
		email,
		password: PASSWORD,
		email_confirm: true,
		user_metadata: { locale }
	});
	if (error) throw error;
	return data.user;
}

interface CaughtMail {
	subject: string;
	html: string;
	text: string;
	links: string[];
}

/** The newest mail the mail catcher got for `to` (waits for it). */
export async function mailTo(to: string, subject?: RegExp): Promise<CaughtMail> {
	const deadline = Date.now() + 10_000;
	for (;;) {
		const res = await fetch(
			`${process.env.SAMMEN_MAIL_URL}/api/v1/search?to=${encodeURIComponent(to)}`
		);
		const found = ((await res.json()) as CaughtMail[]).filter(
			(m) => !subject || subject.test(m.subject)
		);
		if (found.length) return found[0];
		if (Date.now() > deadline) throw new Error(`no mail to ${to}`);
		await new Promise((r) => setTimeout(r, 200));
	}
}

/** The app link in a mail (to /auth/confirm). */
export const confirmLink = (mail: CaughtMail) => {
	const link = mail.links.find((l) => l.includes('/auth/confirm?'));
	if (!link) throw new Error(`no confirm link in ${mail.subject}`);
	return link;
};

export async function logIn(page: Page, email: string, password = PASSWORD, en = false) {
	await page.goto(en ? '/en/auth/login' : '/auth/login');
	await page.getByLabel(en ? 'E-mail address' : 'E-postadresse').fill(email);
	await page.getByLabel(en ? 'Password' : 'Passord').fill(password);
	await page.getByRole('button', { name: en ? 'Log in' : 'Logg inn' }).click();
}

/** A browser context that has never seen the app: as if the mail were opened elsewhere. */
export async function freshContext(
	browser: Browser,
	javaScriptEnabled: boolean
): Promise<BrowserContext> {
	return browser.newContext({
		javaScriptEnabled,
		baseURL: process.env.SAMMEN_BASE_URL,
		extraHTTPHeaders: { 'x-forwarded-for': testAddress(crypto.randomUUID()) }
	});
}

/** The session Supabase keeps in its (possibly chunked) auth cookie. */
export async function sessionFromCookies(
	context: BrowserContext
): Promise<{ refresh_token: string } | null> {
	const parts = (await context.cookies())
		.filter((c) => /^sb-.*-auth-token(\.\d+)?$/.test(c.name))
		.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
	if (!parts.length) return null;
	const raw = parts.map((c) => c.value).join('');
	const json = raw.startsWith('base64-')
		? Buffer.from(raw.slice(7), 'base64url').toString('utf8')
		: decodeURIComponent(raw);
	return JSON.parse(json);
}

/** Makes an account a platform admin (as `npm run admin:grant` does, with the secret key). */
export async function grantPlatformAdmin(userId: string) {
	const admin = createClient(process.env.SAMMEN_API_URL!, LOCAL_SECRET_KEY, {
		auth: { persistSession: false, autoRefreshToken: false }
	});
	const { error } = await admin.from('platform_admins').insert({ user_id: userId });
	if (error) throw error;
}

/** `YYYY-MM-DD` of the next `weekday` (0 = Sunday) at least a week from now, in Oslo. */
export function nextWeekday(weekday: number, weeksAhead = 1): string {
	const d = new Date(Date.now() + weeksAhead * 7 * 86_400_000);
	while (d.getUTCDay() !== weekday) d.setUTCDate(d.getUTCDate() + 1);
	return d.toISOString().slice(0, 10);
}
