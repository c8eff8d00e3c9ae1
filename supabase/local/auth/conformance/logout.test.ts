// Conformance: POST /auth/v1/logout?scope=global|local|others through supabase-js `signOut`, and what
// the tokens of a signed-out session get afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	authFetch,
	client,
	createConfirmedUser,
	expectAuthError,
	type Runtime,
	signIn,
	startRuntime
} from './helpers.ts';

let rt: Runtime;
beforeAll(async () => {
	rt = await startRuntime();
});
afterAll(async () => {
	await rt?.stop();
});

const refreshNotFound = {
	name: 'AuthApiError',
	status: 400,
	code: 'refresh_token_not_found',
	message: 'Invalid Refresh Token: Refresh Token Not Found'
};

/** Two sessions of one user, each on its own client. */
async function twoSessions() {
	const account = await createConfirmedUser(rt);
	return { account, a: await signIn(rt, account), b: await signIn(rt, account) };
}

function refreshWith(refreshToken: string) {
	return client(rt).auth.refreshSession({ refresh_token: refreshToken });
}

describe('signOut', () => {
	// Source: auth-js test/GoTrueClient.test.ts ('signOut': error null, then getUser gives no user);
	// supabase/auth internal/api/logout.go (default scope "global": models.Logout deletes every session
	// of the user, 204) and internal/tokens/service.go (the refresh tokens are then not found).
	it('global: ends every session of the user', async () => {
		const { a, b } = await twoSessions();
		const { error } = await a.client.auth.signOut();
		expect(error).toBeNull();
		expect((await a.client.auth.getSession()).data.session).toBeNull();
		expectAuthError((await refreshWith(a.session.refresh_token)).error, refreshNotFound);
		expectAuthError((await refreshWith(b.session.refresh_token)).error, refreshNotFound);
	});

	// Source: supabase/auth internal/api/logout.go (scope "local": models.LogoutSession of the current
	// session only).
	it('local: ends only the current session', async () => {
		const { a, b } = await twoSessions();
		expect((await a.client.auth.signOut({ scope: 'local' })).error).toBeNull();
		expectAuthError((await refreshWith(a.session.refresh_token)).error, refreshNotFound);
		expect((await refreshWith(b.session.refresh_token)).error).toBeNull();
	});

	// Source: supabase/auth internal/api/logout.go (scope "others": models.LogoutAllExceptMe); auth-js
	// GoTrueClient._signOut (the local session is kept for "others").
	it('others: ends every other session and keeps the current one', async () => {
		const { a, b } = await twoSessions();
		expect((await a.client.auth.signOut({ scope: 'others' })).error).toBeNull();
		expect((await a.client.auth.getSession()).data.session).not.toBeNull();
		expectAuthError((await refreshWith(b.session.refresh_token)).error, refreshNotFound);
		expect((await refreshWith(a.session.refresh_token)).error).toBeNull();
	});

	// Source: supabase/auth internal/api/logout.go (204 No Content, empty body).
	it('answers 204 with no body', async () => {
		const { session } = await signIn(rt, await createConfirmedUser(rt));
		const res = await authFetch(rt, '/logout?scope=global', {
			method: 'POST',
			token: session.access_token
		});
		expect(res.status).toBe(204);
		expect(res.body).toBeNull();
	});

	// Source: supabase/auth internal/api/logout.go (400 validation_failed `Unsupported logout scope
	// "…"`); auth-js GoTrueAdminApi.signOut checks the scope before sending, so this goes over HTTP.
	it('refuses an unknown scope with validation_failed 400', async () => {
		const { session } = await signIn(rt, await createConfirmedUser(rt));
		const res = await authFetch(rt, '/logout?scope=everywhere', {
			method: 'POST',
			token: session.access_token
		});
		expect(res.status).toBe(400);
		expect(res.body).toEqual({
			code: 'validation_failed',
			message: 'Unsupported logout scope "everywhere"'
		});
	});
});

describe('tokens of a signed-out session', () => {
	// Source: supabase/auth internal/api/auth.go maybeLoadUserOrSession (the session_id claim names no
	// session: 403 session_not_found "Session from session_id claim in JWT does not exist"); docs
	// https://supabase.com/docs/guides/auth/debugging/error-codes (session_not_found).
	it('answers the access token with session_not_found 403', async () => {
		const { a } = await twoSessions();
		await a.client.auth.signOut({ scope: 'local' });
		const res = await authFetch(rt, '/user', { token: a.session.access_token });
		expect(res.status).toBe(403);
		expect(res.body).toEqual({
			code: 'session_not_found',
			message: 'Session from session_id claim in JWT does not exist'
		});
	});

	// Source: auth-js lib/fetch.ts handleError (a session_not_found answer becomes
	// AuthSessionMissingError, "Auth session missing!", status 400) over supabase/auth
	// internal/api/auth.go (403 session_not_found).
	it('makes getUser(jwt) fail with AuthSessionMissingError', async () => {
		const { a } = await twoSessions();
		await a.client.auth.signOut({ scope: 'local' });
		const { data, error } = await client(rt).auth.getUser(a.session.access_token);
		expect(data.user).toBeNull();
		expectAuthError(error, {
			name: 'AuthSessionMissingError',
			status: 400,
			code: undefined,
			message: 'Auth session missing!'
		});
	});

	// Source: supabase/auth internal/api/logout.go runs behind requireAuthentication (auth.go), so a
	// second sign-out with the same token gets 403 session_not_found; auth-js GoTrueClient._signOut
	// treats 401/403/404 as already signed out and returns no error.
	it('answers a second sign-out with session_not_found 403, which signOut ignores', async () => {
		const { a } = await twoSessions();
		const first = await authFetch(rt, '/logout?scope=local', {
			method: 'POST',
			token: a.session.access_token
		});
		expect(first.status).toBe(204);
		const second = await authFetch(rt, '/logout?scope=local', {
			method: 'POST',
			token: a.session.access_token
		});
		expect(second.status).toBe(403);
		expect(second.body).toMatchObject({ code: 'session_not_found' });
		// the client still holds the ended session; its signOut sends the stale token and succeeds
		expect((await a.client.auth.signOut()).error).toBeNull();
		expect((await a.client.auth.getSession()).data.session).toBeNull();
	});
});
