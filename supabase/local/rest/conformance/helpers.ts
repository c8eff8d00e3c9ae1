/**
 * Shared set-up for the PostgREST conformance suite: one runtime per test file over a fresh
 * database loaded with fixture.sql, and supabase-js clients made exactly as an app makes them.
 */
import { readFile } from 'node:fs/promises';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import postgres from 'postgres';
import { expect } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../../../../tests/support/runtime.ts';
import type { RestConfig } from '../handler.ts';

export type { TestRuntime };

/** Owners of the fixture's notes (public.notes): A owns notes 1 and 2, B owns note 3. */
export const USER_A = '00000000-0000-4000-8000-00000000000a';
export const USER_B = '00000000-0000-4000-8000-00000000000b';

/** Usernames of public.users in the fixture, sorted. */
export const ALL_USERNAMES = [
	'awailas',
	'dragarcia',
	'jsonuser',
	'jsonusermissing',
	'jsonusernull',
	'jsonuserobj',
	'kiwicopple',
	'supabot'
];

export async function startConformanceRuntime(
	options: {
		maxRows?: number;
		/** Also load fidelity.sql (the fidelity cases' own tables and functions). */
		fidelity?: boolean;
		schemas?: string[];
		txEnd?: RestConfig['txEnd'];
	} = {}
): Promise<TestRuntime> {
	const { fidelity, ...rest } = options;
	let setupSql = await readFile(new URL('./fixture.sql', import.meta.url), 'utf8');
	if (fidelity)
		setupSql += `\n${await readFile(new URL('./fidelity.sql', import.meta.url), 'utf8')}`;
	return startTestRuntime({ setupSql, ...rest });
}

/** A raw request to /rest/v1 (for what supabase-js cannot send or does not show). */
export async function restFetch(
	rt: TestRuntime,
	path: string,
	init: { method?: string; headers?: Record<string, string>; body?: string | Blob } = {}
): Promise<{ status: number; headers: Headers; text: string; json: unknown }> {
	const res = await fetch(`${rt.url}/rest/v1${path}`, {
		method: init.method ?? 'GET',
		headers: { apikey: rt.publishableKey, ...init.headers },
		body: init.body
	});
	const text = await res.text();
	let json: unknown = undefined;
	try {
		json = JSON.parse(text);
	} catch {
		// not JSON
	}
	return { status: res.status, headers: res.headers, text, json };
}

const noSession = { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false };

/** A client made with an API key only, as a browser (publishable key) or a server (secret key). */
export function clientWithKey(rt: TestRuntime, key: string): SupabaseClient {
	return createClient(rt.url, key, { auth: noSession });
}

/** Role anon: the publishable key and no session. */
export function anonClient(rt: TestRuntime): SupabaseClient {
	return clientWithKey(rt, rt.publishableKey);
}

/** Role service_role: the secret key. */
export function serviceClient(rt: TestRuntime): SupabaseClient {
	return clientWithKey(rt, rt.secretKey);
}

/** A signed-in user: the publishable key plus the user's access token. */
export function tokenClient(rt: TestRuntime, accessToken: string): SupabaseClient {
	return createClient(rt.url, rt.publishableKey, { accessToken: async () => accessToken });
}

/**
 * A really signed-in user (the runtime's /auth/v1, e-mail and password) whose id is `sub`: the
 * user is created once through the admin API, then signs in as any user of the app would.
 */
export async function userClient(rt: TestRuntime, sub: string): Promise<SupabaseClient> {
	const email = `${sub}@example.com`;
	const password = 'GodDag2026x';
	const options = { auth: { persistSession: false, autoRefreshToken: false } };
	const admin = createClient(rt.url, rt.secretKey, options);
	const { error: exists } = await admin.auth.admin.createUser({
		id: sub,
		email,
		password,
		email_confirm: true
	});
	if (exists && exists.code !== 'email_exists') throw exists;
	const client = createClient(rt.url, rt.publishableKey, options);
	const { error } = await client.auth.signInWithPassword({ email, password });
	if (error) throw error;
	return client;
}

interface Outcome {
	status: number;
	error: unknown;
	data: unknown;
	count?: number | null;
}

/** A failed request: its status, its exact error body, and no data. */
export function expectError(res: Outcome, status: number, error: Record<string, unknown>) {
	expect({ status: res.status, error: res.error, data: res.data }).toEqual({
		status,
		error,
		data: null
	});
}

/** A successful request: its status, its data, and (when given) its count. */
export function expectData(res: Outcome, status: number, data: unknown, count?: number | null) {
	expect({ status: res.status, error: res.error, data: res.data }).toEqual({
		status,
		error: null,
		data
	});
	if (count !== undefined) expect(res.count).toBe(count);
}

/** Runs SQL as the superuser of the test database (set-up checks, never the API under test). */
export async function superuserQuery<T extends object = Record<string, unknown>>(
	rt: TestRuntime,
	text: string
): Promise<T[]> {
	const sql = postgres(rt.superuserUrl, { max: 1, onnotice: () => {} });
	try {
		return (await sql.unsafe(text)) as unknown as T[];
	} finally {
		await sql.end();
	}
}
