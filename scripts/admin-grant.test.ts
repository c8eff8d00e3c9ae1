// `npm run admin:grant -- <email>` against a runtime, as against a hosted project (by URL and key).
import { spawn } from 'node:child_process';
import { createClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../tests/support/runtime.ts';

let rt: TestRuntime;
beforeAll(async () => {
	rt = await startTestRuntime();
});
afterAll(() => rt?.stop());

function grant(email: string): Promise<{ code: number | null; output: string }> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, ['scripts/admin-grant.ts', email], {
			cwd: new URL('..', import.meta.url).pathname,
			env: { ...process.env, PUBLIC_SUPABASE_URL: rt.url, SUPABASE_SECRET_KEY: rt.secretKey }
		});
		let output = '';
		child.stdout.on('data', (c) => (output += c));
		child.stderr.on('data', (c) => (output += c));
		child.on('close', (code) => resolve({ code, output }));
	});
}

describe('admin:grant', () => {
	it('makes an account a platform admin, which is_platform_admin() then says', async () => {
		const email = `admin-${crypto.randomUUID().slice(0, 8)}@example.com`;
		const { client: user, id } = await rt.signedInUser(email);
		expect((await user.rpc('is_platform_admin')).data).toBe(false);

		const result = await grant(email.toUpperCase());
		expect(result.output).toContain('is now a platform admin');
		expect(result.code).toBe(0);
		expect((await user.rpc('is_platform_admin')).data).toBe(true);
		const { data: admins } = await user.from('platform_admins').select('user_id');
		expect(admins).toEqual([{ user_id: id }]);
		// Granting twice changes nothing.
		expect((await grant(email)).code).toBe(0);
	});

	it('says so when there is no such account', async () => {
		const result = await grant('nobody@example.com');
		expect(result.code).toBe(1);
		expect(result.output).toContain('No account with the e-mail address nobody@example.com');
	});

	it('nobody can make themselves an admin through the API', async () => {
		const { client: user, id } = await rt.signedInUser(
			`self-${crypto.randomUUID().slice(0, 8)}@example.com`
		);
		const { error } = await user.from('platform_admins').insert({ user_id: id });
		expect(error?.code).toBe('42501');
		const anon = createClient(rt.url, rt.publishableKey, { auth: { persistSession: false } });
		expect((await anon.rpc('is_platform_admin')).error?.code).toBe('42501');
	});
});
