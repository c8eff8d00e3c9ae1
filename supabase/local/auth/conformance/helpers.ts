/**
 * Shared helpers of the /auth/v1 conformance suite. Everything here talks to the runtime the way an
 * application does: unmodified supabase-js clients, plain HTTP for what supabase-js hides (status
 * codes, redirects, headers), and the mail catcher for the mails. Nothing here imports the
 * implementation under test: TOTP, token hashes and JWT decoding are done independently.
 */
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { expect } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../../../../tests/support/runtime.ts';

export type Runtime = TestRuntime;

const KINDS = [
	'confirmation',
	'invite',
	'magic_link',
	'recovery',
	'email_change',
	'reauthentication'
];

/**
 * Templates with both a token-hash link and the code (Supabase docs, Auth > Email Templates:
 * `{{ .TokenHash }}` and `{{ .Token }}` may both appear), so the suite can check Auth's codes as
 * well as its links: the project's own templates offer links only.
 */
export const CODE_TEMPLATES = Object.fromEntries(
	KINDS.map((kind) => [
		kind,
		{ contentPath: `./supabase/local/auth/conformance/templates/${kind}.html` }
	])
);

/**
 * A test runtime (config.toml's Auth settings) for the suite: with the code-bearing templates and
 * Supabase Auth's default six-digit codes (config.toml asks for longer ones; see otp-length.test.ts).
 */
export function startRuntime(options: Parameters<typeof startTestRuntime>[0] = {}) {
	return startTestRuntime({
		...options,
		auth: { emailTemplates: CODE_TEMPLATES, otpLength: 6, ...options.auth }
	});
}

/** A mail as the harness's mail catcher hands it over. */
export interface Mail {
	id: string;
	to: string[];
	subject: string;
	text: string;
	html: string;
	links: string[];
}

/** The redirect target our tests use: same host as site_url, so Supabase Auth accepts it. */
export const SITE_URL = 'http://localhost:3000';
export const REDIRECT_TO = `${SITE_URL}/welcome`;
export const STORAGE_KEY = 'sb-conformance-auth-token';

// ---- identities --------------------------------------------------------------------------------

export function newEmail(tag = 'user'): string {
	return `${tag}-${randomUUID()}@example.com`;
}

/** At least 10 characters with lower case, upper case and digits (config.toml's requirements). */
export function newPassword(): string {
	return `Aa1${randomBytes(12).toString('base64url')}`;
}

// ---- clients -----------------------------------------------------------------------------------

export interface MemoryStorage {
	items: Map<string, string>;
	getItem(key: string): string | null;
	setItem(key: string, value: string): void;
	removeItem(key: string): void;
}

export function memoryStorage(): MemoryStorage {
	const items = new Map<string, string>();
	return {
		items,
		getItem: (key) => items.get(key) ?? null,
		setItem: (key, value) => {
			items.set(key, value);
		},
		removeItem: (key) => {
			items.delete(key);
		}
	};
}

export interface ClientOptions {
	key?: string;
	flowType?: 'implicit' | 'pkce';
	/** Passed as `global.fetch`; supabase-js hands it to auth-js unchanged. */
	fetch?: typeof fetch;
	headers?: Record<string, string>;
	storage?: MemoryStorage;
}

/**
 * A supabase-js client as an application creates it. PKCE clients keep their code verifier in a
 * `MemoryStorage` the test can read (auth-js stores it under `${storageKey}-code-verifier`).
 */
export function client(rt: Runtime, options: ClientOptions = {}): SupabaseClient {
	const storage = options.storage ?? (options.flowType === 'pkce' ? memoryStorage() : undefined);
	const global: { fetch?: typeof fetch; headers?: Record<string, string> } = {};
	if (options.fetch) global.fetch = options.fetch;
	if (options.headers) global.headers = options.headers;
	return createClient(rt.url, options.key ?? rt.publishableKey, {
		auth: {
			persistSession: storage !== undefined,
			autoRefreshToken: false,
			detectSessionInUrl: false,
			flowType: options.flowType ?? 'implicit',
			...(storage ? { storage, storageKey: STORAGE_KEY } : {})
		},
		global
	});
}

/** The service-role client (secret key) for `auth.admin`. */
export function admin(rt: Runtime): SupabaseClient {
	return client(rt, { key: rt.secretKey });
}

/** The storage of a PKCE client made by `client()`, to read or replace its code verifier. */
export function pkceStorage(c: SupabaseClient): MemoryStorage {
	return (c.auth as unknown as { storage: MemoryStorage }).storage;
}

export const CODE_VERIFIER_KEY = `${STORAGE_KEY}-code-verifier`;

// ---- users and sessions --------------------------------------------------------------------------

export interface Account {
	id: string;
	email: string;
	password: string;
}

