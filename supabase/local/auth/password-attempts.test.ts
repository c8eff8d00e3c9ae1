// The project's password attempt limit (supabase/migrations/*_password_attempts.sql, enabled in
// config.toml [auth.hook.password_verification_attempt]) through the Auth API, as any client
// reaches it: plain requests to /auth/v1/token, no app in between.
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../../../tests/support/runtime.ts';
import { createConfirmedUser, type Account } from './conformance/helpers.ts';

let rt: TestRuntime;
let sql: postgres.Sql;

beforeAll(async () => {
	rt = await startTestRuntime();
	sql = postgres(rt.superuserUrl, { max: 1, onnotice: () => {} });
});
afterAll(async () => {
	await sql?.end();
	await rt?.stop();
});

async function signIn(account: Account, password: string) {
	const res = await fetch(`${rt.url}/auth/v1/token?grant_type=password`, {
		method: 'POST',
		headers: {
			apikey: rt.publishableKey,
			'content-type': 'application/json',
			'x-supabase-api-version': '2024-01-01'
		},
		body: JSON.stringify({ email: account.email, password })
	});
	return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const wrongPassword = {
	status: 400,
	body: { code: 'invalid_credentials', message: 'Invalid login credentials' }
};
const locked = {
	status: 400,
	body: {
		code: 'invalid_credentials',
		message: 'Too many failed sign-in attempts. Try again in 15 minutes.'
	}
};

describe('failed password attempts per account', () => {
	it('refuses the 11th attempt after 10 wrong passwords, even with the right password', async () => {
		const account = await createConfirmedUser(rt);
		const other = await createConfirmedUser(rt);
		for (let i = 0; i < 10; i++) {
			expect(await signIn(account, `Wrong-password-${i}`)).toMatchObject(wrongPassword);
		}
		expect(await signIn(account, account.password)).toMatchObject(locked);
		expect(await signIn(account, 'Wrong-password-x')).toMatchObject(locked);
		// Another account is not affected.
		const fine = await signIn(other, other.password);
		expect(fine.status).toBe(200);
		expect(fine.body).toHaveProperty('access_token');
	});

	it('lets the account in again once its failures are 15 minutes old', async () => {
		const account = await createConfirmedUser(rt);
		for (let i = 0; i < 10; i++) await signIn(account, `Wrong-password-${i}`);
		expect(await signIn(account, account.password)).toMatchObject(locked);
		await sql`update private.password_failures set failed_at = failed_at - interval '15 minutes'
			where user_id = ${account.id}`;
		expect((await signIn(account, account.password)).status).toBe(200);
	});

	it('clears the count when the right password is given before the limit', async () => {
		const account = await createConfirmedUser(rt);
		for (let i = 0; i < 9; i++) await signIn(account, `Wrong-password-${i}`);
		expect((await signIn(account, account.password)).status).toBe(200);
		for (let i = 0; i < 9; i++) {
			expect(await signIn(account, `Wrong-password-${i}`)).toMatchObject(wrongPassword);
		}
		expect((await signIn(account, account.password)).status).toBe(200);
		const [{ n }] = await sql<{ n: number }[]>`
			select count(*)::int as n from private.password_failures where user_id = ${account.id}`;
		expect(n).toBe(0);
	});

	it('counts parallel wrong passwords one at a time', async () => {
		const account = await createConfirmedUser(rt);
		await Promise.all(Array.from({ length: 14 }, (_, i) => signIn(account, `Wrong-password-${i}`)));
		const [{ n }] = await sql<{ n: number }[]>`
			select count(*)::int as n from private.password_failures where user_id = ${account.id}`;
		expect(n).toBe(10);
		expect(await signIn(account, account.password)).toMatchObject(locked);
	});

	it('lets only supabase_auth_admin run the hook and touch its table', async () => {
		const rows = await sql<{ role: string; execute: boolean; read: boolean; write: boolean }[]>`
			select r as role,
				has_function_privilege(r, 'private.hook_password_verification_attempt(jsonb)', 'execute') as execute,
				has_table_privilege(r, 'private.password_failures', 'select') as read,
				has_table_privilege(r, 'private.password_failures', 'insert') as write
			from unnest(array['anon', 'authenticated', 'service_role', 'supabase_auth_admin']) as r`;
		expect(rows).toEqual([
			{ role: 'anon', execute: false, read: false, write: false },
			{ role: 'authenticated', execute: false, read: false, write: false },
			{ role: 'service_role', execute: false, read: false, write: false },
			{ role: 'supabase_auth_admin', execute: true, read: true, write: true }
		]);
	});
});
