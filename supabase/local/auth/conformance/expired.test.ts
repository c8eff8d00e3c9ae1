// Conformance: an expired access token, correctly signed, for a real user and a live session, is
// refused at every endpoint that needs a signed-in user. Each endpoint is checked on its own: a
// runtime that skipped the expiry check on any one of them would answer it as the user.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	authFetch,
	client,
	expectAuthError,
	signedInUser,
	startRuntime,
	type RawResponse,
	type Runtime
} from './helpers.ts';

let rt: Runtime;
beforeAll(async () => {
	rt = await startRuntime();
});
afterAll(async () => {
	await rt?.stop();
});

// Source: supabase/auth internal/api/auth.go parseJWTClaims (403 bad_jwt, "invalid JWT: unable to
// parse or verify signature, %v" with golang-jwt v5's reason for an expired token: "token has
// invalid claims: token is expired"); requireAuthentication runs it before every handler below
// (internal/api/api.go: /user, /logout and /factors are behind requireAuthentication).
const MESSAGE =
	'invalid JWT: unable to parse or verify signature, token has invalid claims: token is expired';

function expectExpired(res: RawResponse) {
	expect({ status: res.status, body: res.body }).toEqual({
		status: 403,
		body: { code: 'bad_jwt', message: MESSAGE }
	});
}

/** A signed-in user, a TOTP factor with a challenge, and tokens for its session. */
async function setup() {
	const { account, client: c, session } = await signedInUser(rt);
	const { data: factor, error } = await c.auth.mfa.enroll({ factorType: 'totp' });
	if (error) throw error;
	const { data: challenge } = await c.auth.mfa.challenge({ factorId: factor.id });
	const claims = {
		sub: account.id,
		session_id: session.user ? sessionId(session.access_token) : ''
	};
	const now = Math.floor(Date.now() / 1000);
	return {
		account,
		factorId: factor.id,
		challengeId: challenge!.id,
		expired: await rt.signUserToken({ ...claims, email: account.email, exp: now - 60 }),
		valid: await rt.signUserToken({ ...claims, email: account.email, exp: now + 600 })
	};
}

const sessionId = (token: string) =>
	JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')).session_id as string;

let s: Awaited<ReturnType<typeof setup>>;
beforeAll(async () => {
	s = await setup();
});

// Every case: Source as MESSAGE above, for the route it names (internal/api/api.go: GET and PUT
// /user, POST /logout, POST /factors, POST /factors/{id}/challenge, POST /factors/{id}/verify and
// DELETE /factors/{id} all run requireAuthentication first).
describe('expired access tokens', () => {
	it('are refused by GET /user (supabase-js getUser)', async () => {
		const { data, error } = await client(rt).auth.getUser(s.expired);
		expect(data.user).toBeNull();
		expectAuthError(error, {
			name: 'AuthApiError',
			status: 403,
			code: 'bad_jwt',
			message: MESSAGE
		});
		expectExpired(await authFetch(rt, '/user', { token: s.expired }));
		// The same claims, not yet expired, are the user: only the expiry differs.
		expect((await authFetch(rt, '/user', { token: s.valid })).status).toBe(200);
	});

	// Source: supabase/auth internal/api/errors.go (without X-Supabase-Api-Version the body is
	// { code: status, error_code, msg }).
	it('are refused with the older error shape when no API version is sent', async () => {
		const res = await authFetch(rt, '/user', { token: s.expired, apiVersion: null });
		expect({ status: res.status, body: res.body }).toEqual({
			status: 403,
			body: { code: 403, error_code: 'bad_jwt', msg: MESSAGE }
		});
	});

	it('are refused by PUT /user', async () => {
		expectExpired(
			await authFetch(rt, '/user', {
				method: 'PUT',
				token: s.expired,
				body: { data: { expired: 'accepted' } }
			})
		);
	});

	it('are refused by POST /logout', async () => {
		expectExpired(
			await authFetch(rt, '/logout?scope=global', { method: 'POST', token: s.expired })
		);
		// The session is still there: the expired token ended nothing.
		expect((await authFetch(rt, '/user', { token: s.valid })).status).toBe(200);
	});

	it('are refused by POST /factors (enroll)', async () => {
		expectExpired(
			await authFetch(rt, '/factors', {
				token: s.expired,
				body: { factor_type: 'totp', friendly_name: 'expired' }
			})
		);
	});

	it('are refused by POST /factors/:id/challenge', async () => {
		expectExpired(
			await authFetch(rt, `/factors/${s.factorId}/challenge`, { token: s.expired, body: {} })
		);
	});

	it('are refused by POST /factors/:id/verify', async () => {
		expectExpired(
			await authFetch(rt, `/factors/${s.factorId}/verify`, {
				token: s.expired,
				body: { challenge_id: s.challengeId, code: '000000' }
			})
		);
	});

	it('are refused by DELETE /factors/:id (unenroll)', async () => {
		expectExpired(
			await authFetch(rt, `/factors/${s.factorId}`, { method: 'DELETE', token: s.expired })
		);
		// The factor is still there.
		const user = await authFetch(rt, '/user', { token: s.valid });
		expect((user.body as { factors?: { id: string }[] }).factors?.map((f) => f.id)).toContain(
			s.factorId
		);
	});
});
