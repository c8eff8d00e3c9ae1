// Conformance: POST /auth/v1/signup through supabase-js `auth.signUp`, as Supabase Auth answers it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	admin,
	authFetch,
	client,
	createConfirmedUser,
	decodeJwt,
	expectAuthError,
	ISO_DATE,
	mailCode,
	mailLink,
	mailsTo,
	mailTokenHash,
	newEmail,
	newPassword,
	nextMail,
	type Runtime,
	SITE_URL,
	sleep,
	startRuntime,
	tokenHash,
	UUID
} from './helpers.ts';

describe('sign-up with e-mail confirmations on (config.toml)', () => {
	let rt: Runtime;
	beforeAll(async () => {
		rt = await startRuntime();
	});
	afterAll(async () => {
		await rt?.stop();
	});

	// Source: auth-js test/clientWithAutoConfirmDisabled.test.ts ('signUp()': session null, user with
	// confirmation_sent_at, no email_confirmed_at / last_sign_in_at, phone ''); supabase/auth
	// internal/api/signup.go (Signup answers the user when the mailer does not autoconfirm) and
	// internal/models/user.go NewUser (the address is stored lower-cased).
	it('returns the unconfirmed user and no session', async () => {
		const email = `Mixed-${crypto.randomUUID()}@Example.COM`;
		const { data, error } = await client(rt).auth.signUp({ email, password: newPassword() });
		expect(error).toBeNull();
		expect(data.session).toBeNull();
		const user = data.user!;
		expect(user.id).toMatch(UUID);
		expect(user).toMatchObject({
			aud: 'authenticated',
			role: 'authenticated',
			email: email.toLowerCase(),
			phone: '',
			app_metadata: { provider: 'email', providers: ['email'] },
			is_anonymous: false
		});
		expect(user.confirmation_sent_at).toMatch(ISO_DATE);
		expect(user.email_confirmed_at).toBeUndefined();
		expect(user.last_sign_in_at).toBeUndefined();
		expect(user.identities).toHaveLength(1);
		expect(user.identities![0]).toMatchObject({
			provider: 'email',
			user_id: user.id,
			identity_data: { email: email.toLowerCase(), sub: user.id }
		});
	});

	// Source: supabase/auth internal/api/signup.go (identity data = sub + email merged with `data`) and
	// internal/models/user.go RemoveUnconfirmedIdentities (an unconfirmed user's user_metadata is
	// replaced by that identity data); auth-js test/GoTrueClient.test.ts ('signUp() with email and
	// options': user_metadata contains the data passed).
	it('stores options.data in user_metadata next to the identity claims', async () => {
		const email = newEmail();
		const { data, error } = await client(rt).auth.signUp({
			email,
			password: newPassword(),
			options: { data: { display_name: 'Kari', locale: 'en' } }
		});
		expect(error).toBeNull();
		expect(data.user!.user_metadata).toMatchObject({
			display_name: 'Kari',
			locale: 'en',
			email,
			email_verified: false,
			phone_verified: false,
			sub: data.user!.id
		});
	});

	// Source: supabase/auth internal/api/mail.go sendConfirmation (a 6-digit OTP, token hash
	// sha224(email + otp) from internal/crypto GenerateTokenHash, mailed through the confirmation
	// template) and supabase/config.toml [auth.email.template.confirmation] (link to
	// {{ .SiteURL }}/auth/confirm?token_hash={{ .TokenHash }}&type=signup).
	it('mails a 6-digit code and a token_hash link to the new address', async () => {
		const email = newEmail();
		const { error } = await client(rt).auth.signUp({ email, password: newPassword() });
		expect(error).toBeNull();
		const mail = await nextMail(rt, email, 'signup');
		const code = mailCode(mail, email);
		expect(code).toMatch(/^\d{6}$/);
		const link = mailLink(mail)!;
		expect(link.origin).toBe(SITE_URL);
		expect(link.pathname).toMatch(/\/auth\/confirm$/);
		expect(mailTokenHash(mail)).toBe(tokenHash(email, code));
	});

	// Source: supabase/auth internal/api/verify.go (verifyPost → signupVerify: the user is confirmed,
	// the e-mail identity gets email_verified, a session is issued with amr "otp") and
	// internal/models/user.go Confirm (user_metadata.email_verified = true).
	it('confirms the address with verifyOtp({ token_hash, type: "signup" }) and signs in', async () => {
		const email = newEmail();
		const password = newPassword();
		await client(rt).auth.signUp({ email, password });
		const mail = await nextMail(rt, email, 'signup');
		const c = client(rt);
		const { data, error } = await c.auth.verifyOtp({
			token_hash: mailTokenHash(mail),
			type: 'signup'
		});
		expect(error).toBeNull();
		expect(data.session).not.toBeNull();
		expect(data.user!.email_confirmed_at).toMatch(ISO_DATE);
		expect(data.user!.user_metadata).toMatchObject({ email_verified: true });
		expect(decodeJwt(data.session!.access_token).payload.amr.map((a) => a.method)).toEqual(['otp']);
		const { data: fetched } = await c.auth.getUser();
		expect(fetched.user!.identities![0].identity_data).toMatchObject({ email_verified: true });
		const signedIn = await client(rt).auth.signInWithPassword({ email, password });
		expect(signedIn.error).toBeNull();
		expect(signedIn.data.session).not.toBeNull();
	});

	// Source: supabase/auth internal/api/signup.go (UserExistsError with the mailer not autoconfirming:
	// sanitizeUser answers 200 with a fake user — new random id, no identities, role "", the request's
	// data as user_metadata — so that sign-up does not reveal which addresses are registered).
	it('answers a repeated sign-up of a confirmed address with an obfuscated user', async () => {
		const account = await createConfirmedUser(rt);
		const { data, error } = await client(rt).auth.signUp({
			email: account.email,
			password: newPassword(),
			options: { data: { attempt: 2 } }
		});
		expect(error).toBeNull();
		expect(data.session).toBeNull();
		const fake = data.user!;
		expect(fake.id).toMatch(UUID);
		expect(fake.id).not.toBe(account.id);
		expect(fake).toMatchObject({
			email: account.email,
			role: '',
			identities: [],
			user_metadata: { attempt: 2 },
			app_metadata: { provider: 'email', providers: ['email'] }
		});
		expect(fake.email_confirmed_at).toBeUndefined();
		expect(fake.confirmation_sent_at).toMatch(ISO_DATE);
		// the real account is untouched
		const real = await admin(rt).auth.admin.getUserById(account.id);
		expect(real.data.user!.email_confirmed_at).toMatch(ISO_DATE);
		expect(real.data.user!.user_metadata).not.toHaveProperty('attempt');
	});

	// Source: supabase/auth internal/api/password.go checkPasswordStrength (reason "length", message
	// "Password should be at least %d characters.") and internal/api/errors.go (WeakPasswordError →
	// 422 weak_password with weak_password.reasons); auth-js lib/fetch.ts handleError
	// (AuthWeakPasswordError). minimum_password_length = 10 in supabase/config.toml.
	it('refuses a too short password with weak_password 422 and reason "length"', async () => {
		const { data, error } = await client(rt).auth.signUp({
			email: newEmail(),
			password: 'Aa1bcd'
		});
		expect(data.user).toBeNull();
		expectAuthError(error, {
			name: 'AuthWeakPasswordError',
			status: 422,
			code: 'weak_password',
			message: 'Password should be at least 10 characters.'
		});
		expect((error as unknown as { reasons: string[] }).reasons).toEqual(['length']);
	});

	// Source: supabase/auth internal/api/password.go (reason "characters", message listing the
	// required sets joined by ", ") with password_requirements = "lower_upper_letters_digits", which
	// the Supabase CLI (pkg/config auth.go ToChar) turns into
	// "abcdefghijklmnopqrstuvwxyz:ABCDEFGHIJKLMNOPQRSTUVWXYZ:0123456789".
	it('refuses a password without an upper-case letter with reason "characters"', async () => {
		const { error } = await client(rt).auth.signUp({
			email: newEmail(),
			password: 'lowercase-only-123'
		});
		expectAuthError(error, {
			name: 'AuthWeakPasswordError',
			status: 422,
			code: 'weak_password',
			message:
				'Password should contain at least one character of each: abcdefghijklmnopqrstuvwxyz, ABCDEFGHIJKLMNOPQRSTUVWXYZ, 0123456789.'
		});
		expect((error as unknown as { reasons: string[] }).reasons).toEqual(['characters']);
	});

	// Source: supabase/auth internal/api/password.go (all reasons in order, messages joined by " ").
	it('lists every reason when a password breaks several rules', async () => {
		const { error } = await client(rt).auth.signUp({ email: newEmail(), password: 'short' });
		expectAuthError(error, {
			name: 'AuthWeakPasswordError',
			status: 422,
			code: 'weak_password',
			message:
				'Password should be at least 10 characters. Password should contain at least one character of each: abcdefghijklmnopqrstuvwxyz, ABCDEFGHIJKLMNOPQRSTUVWXYZ, 0123456789.'
		});
		expect((error as unknown as { reasons: string[] }).reasons).toEqual(['length', 'characters']);
	});

	// Source: auth-js test/GoTrueClient.test.ts ('fail to signUp() with invalid email':
	// "Unable to validate email address: invalid format"); supabase/auth internal/api/mail.go
	// validateEmail (400 validation_failed, checkmail's "invalid format").
	it('refuses an invalid address with validation_failed 400', async () => {
		const { data, error } = await client(rt).auth.signUp({
			email: 'not-an-email',
			password: newPassword()
		});
		expect(data.user).toBeNull();
		expectAuthError(error, {
			name: 'AuthApiError',
			status: 400,
			code: 'validation_failed',
			message: 'Unable to validate email address: invalid format'
		});
	});

	// Source: supabase/auth internal/api/signup.go validateSignupParams (400 validation_failed
	// "Signup requires a valid password").
	it('refuses an empty password with validation_failed 400', async () => {
		const { error } = await client(rt).auth.signUp({ email: newEmail(), password: '' });
		expectAuthError(error, {
			name: 'AuthApiError',
			status: 400,
			code: 'validation_failed',
			message: 'Signup requires a valid password'
		});
	});
});

