// Every limited action reaches its 429 through the app (a test per action, so removing one
// limit call fails one test), and the per-account password limit holds at Auth itself too.
import { createClient } from '@supabase/supabase-js';
import { totp } from '../supabase/local/auth/totp.ts';
import { LOCAL_PUBLISHABLE_KEY } from '../supabase/local/keys/index.ts';
import { createOrganizer, logIn, PASSWORD, uniqueEmail } from './support/accounts';
import {
	addAuthenticator,
	cookieHeader,
	database,
	organizationWithActivity,
	postForm
} from './support/attacker';
import { expect, test, testAddress } from './support/fixtures';

// The app's limits (src/lib/server/rate-limit.ts): per address, per account, per recipient.
const LOGIN_PER_ADDRESS = 10;
const LOGIN_PER_ACCOUNT = 10;
const EMAIL_PER_ADDRESS = 5;
const RATE_LIMITED = 'For mange forsøk. Vent litt og prøv igjen.';

const sql = database();

/** Posts `times` forms from one address; the statuses in order. */
async function statuses(
	post: (n: number) => Promise<{ status(): number }>,
	times: number
): Promise<number[]> {
	const out: number[] = [];
	for (let n = 0; n < times; n++) out.push((await post(n)).status());
	return out;
}

for (const [name, path, form] of [
	[
		'sign-up',
		'/auth/signup',
		(n: number) => ({ email: uniqueEmail(`su${n}`), password: 'GodDag2026x' })
	],
	['forgot password', '/auth/forgot', () => ({ email: uniqueEmail('fp') })],
	['log-in link', '/auth/login?/link', () => ({ email: uniqueEmail('ml') })]
] as const) {
	test(`${name}: the ${EMAIL_PER_ADDRESS + 1}th e-mail request from one address gets a 429`, async ({
		request
	}) => {
		const address = testAddress(`${name}-${crypto.randomUUID()}`);
		const list = await statuses(
			(n) => postForm(request, path, form(n), { address }),
			EMAIL_PER_ADDRESS
		);
		expect(list.includes(429), list.join()).toBe(false);
		const last = await postForm(request, path, form(99), { address });
		expect(last.status()).toBe(429);
		expect(await last.text()).toContain(RATE_LIMITED);
	});
}

test('invitations: the 6th from one address gets a 429', async ({ page, request }) => {
	const email = uniqueEmail('inviter');
	const user = await createOrganizer(email);
	const { orgId } = await organizationWithActivity(sql, user.id, 'inv');
	await logIn(page, email);
	await expect(page).toHaveURL(/\/dashboard$/);
	const cookie = await cookieHeader(page.context());
	const address = testAddress(`invite-${crypto.randomUUID()}`);
	const invite = (n: number) =>
		postForm(
			request,
			`/organizations/${orgId}?/invite`,
			{ email: `ny${n}-${crypto.randomUUID().slice(0, 4)}@example.com`, role: 'organizer' },
			{ cookie, address }
		);
	const list = await statuses(invite, EMAIL_PER_ADDRESS);
	expect(list.every((s) => s === 200)).toBe(true);
	const last = await invite(99);
	expect(last.status()).toBe(429);
	const [{ count }] =
		await sql`select count(*)::int from public.invitations where organization_id = ${orgId}`;
	expect(count).toBe(EMAIL_PER_ADDRESS);
});

test('authenticator codes: the 11th from one address gets a 429', async ({ page, request }) => {
	const email = uniqueEmail('codes');
	await createOrganizer(email);
	const secret = await addAuthenticator(email);
	await logIn(page, email);
	await expect(page).toHaveURL(/\/auth\/mfa$/);
	const cookie = await cookieHeader(page.context());
	const address = testAddress(`codes-${crypto.randomUUID()}`);
	const wrong = String((Number(totp(secret)) + 500_000) % 1_000_000).padStart(6, '0');
	const list = await statuses(
		() => postForm(request, '/auth/mfa', { code: wrong }, { cookie, address }),
		LOGIN_PER_ADDRESS
	);
	expect(
		list.every((s) => s === 400),
		list.join()
	).toBe(true);
	const last = await postForm(request, '/auth/mfa', { code: totp(secret) }, { cookie, address });
	expect(last.status()).toBe(429);
});

test('one account: the 11th password attempt is refused through the app and at Auth itself', async ({
	request
}) => {
	const email = uniqueEmail('guessed');
	await createOrganizer(email);
	// Ten wrong passwords, each from another address, so only the per-account limit counts.
	for (let n = 0; n < LOGIN_PER_ACCOUNT; n++) {
		const response = await postForm(
			request,
			'/auth/login?/password',
			{ email, password: `Feil-passord-${n}` },
			{ address: testAddress(`guess-${n}-${crypto.randomUUID()}`) }
		);
		expect(response.status()).toBe(400);
	}
	const app = await postForm(
		request,
		'/auth/login?/password',
		{ email, password: PASSWORD },
		{ address: testAddress(`guess-right-${crypto.randomUUID()}`) }
	);
	expect(app.status()).toBe(429);
	// Straight to Auth with the publishable key and the right password: its password
	// verification hook has counted the same ten failures.
	const direct = createClient(process.env.SAMMEN_API_URL!, LOCAL_PUBLISHABLE_KEY, {
		auth: { persistSession: false, autoRefreshToken: false }
	});
	const { data, error } = await direct.auth.signInWithPassword({ email, password: PASSWORD });
	expect(data.session).toBeNull();
	expect(error).not.toBeNull();
});