/** A confirmed user made with the admin API (no mail, no rate limit on sign-ups). */
export async function createConfirmedUser(
	rt: Runtime,
	options: { email?: string; password?: string; user_metadata?: Record<string, unknown> } = {}
): Promise<Account> {
	const email = options.email ?? newEmail();
	const password = options.password ?? newPassword();
	const { data, error } = await admin(rt).auth.admin.createUser({
		email,
		password,
		email_confirm: true,
		user_metadata: options.user_metadata
	});
	if (error) throw error;
	return { id: data.user!.id, email, password };
}

/** Signs an account in on a fresh client; throws on any error. */
export async function signIn(rt: Runtime, account: Account, options: ClientOptions = {}) {
	const c = client(rt, options);
	const { data, error } = await c.auth.signInWithPassword({
		email: account.email,
		password: account.password
	});
	if (error) throw error;
	return { client: c, session: data.session!, user: data.user! };
}

/** A confirmed, signed-in user. */
export async function signedInUser(rt: Runtime, options: ClientOptions = {}) {
	const account = await createConfirmedUser(rt);
	return { account, ...(await signIn(rt, account, options)) };
}

// ---- errors ----------------------------------------------------------------------------------------

export interface ExpectedError {
	name: string;
	status: number;
	code?: string;
	message: string | RegExp;
}

/** Checks an auth-js error as an application sees it: class name, HTTP status, code and message. */
export function expectAuthError(error: unknown, expected: ExpectedError): void {
	expect(error, 'an error was expected').toBeTruthy();
	const e = error as { name: string; status: number; code?: string; message: string };
	expect({ name: e.name, status: e.status, code: e.code }).toEqual({
		name: expected.name,
		status: expected.status,
		code: expected.code
	});
	if (typeof expected.message === 'string') expect(e.message).toBe(expected.message);
	else expect(e.message).toMatch(expected.message);
}

// ---- raw HTTP ----------------------------------------------------------------------------------------

export interface RawResponse {
	status: number;
	headers: Headers;
	body: unknown;
	location: string | null;
}

/**
 * A request to `${url}/auth/v1${path}` as supabase-js would send it (apikey and bearer = `key`, the
 * publishable key unless given), but with the status, headers and body left as they came. `token`
 * replaces the bearer token; `apiVersion` (default 2024-01-01, what auth-js sends) may be set to
 * null to get the legacy error shape.
 */
export async function authFetch(
	rt: Runtime,
	path: string,
	init: {
		method?: string;
		body?: unknown;
		key?: string;
		token?: string | null;
		apiVersion?: string | null;
		headers?: Record<string, string>;
	} = {}
): Promise<RawResponse> {
	const key = init.key ?? rt.publishableKey;
	const headers: Record<string, string> = { apikey: key, ...init.headers };
	const token = init.token === undefined ? key : init.token;
	if (token !== null) headers.authorization = `Bearer ${token}`;
	const apiVersion = init.apiVersion === undefined ? '2024-01-01' : init.apiVersion;
	if (apiVersion !== null) headers['x-supabase-api-version'] = apiVersion;
	if (init.body !== undefined) headers['content-type'] = 'application/json;charset=UTF-8';
	const res = await fetch(`${rt.url}/auth/v1${path}`, {
		method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
		headers,
		body: init.body === undefined ? undefined : JSON.stringify(init.body),
		redirect: 'manual'
	});
	const text = await res.text();
	let body: unknown = text;
	try {
		body = text ? JSON.parse(text) : null;
	} catch {
		// not JSON: keep the text
	}
	return { status: res.status, headers: res.headers, body, location: res.headers.get('location') };
}

/** GET /verify as a mail link would call it (the browser does not follow the 303 here). */
export function verifyLink(
	rt: Runtime,
	token: string,
	type: string,
	redirectTo: string = REDIRECT_TO
): Promise<RawResponse> {
	const q = new URLSearchParams({ token, type, redirect_to: redirectTo });
	return authFetch(rt, `/verify?${q}`);
}

/** A `fetch` that records every URL it is asked for before passing the request on. */
export function recordingFetch(): { fetch: typeof fetch; urls: string[] } {
	const urls: string[] = [];
	const wrapped: typeof fetch = (input, init) => {
		const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
		urls.push(url);
		return fetch(input, init);
	};
	return { fetch: wrapped, urls };
}

// ---- mail ----------------------------------------------------------------------------------------

const taken = new Set<string>();

/** The link in a mail that carries a token hash (`…/auth/confirm?token_hash=…&type=…`). */
export function mailLink(mail: Mail): URL | undefined {
	const link = mail.links.find((l) => /[?&]token_hash=/.test(l));
	return link ? new URL(link) : undefined;
}

export function mailLinkType(mail: Mail): string | null {
	return mailLink(mail)?.searchParams.get('type') ?? null;
}