describe('sign-up with e-mail confirmations off (autoconfirm)', () => {
	let rt: Runtime;
	beforeAll(async () => {
		rt = await startRuntime({ auth: { enableConfirmations: false } });
	});
	afterAll(async () => {
		await rt?.stop();
	});

	// Source: auth-js test/GoTrueClient.test.ts ('signUp() with email': session and user returned);
	// supabase/auth internal/api/signup.go (Mailer.Autoconfirm: user.Confirm, no mail, then
	// issueRefreshToken with models.PasswordGrant → amr "password").
	it('returns a session for the confirmed user and sends no mail', async () => {
		const email = newEmail();
		const { data, error } = await client(rt).auth.signUp({ email, password: newPassword() });
		expect(error).toBeNull();
		const session = data.session!;
		expect(session).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
		expect(typeof session.refresh_token).toBe('string');
		expect(data.user!.email).toBe(email);
		expect(data.user!.email_confirmed_at).toMatch(ISO_DATE);
		const claims = decodeJwt(session.access_token).payload;
		expect(claims.sub).toBe(data.user!.id);
		expect(claims.amr.map((a) => a.method)).toEqual(['password']);
		await sleep(500);
		expect(mailsTo(rt, email)).toHaveLength(0);
	});

	// Source: auth-js test/GoTrueClient.test.ts ('signUp() the same user twice should not share email
	// already registered message': /^User already registered/); supabase/auth internal/api/signup.go
	// (with autoconfirm: 422 user_already_exists "User already registered").
	it('refuses a repeated sign-up with user_already_exists 422', async () => {
		const email = newEmail();
		const password = newPassword();
		expect((await client(rt).auth.signUp({ email, password })).error).toBeNull();
		const { data, error } = await client(rt).auth.signUp({ email, password });
		expect(data.session).toBeNull();
		expect(data.user).toBeNull();
		expectAuthError(error, {
			name: 'AuthApiError',
			status: 422,
			code: 'user_already_exists',
			message: 'User already registered'
		});
	});

	// Source: supabase/auth internal/api/settings.go (mailer_autoconfirm = Mailer.Autoconfirm).
	it('reports mailer_autoconfirm true in GET /settings', async () => {
		const res = await authFetch(rt, '/settings');
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ mailer_autoconfirm: true, disable_signup: false });
	});
});

