// What an invitation link may reveal (invitation_preview), and recovery codes for the second
// factor: only their hashes are kept, making them needs aal2, and spending one is server-only
// (service_role) and works once.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { createHash } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/database.types.ts';
import { totp } from '../local/auth/totp.ts';
import { startTestRuntime, type TestRuntime } from '../../tests/support/runtime.ts';

const opts = { auth: { persistSession: false, autoRefreshToken: false } };
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const hashes = (tag: string) => Array.from({ length: 10 }, (_, i) => sha256(`${tag}-${i}`));
let rt: TestRuntime;
let sql: postgres.Sql;
let anon: SupabaseClient<Database>;
let service: SupabaseClient<Database>;
let aal1: SupabaseClient<Database>;
let aal2: SupabaseClient<Database>;
let userId: string;
let orgId: string;

beforeAll(async () => {
	rt = await startTestRuntime();
	sql = postgres(rt.superuserUrl, { max: 1, onnotice: () => {} });
	anon = createClient<Database>(rt.url, rt.publishableKey, opts);
	service = createClient<Database>(rt.url, rt.secretKey, opts);
	const owner = await rt.signedInUser('recovery-owner@example.com');
	userId = owner.id;
	aal2 = owner.client;
	const { data: factor } = await aal2.auth.mfa.enroll({ factorType: 'totp' });
	const verified = await aal2.auth.mfa.challengeAndVerify({
		factorId: factor!.id,
		code: totp(factor!.totp.secret)
	});
	if (verified.error) throw verified.error;
	aal1 = createClient<Database>(rt.url, rt.publishableKey, opts);
	const signIn = await aal1.auth.signInWithPassword({
		email: 'recovery-owner@example.com',
		password: 'GodDag2026x'
	});
	if (signIn.error) throw signIn.error;
	const [org] = await sql`
		insert into public.organizations (slug, name, kind) values ('org-inv', 'Ventende forening', 'ngo')
		returning id`;
	orgId = org.id;
});

afterAll(async () => {
	await sql?.end();
	await rt?.stop();
});

describe('invitation_preview', () => {
	it('names the organization and role of an open invitation, to anyone with the token', async () => {
		await sql`insert into public.invitations (organization_id, email, role, token_hash)
			values (${orgId}, 'ny@example.com', 'admin', ${sha256('open-token')})`;
		const { data, error } = await anon.rpc('invitation_preview', {
			p_token_hash: sha256('open-token')
		});
		expect(error).toBeNull();
		expect(data).toEqual([{ organization_name: 'Ventende forening', role: 'admin' }]);
	});

	it('says nothing of used, expired or unknown invitations', async () => {
		await sql`insert into public.invitations (organization_id, email, token_hash, accepted_at)
			values (${orgId}, 'brukt@example.com', ${sha256('used-token')}, now())`;
		await sql`insert into public.invitations (organization_id, email, token_hash, expires_at)
			values (${orgId}, 'gammel@example.com', ${sha256('old-token')}, now() - interval '1 second')`;
		for (const token of ['used-token', 'old-token', 'unknown-token']) {
			const { data, error } = await anon.rpc('invitation_preview', { p_token_hash: sha256(token) });
			expect(error).toBeNull();
			expect(data, token).toEqual([]);
		}
	});
});

describe('recovery codes', () => {
	it('are made only from a session confirmed with the authenticator', async () => {
		const refused = await aal1.rpc('create_recovery_codes', { p_hashes: hashes('a') });
		expect(refused.error?.code).toBe('42501');
		const byAnon = await anon.rpc('create_recovery_codes', { p_hashes: hashes('a') });
		expect(byAnon.error).not.toBeNull();
		const made = await aal2.rpc('create_recovery_codes', { p_hashes: hashes('a') });
		expect(made.error).toBeNull();
		const rows = await sql`select code_hash from private.recovery_codes where user_id = ${userId}`;
		expect(rows.map((r) => r.code_hash).sort()).toEqual(hashes('a').sort());
	});

	it('cannot be spent by the user or a visitor, only by the server', async () => {
		for (const client of [anon, aal1, aal2]) {
			const { error } = await client.rpc('use_recovery_code', {
				p_user: userId,
				p_hash: hashes('a')[0]
			});
			expect(error).not.toBeNull();
		}
	});

	it('work once: the second use of a code is refused', async () => {
		const first = await service.rpc('use_recovery_code', {
			p_user: userId,
			p_hash: hashes('a')[0]
		});
		expect(first).toMatchObject({ data: true, error: null });
		const again = await service.rpc('use_recovery_code', {
			p_user: userId,
			p_hash: hashes('a')[0]
		});
		expect(again).toMatchObject({ data: false, error: null });
		const wrong = await service.rpc('use_recovery_code', { p_user: userId, p_hash: sha256('x') });
		expect(wrong.data).toBe(false);
	});

	it('are replaced by fresh ones: the old codes stop working', async () => {
		await aal2.rpc('create_recovery_codes', { p_hashes: hashes('b') });
		const old = await service.rpc('use_recovery_code', { p_user: userId, p_hash: hashes('a')[1] });
		expect(old.data).toBe(false);
		const fresh = await service.rpc('use_recovery_code', {
			p_user: userId,
			p_hash: hashes('b')[1]
		});
		expect(fresh.data).toBe(true);
	});
});
