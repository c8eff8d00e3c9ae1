// Conformance: GET /settings, GET /health, the JWKS, the access token's header and claims, getClaims()
// and the shape of error bodies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	authFetch,
	client,
	createConfirmedUser,
	decodeJwt,
	expectAuthError,
	newEmail,
	recordingFetch,
	type Runtime,
	signedInUser,
	signIn,
	startRuntime,
	UUID
} from './helpers.ts';

let rt: Runtime;
beforeAll(async () => {
	rt = await startRuntime();
});
afterAll(async () => {
	await rt?.stop();
});

describe('service endpoints', () => {
	// Source: supabase/auth internal/api/settings.go (external providers, disable_signup,
	// mailer_autoconfirm, saml_enabled) with supabase/config.toml (e-mail on, anonymous sign-ins off,
	// sign-ups on, confirmations on).
	it('GET /settings reports the e-mail provider and the sign-up settings', async () => {
		const res = await authFetch(rt, '/settings');
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({
			external: { email: true, anonymous_users: false, google: false, github: false },
			disable_signup: false,
			mailer_autoconfirm: false,
			saml_enabled: false
		});
	});

	// Source: supabase/auth internal/api/api.go HealthCheck ({ version, name: "GoTrue", description:
	// "GoTrue is a user registration and authentication API" }).
	it('GET /health answers name, version and description', async () => {
		const res = await authFetch(rt, '/health');
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({
			name: 'GoTrue',
			description: 'GoTrue is a user registration and authentication API'
		});
		expect(typeof (res.body as { version: unknown }).version).toBe('string');
	});

	// Source: supabase/auth internal/api/jwks.go (public keys only — no HMAC key, no private part —
	// and Cache-Control "public, max-age=600"); auth-js GoTrueClient.fetchJwk (looks the token's kid up).
	it('GET /.well-known/jwks.json publishes the public ES256 key of the access tokens', async () => {
		const { session } = await signedInUser(rt);
		const kid = decodeJwt(session.access_token).header.kid;
		const res = await authFetch(rt, '/.well-known/jwks.json');
		expect(res.status).toBe(200);
		expect(res.headers.get('cache-control')).toBe('public, max-age=600');
		const keys = (res.body as { keys: Record<string, unknown>[] }).keys;
		const key = keys.find((k) => k.kid === kid);
		expect(key).toMatchObject({ kty: 'EC', crv: 'P-256' });
		expect(typeof key!.x).toBe('string');
		expect(typeof key!.y).toBe('string');
		for (const k of keys) {
			expect(k).not.toHaveProperty('d');
			expect(k.kty).not.toBe('oct');
		}
	});
});

