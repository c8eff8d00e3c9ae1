// Conformance: POST /auth/v1/recover (resetPasswordForEmail), verifyOtp type "recovery" and the
// password change that follows (PUT /auth/v1/user with a password).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	client,
	createConfirmedUser,
	decodeJwt,
	expectAuthError,
	mailCode,
	mailsTo,
	mailTokenHash,
	newEmail,
	newPassword,
	nextMail,
	REDIRECT_TO,
	type Runtime,
	signIn,
	sleep,
	startRuntime,
	tokenHash
} from './helpers.ts';

let rt: Runtime;
beforeAll(async () => {
	rt = await startRuntime();
});
afterAll(async () => {
	await rt?.stop();
});

async function requestRecovery() {
	const account = await createConfirmedUser(rt);
	const { data, error } = await client(rt).auth.resetPasswordForEmail(account.email, {
		redirectTo: REDIRECT_TO
	});
	expect(error).toBeNull();
	expect(data).toEqual({});
	const mail = await nextMail(rt, account.email, 'recovery');
	return { account, mail, code: mailCode(mail, account.email) };
}

describe('password recovery', () => {
	// Source: auth-js test/GoTrueClient.test.ts ('resetPasswordForEmail() sends an email for password
	// recovery'); supabase/auth internal/api/recover.go (200 {}) and internal/api/mail.go
	// sendPasswordRecovery (6-digit OTP, recovery token sha224(email + otp)).
	it('mails a recovery code and link', async () => {
		const { account, mail, code } = await requestRecovery();
		expect(code).toMatch(/^\d{6}$/);
		expect(mailTokenHash(mail)).toBe(tokenHash(account.email, code));
	});

	// Source: auth-js test/GoTrueClient.test.ts ('resetPasswordForEmail() if user does not exist, user
	// details are not exposed': data {} and no error); supabase/auth internal/api/recover.go (unknown
	// address: 200 {} and nothing sent).
	it('answers an unknown address like a known one and sends nothing', async () => {
		const email = newEmail('nobody');
		const { data, error } = await client(rt).auth.resetPasswordForEmail(email);
		expect(error).toBeNull();
		expect(data).toEqual({});
		await sleep(500);
		expect(mailsTo(rt, email)).toHaveLength(0);
	});

	// Source: supabase/auth internal/api/verify.go (type "recovery": recoverVerify and a session) and
	// internal/api/user.go UserUpdate (the new password is set); internal/api/token.go (the old password
	// then gives invalid_credentials).
	it('verifies the code with type "recovery" and lets the user set a new password', async () => {
		const { account, code } = await requestRecovery();
		const c = client(rt);
		const verified = await c.auth.verifyOtp({
			email: account.email,
			token: code,
			type: 'recovery'
		});
		expect(verified.error).toBeNull();
		expect(verified.data.user!.id).toBe(account.id);
		expect(decodeJwt(verified.data.session!.access_token).payload.amr.map((a) => a.method)).toEqual(
			['otp']
		);
		const password = newPassword();
		const updated = await c.auth.updateUser({ password });
		expect(updated.error).toBeNull();
		expect(updated.data.user!.id).toBe(account.id);
		const withNew = await client(rt).auth.signInWithPassword({ email: account.email, password });
		expect(withNew.error).toBeNull();
		const withOld = await client(rt).auth.signInWithPassword({
			email: account.email,
			password: account.password
		});
		expectAuthError(withOld.error, {
			name: 'AuthApiError',
			status: 400,
			code: 'invalid_credentials',
			message: 'Invalid login credentials'
		});
	});

	// Source: Supabase docs https://supabase.com/docs/reference/javascript/auth-verifyotp (token_hash
	// with a type); supabase/auth internal/api/verify.go verifyTokenHash (type "recovery").
	it('verifies the link with verifyOtp({ token_hash, type: "recovery" })', async () => {
		const { account, mail } = await requestRecovery();
		const { data, error } = await client(rt).auth.verifyOtp({
			token_hash: mailTokenHash(mail),
			type: 'recovery'
		});
		expect(error).toBeNull();
		expect(data.user!.id).toBe(account.id);
		expect(data.session).not.toBeNull();
	});
});

describe('password change (updateUser({ password }))', () => {
	// Source: supabase/auth internal/api/user.go UserUpdate (422 same_password "New password should be
	// different from the old password.").
	it('refuses the current password with same_password 422', async () => {
		const account = await createConfirmedUser(rt);
		const { client: c } = await signIn(rt, account);
		const { error } = await c.auth.updateUser({ password: account.password });
		expectAuthError(error, {
			name: 'AuthApiError',
			status: 422,
			code: 'same_password',
			message: 'New password should be different from the old password.'
		});
	});

	// Source: supabase/auth internal/api/user.go validateUserUpdateParams (checkPasswordStrength: 422
	// weak_password with reasons); auth-js lib/fetch.ts (AuthWeakPasswordError).
	it('refuses a weak new password with weak_password 422', async () => {
		const account = await createConfirmedUser(rt);
		const { client: c } = await signIn(rt, account);
		const { error } = await c.auth.updateUser({ password: 'Aa1' });
		expectAuthError(error, {
			name: 'AuthWeakPasswordError',
			status: 422,
			code: 'weak_password',
			message: 'Password should be at least 10 characters.'
		});
		expect((error as unknown as { reasons: string[] }).reasons).toEqual(['length']);
	});

	// Source: supabase/auth internal/models/user.go UpdatePassword (a password change through a session
	// logs out every other session of the user — LogoutAllExceptMe — and keeps the current one).
	it('signs the other sessions out and keeps the current one', async () => {
		const account = await createConfirmedUser(rt);
		const current = await signIn(rt, account);
		const other = await signIn(rt, account);
		expect((await current.client.auth.updateUser({ password: newPassword() })).error).toBeNull();
		const otherRefresh = await client(rt).auth.refreshSession({
			refresh_token: other.session.refresh_token
		});
		expectAuthError(otherRefresh.error, {
			name: 'AuthApiError',
			status: 400,
			code: 'refresh_token_not_found',
			message: 'Invalid Refresh Token: Refresh Token Not Found'
		});
		const currentRefresh = await client(rt).auth.refreshSession({
			refresh_token: current.session.refresh_token
		});
		expect(currentRefresh.error).toBeNull();
	});
});
