// Conformance: POST /auth/v1/token?grant_type=refresh_token through supabase-js `refreshSession`.
// The harness starts the runtime with refresh_token_reuse_interval = 0.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	client,
	decodeJwt,
	expectAuthError,
	type Runtime,
	signedInUser,
	startRuntime
} from './helpers.ts';

let rt: Runtime;
beforeAll(async () => {
	rt = await startRuntime();
});
afterAll(async () => {
	await rt?.stop();
});

async function refresh(refreshToken: string) {
	return client(rt).auth.refreshSession({ refresh_token: refreshToken });
}

describe('refreshSession', () => {
	// Source: auth-js test/GoTrueClient.test.ts ('refreshSession() should return a new session using a
	// passed-in refresh token': token_type "bearer", a user, and a refresh token different from the
	// old one); supabase/auth internal/tokens/service.go RefreshTokenGrant (GrantRefreshTokenSwap).
	it('rotates the refresh token and returns a new session for the same user', async () => {
		const { session, user } = await signedInUser(rt);
		const { data, error } = await refresh(session.refresh_token);
		expect(error).toBeNull();
		const next = data.session!;
		expect(next.token_type).toBe('bearer');
		expect(next.expires_in).toBe(3600);
		expect(next.refresh_token).not.toBe(session.refresh_token);
		expect(next.user.id).toBe(user.id);
		expect(data.user!.id).toBe(user.id);
	});

	// Source: supabase/auth internal/tokens/service.go GenerateAccessToken (the refreshed token keeps
	// sub and session_id; aal/amr come from the session, so amr stays [password]; exp = iat + jwt_expiry).
	it('keeps the session, aal and amr in the refreshed access token', async () => {
		const { session, user } = await signedInUser(rt);
		const before = decodeJwt(session.access_token).payload;
		const { data } = await refresh(session.refresh_token);
		const after = decodeJwt(data.session!.access_token).payload;
		expect(after.sub).toBe(user.id);
		expect(after.session_id).toBe(before.session_id);
		expect(after.aal).toBe('aal1');
		expect(after.amr.map((a) => a.method)).toEqual(['password']);
		expect(after.exp - after.iat).toBe(3600);
	});

	// Source: supabase/auth internal/tokens/service.go RefreshTokenGrant ("Token was revoked, but it's
	// the parent of the currently active one … allowed, provided we return back the active refresh
	// token instead of creating a new one" — independent of the reuse interval).
	it('answers a retry with the just-rotated token with the current refresh token', async () => {
		const { session } = await signedInUser(rt);
		const first = await refresh(session.refresh_token);
		expect(first.error).toBeNull();
		const retry = await refresh(session.refresh_token);
		expect(retry.error).toBeNull();
		expect(retry.data.session!.refresh_token).toBe(first.data.session!.refresh_token);
	});

	// Source: supabase/auth internal/tokens/service.go RefreshTokenGrant (a revoked token that is not
	// the parent of the active one, outside the reuse interval: 400 refresh_token_already_used
	// "Invalid Refresh Token: Already Used"); internal/api/apierrors/errorcode.go.
	it('refuses an older refresh token with refresh_token_already_used 400', async () => {
		const { session } = await signedInUser(rt);
		const second = await refresh(session.refresh_token);
		const third = await refresh(second.data.session!.refresh_token);
		expect(third.error).toBeNull();
		const { data, error } = await refresh(session.refresh_token);
		expect(data.session).toBeNull();
		expectAuthError(error, {
			name: 'AuthApiError',
			status: 400,
			code: 'refresh_token_already_used',
			message: 'Invalid Refresh Token: Already Used'
		});
	});

	// Source: supabase/auth internal/tokens/service.go RefreshTokenGrant (on detected reuse with
	// rotation enabled the whole token family is revoked — models.RevokeTokenFamily — or, with the
	// newer refresh-token format, the session is logged out), so the newest token stops working too.
	it('revokes the newest token of the session after a reuse was detected', async () => {
		const { session } = await signedInUser(rt);
		const second = await refresh(session.refresh_token);
		const third = await refresh(second.data.session!.refresh_token);
		const newest = third.data.session!.refresh_token;
		expect((await refresh(session.refresh_token)).error).not.toBeNull();
		const { error } = await refresh(newest);
		expect(error).toMatchObject({ name: 'AuthApiError', status: 400 });
		expect(['refresh_token_already_used', 'refresh_token_not_found']).toContain(
			(error as { code?: string }).code
		);
		expect(error!.message).toMatch(/^Invalid Refresh Token: /);
	});

	// Source: auth-js test/GoTrueClient.test.ts ('setSession should fail with invalid refresh token':
	// "Invalid Refresh Token: Refresh Token Not Found"); supabase/auth internal/tokens/service.go
	// (400 refresh_token_not_found).
	it('refuses an unknown refresh token with refresh_token_not_found 400', async () => {
		const { data, error } = await refresh('invalid-refresh-token');
		expect(data.session).toBeNull();
		expectAuthError(error, {
			name: 'AuthApiError',
			status: 400,
			code: 'refresh_token_not_found',
			message: 'Invalid Refresh Token: Refresh Token Not Found'
		});
	});
});