describe('sign-ups disabled', () => {
	let rt: Runtime;
	beforeAll(async () => {
		rt = await startRuntime({ auth: { enableSignup: false } });
	});
	afterAll(async () => {
		await rt?.stop();
	});

	// Source: auth-js test/GoTrueClient.test.ts ('Sign Up Disabled': "Signups not allowed for this
	// instance"); supabase/auth internal/api/signup.go (422 signup_disabled).
	it('refuses signUp with signup_disabled 422', async () => {
		const { data, error } = await client(rt).auth.signUp({
			email: newEmail(),
			password: newPassword()
		});
		expect(data.user).toBeNull();
		expectAuthError(error, {
			name: 'AuthApiError',
			status: 422,
			code: 'signup_disabled',
			message: 'Signups not allowed for this instance'
		});
	});

	// Source: supabase/auth internal/api/magic_link.go (an unknown address goes through Signup, which
	// refuses with 422 signup_disabled when sign-ups are disabled).
	it('refuses signInWithOtp for an unknown address with signup_disabled 422', async () => {
		const { error } = await client(rt).auth.signInWithOtp({ email: newEmail() });
		expectAuthError(error, {
			name: 'AuthApiError',
			status: 422,
			code: 'signup_disabled',
			message: 'Signups not allowed for this instance'
		});
	});

	// Source: supabase/auth internal/api/admin.go adminUserCreate (no DisableSignup check: the admin
	// API still creates users) and internal/api/settings.go (disable_signup).
	it('still lets the admin API create users and reports disable_signup', async () => {
		const account = await createConfirmedUser(rt);
		expect(account.id).toMatch(UUID);
		const res = await authFetch(rt, '/settings');
		expect(res.body).toMatchObject({ disable_signup: true });
	});
});