describe('access tokens', () => {
	// Source: Supabase docs https://supabase.com/docs/guides/auth/jwts (header typ, alg, kid) and
	// https://supabase.com/docs/guides/auth/signing-keys (ES256 keys); supabase/auth
	// internal/tokens/service.go SignJWT (kid of the signing key).
	it('are ES256 JWTs with a kid', async () => {
		const { session } = await signedInUser(rt);
		const { header } = decodeJwt(session.access_token);
		expect(header).toMatchObject({ alg: 'ES256', typ: 'JWT' });
		expect(typeof header.kid).toBe('string');
	});

	// Source: supabase/auth internal/tokens/service.go GenerateAccessToken (sub, aud, exp, iat, iss,
	// email, phone, app_metadata, user_metadata, role, aal, amr, session_id, is_anonymous; aud is
	// serialised as a single string) and docs https://supabase.com/docs/guides/auth/jwt-fields (iss is
	// "https://project-ref.supabase.co/auth/v1", i.e. <API URL>/auth/v1).
	it('carry the claims Supabase Auth puts in them', async () => {
		const account = await createConfirmedUser(rt, { user_metadata: { display_name: 'Ada' } });
		const before = Math.floor(Date.now() / 1000);
		const { session } = await signIn(rt, account);
		const claims = decodeJwt(session.access_token).payload;
		expect(claims).toMatchObject({
			sub: account.id,
			aud: 'authenticated',
			role: 'authenticated',
			email: account.email,
			phone: '',
			app_metadata: { provider: 'email', providers: ['email'] },
			user_metadata: { display_name: 'Ada' },
			aal: 'aal1',
			is_anonymous: false,
			iss: `${rt.url}/auth/v1`
		});
		expect(claims.session_id).toMatch(UUID);
		expect(claims.amr).toHaveLength(1);
		expect(claims.amr[0].method).toBe('password');
		expect(claims.amr[0].timestamp).toBeGreaterThanOrEqual(before - 1);
		expect(claims.amr[0].timestamp).toBeLessThanOrEqual(claims.iat);
		expect(claims.iat).toBeGreaterThanOrEqual(before - 1);
		expect(claims.exp - claims.iat).toBe(3600);
		expect(session.expires_at).toBe(claims.exp);
	});

	// Source: auth-js GoTrueClient.getClaims + fetchJwk (an asymmetric token with a kid is verified with
	// the key from /.well-known/jwks.json, cached, and /user is never called) and test/GoTrueClient.test.ts
	// ('getClaims fetches JWKS to verify asymmetric jwt').
	it('getClaims() verifies through the JWKS without calling /user', async () => {
		const recorder = recordingFetch();
		const { client: c, user } = await signIn(rt, await createConfirmedUser(rt), {
			fetch: recorder.fetch
		});
		recorder.urls.length = 0;
		const first = await c.auth.getClaims();
		expect(first.error).toBeNull();
		expect(first.data!.claims).toMatchObject({ sub: user.id, email: user.email });
		expect(first.data!.header.alg).toBe('ES256');
		const second = await c.auth.getClaims();
		expect(second.error).toBeNull();
		const paths = recorder.urls.map((u) => new URL(u).pathname);
		expect(paths.filter((p) => p === '/auth/v1/user')).toHaveLength(0);
		expect(paths.filter((p) => p === '/auth/v1/.well-known/jwks.json')).toHaveLength(1);
	});

	// Source: auth-js GoTrueClient.getClaims (a signature that does not verify against the JWKS key:
	// AuthInvalidJwtError "Invalid JWT signature", code invalid_jwt) and test/GoTrueClient.test.ts
	// ('getClaims should return error for Invalid JWT signature').
	it('getClaims() rejects a token whose payload was altered', async () => {
		const { session } = await signedInUser(rt);
		const [header, payload, signature] = session.access_token.split('.');
		const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
		const forged = Buffer.from(JSON.stringify({ ...claims, role: 'service_role' })).toString(
			'base64url'
		);
		const recorder = recordingFetch();
		const { data, error } = await client(rt, { fetch: recorder.fetch }).auth.getClaims(
			`${header}.${forged}.${signature}`
		);
		expect(data).toBeNull();
		expectAuthError(error, {
			name: 'AuthInvalidJwtError',
			status: 400,
			code: 'invalid_jwt',
			message: 'Invalid JWT signature'
		});
		expect(recorder.urls.some((u) => new URL(u).pathname === '/auth/v1/user')).toBe(false);
	});
});

describe('error bodies', () => {
	// Source: supabase/auth internal/api/errors.go HandleResponseError (with X-Supabase-Api-Version
	// 2024-01-01 — what auth-js sends — the version is echoed and the body is { code, message }) and
	// auth-js lib/fetch.ts handleError (reads `code` only when the response carries that header).
	it('answer API version 2024-01-01 with { code, message } and echo the version header', async () => {
		const res = await authFetch(rt, '/token?grant_type=password', {
			body: { email: newEmail('nobody'), password: 'Wrong-password-1' }
		});
		expect(res.status).toBe(400);
		expect(res.headers.get('x-supabase-api-version')).toBe('2024-01-01');
		expect(res.body).toEqual({ code: 'invalid_credentials', message: 'Invalid login credentials' });
	});

	// Source: supabase/auth internal/api/errors.go HandleResponseError (no version header: the legacy
	// HTTPError body { code: <status>, error_code, msg }).
	it('answer requests without an API version with the legacy { code, error_code, msg }', async () => {
		const res = await authFetch(rt, '/token?grant_type=password', {
			body: { email: newEmail('nobody'), password: 'Wrong-password-1' },
			apiVersion: null
		});
		expect(res.status).toBe(400);
		expect(res.body).toEqual({
			code: 400,
			error_code: 'invalid_credentials',
			msg: 'Invalid login credentials'
		});
	});

	// Source: supabase/auth internal/api/errors.go HandleResponseError (WeakPasswordError with API
	// version 2024-01-01: 422 { code: "weak_password", message, weak_password: { reasons } }).
	it('carry the reasons of a weak password in weak_password.reasons', async () => {
		const res = await authFetch(rt, '/signup', {
			body: { email: newEmail(), password: 'Aa1' }
		});
		expect(res.status).toBe(422);
		expect(res.body).toEqual({
			code: 'weak_password',
			message: 'Password should be at least 10 characters.',
			weak_password: { reasons: ['length'] }
		});
	});
});
