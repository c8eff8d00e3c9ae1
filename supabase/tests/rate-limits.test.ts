// The app's limits live in Postgres (take_rate_limit), shared by every app instance: only the
// server (secret key) counts, each key on its own, exactly up to the limit even under a burst.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/database.types.ts';
import { startTestRuntime, type TestRuntime } from '../../tests/support/runtime.ts';

let rt: TestRuntime;
let sql: postgres.Sql;
let server: SupabaseClient<Database>;

beforeAll(async () => {
	rt = await startTestRuntime();
	sql = postgres(rt.superuserUrl, { max: 1, onnotice: () => {} });
	server = createClient<Database>(rt.url, rt.secretKey, {
		auth: { persistSession: false, autoRefreshToken: false }
	});
});

afterAll(async () => {
	await sql?.end();
	await rt?.stop();
});

const take = (key: string, max = 3, window = 60) =>
	server.rpc('take_rate_limit', { p_key: key, p_max: max, p_window_seconds: window });

describe('take_rate_limit', () => {
	it('allows up to the limit, then refuses, per key', async () => {
		const answers = [];
		for (let i = 0; i < 4; i++) answers.push((await take('login:192.0.2.1')).data);
		expect(answers).toEqual([true, true, true, false]);
		expect((await take('login:192.0.2.2')).data).toBe(true);
	});

	it('forgets attempts older than the window', async () => {
		for (let i = 0; i < 3; i++) await take('old:key');
		expect((await take('old:key')).data).toBe(false);
		await sql`update private.rate_limit_hits set at = at - interval '61 seconds' where key = 'old:key'`;
		expect((await take('old:key')).data).toBe(true);
	});

	it('gives exactly the limit to a burst of parallel attempts', async () => {
		const answers = await Promise.all(
			Array.from({ length: 12 }, () => take('burst:key', 4).then((r) => r.data))
		);
		expect(answers.filter(Boolean)).toHaveLength(4);
	});

	it('is the server’s alone: visitors and signed-in users cannot spend anyone’s allowance', async () => {
		const anon = createClient<Database>(rt.url, rt.publishableKey);
		const { client: user } = await rt.signedInUser('limits@example.com');
		for (const c of [anon, user]) {
			const { error } = await c.rpc('take_rate_limit', {
				p_key: 'login:victim',
				p_max: 1,
				p_window_seconds: 60
			});
			expect(error?.code).toBe('42501');
		}
		expect((await take('login:victim', 1)).data).toBe(true);
	});

	it('refuses nonsense limits', async () => {
		expect((await take('x', 0)).error?.code).toBe('22023');
		expect((await take('x', 1, 0)).error?.code).toBe('22023');
		expect((await take('x'.repeat(401))).error?.code).toBe('22023');
	});
});
