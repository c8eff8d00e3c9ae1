// Conformance: POST /auth/v1/token?grant_type=password through supabase-js `signInWithPassword`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	admin,
	client,
	createConfirmedUser,
	expectAuthError,
	ISO_DATE,
	newEmail,
	newPassword,
	type Runtime,
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

const invalidCredentials = {
	name: 'AuthApiError',
	status: 400,
	code: 'invalid_credentials',
	message: 'Invalid login credentials'
};

describe('signInWithPassword', () => {
	// Source: auth-js test/GoTrueClient.test.ts ('signInWithPassword() for email': session with
	// access_token, refresh_token, expires_in, expires_at and a user with email_confirmed_at and
	// last_sign_in_at); supabase/auth internal/tokens/service.go IssueRefreshToken (token_type
	// "bearer", expires_in = jwt_expiry, expires_at = exp claim).
	it('returns a session and the user', async () => {
		const account = await createConfirmedUser(rt);
		const before = Math.floor(Date.now() / 1000);
		const { data, error } = await client(rt).auth.signInWithPassword({
			email: account.email,
			password: account.password
		});
		expect(error).toBeNull();
		const session = data.session!;
		expect(session.token_type).toBe('bearer');
		expect(session.expires_in).toBe(3600);
		expect(session.expires_at).toBeGreaterThanOrEqual(before + 3600);
		expect(session.expires_at).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 3601);
		expect(session.access_token.split('.')).toHaveLength(3);
		expect(session.refresh_token.length).toBeGreaterThanOrEqual(12);
		expect(data.user).toMatchObject({
			id: account.id,
			aud: 'authenticated',
			role: 'authenticated',
			email: account.email,
			app_metadata: { provider: 'email', providers: ['email'] }
		});
		expect(data.user!.id).toMatch(UUID);
		expect(data.user!.email_confirmed_at).toMatch(ISO_DATE);
		expect(data.user!.last_sign_in_at).toMatch(ISO_DATE);
		expect(session.user.id).toBe(account.id);
		expect(data).not.toHaveProperty('weakPassword');
	});

	// Source: supabase/auth internal/api/token.go ResourceOwnerPasswordGrant (400 invalid_credentials
	// "Invalid login credentials" when the password does not match); docs
	// https://supabase.com/docs/guides/auth/debugging/error-codes (invalid_credentials).
	it('refuses a wrong password with invalid_credentials 400', async () => {
		const account = await createConfirmedUser(rt);
		const { data, error } = await client(rt).auth.signInWithPassword({
			email: account.email,
			password: `${account.password}-wrong`
		});
		expect(data.session).toBeNull();
		expectAuthError(error, invalidCredentials);
	});

	// Source: supabase/auth internal/api/token.go (an unknown address answers exactly like a wrong
	// password: 400 invalid_credentials); auth-js test/GoTrueApi.test.ts ('signInWithPhone() without an
	// account': 400 "Invalid login credentials").
	it('refuses an unknown address with the same invalid_credentials 400', async () => {
		const { data, error } = await client(rt).auth.signInWithPassword({
			email: newEmail('nobody'),
			password: newPassword()
		});
		expect(data.user).toBeNull();
		expectAuthError(error, invalidCredentials);
	});

	// Source: supabase/auth internal/api/token.go (after a correct password, an unconfirmed address
	// gets 400 email_not_confirmed "Email not confirmed"); auth-js
	// test/clientWithAutoConfirmDisabled.test.ts ('signIn()': "Email not confirmed").
	it('refuses an unconfirmed address with email_not_confirmed 400', async () => {
		const email = newEmail();
		const password = newPassword();
		expect((await client(rt).auth.signUp({ email, password })).error).toBeNull();
		const { data, error } = await client(rt).auth.signInWithPassword({ email, password });
		expect(data.session).toBeNull();
		expectAuthError(error, {
			name: 'AuthApiError',
			status: 400,
			code: 'email_not_confirmed',
			message: 'Email not confirmed'
		});
	});

	// Source: supabase/auth internal/api/token.go (the password is checked before the confirmation,
	// so a wrong password on an unconfirmed address is invalid_credentials, not email_not_confirmed).
	it('checks the password before the confirmation', async () => {
		const email = newEmail();
		expect((await client(rt).auth.signUp({ email, password: newPassword() })).error).toBeNull();
		const { error } = await client(rt).auth.signInWithPassword({
			email,
			password: newPassword()
		});
		expectAuthError(error, invalidCredentials);
	});

	// Source: supabase/auth internal/models/user.go FindUserByEmailAndAudience
	// (LOWER(email) = strings.ToLower(email)).
	it('matches the address case-insensitively', async () => {
		const account = await createConfirmedUser(rt);
		const { data, error } = await client(rt).auth.signInWithPassword({
			email: account.email.toUpperCase(),
			password: account.password
		});
		expect(error).toBeNull();
		expect(data.user!.id).toBe(account.id);
	});

	// Source: supabase/auth internal/api/token.go (a correct password that fails today's strength rules
	// still signs in, with weak_password { message, reasons } in the answer) and admin.go
	// adminUserCreate (no strength check); auth-js lib/fetch.ts _sessionResponsePassword and
	// GoTrueClient.signInWithPassword (data.weakPassword).
	it('signs in with a password that breaks the rules and reports weakPassword', async () => {
		const email = newEmail();
		const created = await admin(rt).auth.admin.createUser({
			email,
			password: 'password',
			email_confirm: true
		});
		expect(created.error).toBeNull();
		const { data, error } = await client(rt).auth.signInWithPassword({
			email,
			password: 'password'
		});
		expect(error).toBeNull();
		expect(data.session).not.toBeNull();
		expect((data as { weakPassword?: unknown }).weakPassword).toEqual({
			reasons: ['length', 'characters'],
			message:
				'Password should be at least 10 characters. Password should contain at least one character of each: abcdefghijklmnopqrstuvwxyz, ABCDEFGHIJKLMNOPQRSTUVWXYZ, 0123456789.'
		});
	});
});