/**
 * The next mail to `to` not yet returned by this function, optionally only one whose link has
 * `type=<linkType>` (signup, magiclink, recovery, invite, email_change in our templates).
 */
export async function nextMail(
	rt: Runtime,
	to: string,
	linkType?: string,
	timeoutMs = 10_000
): Promise<Mail> {
	const address = to.toLowerCase();
	const mail = (await rt.mail.waitFor(
		(m: Mail) =>
			!taken.has(m.id) &&
			m.to.some((t) => t.toLowerCase().includes(address)) &&
			(linkType === undefined || mailLinkType(m) === linkType),
		timeoutMs
	)) as Mail;
	taken.add(mail.id);
	return mail;
}

/** Mails to `to` seen so far (delivered or not yet returned by nextMail). */
export function mailsTo(rt: Runtime, to: string): Mail[] {
	const address = to.toLowerCase();
	return (rt.mail.list() as Mail[]).filter((m) =>
		m.to.some((t) => t.toLowerCase().includes(address))
	);
}

/** sha224(email + otp) in hex: Supabase Auth's token hash (internal/crypto GenerateTokenHash). */
export function tokenHash(emailOrPhone: string, otp: string): string {
	return createHash('sha224')
		.update(emailOrPhone + otp)
		.digest('hex');
}

/** The token_hash of a mail's link (with its `pkce_` prefix, if any). */
export function mailTokenHash(mail: Mail): string {
	const hash = mailLink(mail)?.searchParams.get('token_hash');
	if (!hash) throw new Error(`no token_hash link in mail ${mail.subject}: ${mail.links.join(' ')}`);
	return hash;
}

/**
 * The 6-digit code of a mail. When several 6-digit numbers appear, the one whose hash matches the
 * link's token hash wins (given the address it was sent for).
 */
export function mailCode(mail: Mail, address?: string): string {
	const candidates = [
		...new Set(
			[...`${mail.text}\n${mail.html}`.matchAll(/(?<![0-9A-Za-z])(\d{6})(?![0-9A-Za-z])/g)].map(
				(m) => m[1]
			)
		)
	];
	if (candidates.length === 0) throw new Error(`no 6-digit code in mail ${mail.subject}`);
	const hash = mailLink(mail)
		?.searchParams.get('token_hash')
		?.replace(/^pkce_/, '');
	if (address && hash) {
		const match = candidates.find((c) => tokenHash(address.toLowerCase(), c) === hash);
		if (match) return match;
	}
	return candidates[0];
}

// ---- JWT and TOTP --------------------------------------------------------------------------------

export interface AccessTokenClaims {
	sub: string;
	aud: string | string[];
	role: string;
	email: string;
	phone: string;
	app_metadata: Record<string, unknown>;
	user_metadata: Record<string, unknown>;
	session_id: string;
	aal: string;
	amr: { method: string; timestamp: number }[];
	is_anonymous: boolean;
	iat: number;
	exp: number;
	iss: string;
	[key: string]: unknown;
}

export function decodeJwt(token: string): {
	header: Record<string, unknown>;
	payload: AccessTokenClaims;
} {
	const [header, payload] = token.split('.');
	return {
		header: JSON.parse(Buffer.from(header, 'base64url').toString('utf8')),
		payload: JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
	};
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Decode(input: string): Buffer {
	const out: number[] = [];
	let bits = 0;
	let value = 0;
	for (const ch of input.replace(/=+$/, '').toUpperCase()) {
		const index = BASE32.indexOf(ch);
		if (index < 0) throw new Error(`not base32: ${ch}`);
		value = ((value << 5) | index) & 0xfff;
		bits += 5;
		if (bits >= 8) {
			out.push((value >>> (bits - 8)) & 0xff);
			bits -= 8;
		}
	}
	return Buffer.from(out);
}

/** RFC 6238 TOTP: HMAC-SHA1, 30-second step, 6 digits. */
export function totp(secret: string, atMs = Date.now()): string {
	const counter = Buffer.alloc(8);
	counter.writeBigUInt64BE(BigInt(Math.floor(atMs / 1000 / 30)));
	const mac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
	const offset = mac[mac.length - 1] & 0x0f;
	const binary =
		((mac[offset] & 0x7f) << 24) |
		(mac[offset + 1] << 16) |
		(mac[offset + 2] << 8) |
		mac[offset + 3];
	return String(binary % 1_000_000).padStart(6, '0');
}

/** A 6-digit code that is valid in none of the windows Supabase Auth accepts (now ± 1 step). */
export function wrongTotp(secret: string, atMs = Date.now()): string {
	const valid = new Set([-30_000, 0, 30_000].map((d) => totp(secret, atMs + d)));
	for (let n = 0; ; n++) {
		const code = String((123456 + n * 7919) % 1_000_000).padStart(6, '0');
		if (!valid.has(code)) return code;
	}
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/;
