// Conformance: POST /auth/v1/otp (signInWithOtp), POST /auth/v1/verify (verifyOtp) and the implicit
// flow of GET /auth/v1/verify (mail links with redirect_to).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	authFetch,
	client,
	createConfirmedUser,
	decodeJwt,
	expectAuthError,
	ISO_DATE,
	mailCode,
	mailTokenHash,
	newEmail,
	nextMail,
	REDIRECT_TO,
	type Runtime,
	SITE_URL,
	sleep,
	startRuntime,
	tokenHash,
	verifyLink
} from './helpers.ts';

const tokenInvalid = {
	name: 'AuthApiError',
	status: 403,
	code: 'otp_expired',
	message: 'Token has expired or is invalid'
};
const linkInvalid = {
	name: 'AuthApiError',
	status: 403,
	code: 'otp_expired',
	message: 'Email link is invalid or has expired'
};

describe('e-mail OTP and magic links', () => {
	let rt: Runtime;
	beforeAll(async () => {
		rt = await startRuntime();
	});
	afterAll(async () => {
		await rt?.stop();
	});

	/** Sends a magic link to a confirmed user and returns the user and the mail. */
	async function magicLink() {
		const account = await createConfirmedUser(rt);
		const { error } = await client(rt).auth.signInWithOtp({
			email: account.email,
			options: { shouldCreateUser: false, emailRedirectTo: REDIRECT_TO }
		});
		expect(error).toBeNull();
		const mail = await nextMail(rt, account.email, 'magiclink');
		return { account, mail, code: mailCode(mail, account.email), hash: mailTokenHash(mail) };
	}

	// Source: auth-js test/GoTrueClient.test.ts ('signInWithOtp() for email': user and session null);
	// supabase/auth internal/api/magic_link.go + mail.go sendMagicLink (a confirmed user gets the magic
	// link mail with a 6-digit OTP; the recovery token is sha224(email + otp)).
	it('mails a magic link with a 6-digit code to a confirmed user', async () => {
		const account = await createConfirmedUser(rt);
		const { data, error } = await client(rt).auth.signInWithOtp({ email: account.email });
		expect(error).toBeNull();
		expect(data).toMatchObject({ user: null, session: null });
		const mail = await nextMail(rt, account.email, 'magiclink');
		const code = mailCode(mail, account.email);
		expect(code).toMatch(/^\d{6}$/);
		expect(mailTokenHash(mail)).toBe(tokenHash(account.email, code));
	});

	// Source: Supabase docs https://supabase.com/docs/reference/javascript/auth-verifyotp ("Verify
	// Signup One-Time Password (OTP)": verifyOtp({ email, token, type: 'email' })); supabase/auth
	// internal/api/verify.go verifyUserAndToken (type "email" matches the confirmation or the recovery
	// token) and verifyPost (session with amr "otp").
	it('signs in with verifyOtp({ email, token, type: "email" })', async () => {
		const { account, code } = await magicLink();
		const { data, error } = await client(rt).auth.verifyOtp({
			email: account.email,
			token: code,
			type: 'email'
		});
		expect(error).toBeNull();
		expect(data.user!.id).toBe(account.id);
		expect(data.session!.token_type).toBe('bearer');
		const claims = decodeJwt(data.session!.access_token).payload;
		expect(claims.sub).toBe(account.id);
		expect(claims.amr.map((a) => a.method)).toEqual(['otp']);
	});

	// Source: Supabase docs https://supabase.com/docs/reference/javascript/auth-verifyotp ("Verify
	// Email Auth (Token Hash)": verifyOtp({ token_hash, type: 'email' })); supabase/auth
	// internal/api/verify.go verifyTokenHash (type "email" looks up confirmation and recovery tokens).
	it('signs in with verifyOtp({ token_hash, type: "email" }) from the link', async () => {
		const { account, hash } = await magicLink();
		const { data, error } = await client(rt).auth.verifyOtp({ token_hash: hash, type: 'email' });
		expect(error).toBeNull();
		expect(data.user!.id).toBe(account.id);
		expect(data.session).not.toBeNull();
	});

	// Source: supabase/auth internal/api/magic_link.go (an unknown address is signed up — the
	// confirmation mail doubles as the magic link) and internal/api/verify.go (verifying its code
	// confirms the address); auth-js test/GoTrueClient.test.ts ('signInWithOtp() for email' with data).
	it('signs up an unknown address, which the code then confirms', async () => {
		const email = newEmail();
		const { error } = await client(rt).auth.signInWithOtp({
			email,
			options: { data: { locale: 'en' } }
		});
		expect(error).toBeNull();
		const mail = await nextMail(rt, email, 'signup');
		const { data, error: verifyError } = await client(rt).auth.verifyOtp({
			email,
			token: mailCode(mail, email),
			type: 'email'
		});
		expect(verifyError).toBeNull();
		expect(data.user!.email).toBe(email);
		expect(data.user!.email_confirmed_at).toMatch(ISO_DATE);
		expect(data.user!.user_metadata).toMatchObject({ locale: 'en' });
	});

	// Source: auth-js test/GoTrueApi.test.ts ('verifyOtp() with non-existent phone number': 403 "Token
	// has expired or is invalid"); supabase/auth internal/api/verify.go verifyUserAndToken (403
	// otp_expired).
	it('refuses a wrong code with otp_expired 403', async () => {
		const { account, code } = await magicLink();
		const wrong = code === '000000' ? '111111' : '000000';
		const { data, error } = await client(rt).auth.verifyOtp({
			email: account.email,
			token: wrong,
			type: 'email'
		});
		expect(data.session).toBeNull();
		expectAuthError(error, tokenInvalid);
	});

	// Source: supabase/auth internal/api/verify.go recoverVerify → internal/models/user.go Recover (the
	// token is cleared once used, so the same code answers 403 otp_expired).
	it('refuses a code that was already used', async () => {
		const { account, code } = await magicLink();
		const first = await client(rt).auth.verifyOtp({
			email: account.email,
			token: code,
			type: 'email'
		});
		expect(first.error).toBeNull();
		const again = await client(rt).auth.verifyOtp({
			email: account.email,
			token: code,
			type: 'email'
		});
		expectAuthError(again.error, tokenInvalid);
	});

	// Source: supabase/auth internal/api/verify.go verifyTokenHash (unknown hash: 403 otp_expired
	// "Email link is invalid or has expired").
	it('refuses an unknown token_hash with otp_expired 403', async () => {
		const { error } = await client(rt).auth.verifyOtp({
			token_hash: tokenHash(newEmail(), '123456'),
			type: 'magiclink'
		});
		expectAuthError(error, linkInvalid);
	});

	// Source: supabase/auth internal/api/otp.go shouldCreateUser (create_user false and no such user:
	// 422 otp_disabled "Signups not allowed for otp").
	it('refuses shouldCreateUser: false for an unknown address with otp_disabled 422', async () => {
		const email = newEmail();
		const { error } = await client(rt).auth.signInWithOtp({
			email,
			options: { shouldCreateUser: false }
		});
		expectAuthError(error, {
			name: 'AuthApiError',
			status: 422,
			code: 'otp_disabled',
			message: 'Signups not allowed for otp'
		});
	});

	// Source: auth-js test/GoTrueClient.test.ts ('should handle signInWithOtp with invalid email');
	// supabase/auth internal/api/magic_link.go Validate → mail.go validateEmail (400 validation_failed).
	it('refuses an invalid address with validation_failed 400', async () => {
		const { error } = await client(rt).auth.signInWithOtp({ email: 'not-an-email' });
		expectAuthError(error, {
			name: 'AuthApiError',
			status: 400,
			code: 'validation_failed',
			message: 'Unable to validate email address: invalid format'
		});
	});

	// Source: supabase/auth internal/api/verify.go verifyGet (implicit flow: 303 See Other to
	// redirect_to with the session in the fragment, plus type) and internal/tokens/service.go
	// AsRedirectURL (access_token, token_type, expires_in, expires_at, refresh_token).
	it('redirects a magic link (GET /verify) to redirect_to with the tokens in the fragment', async () => {
		const { account, hash } = await magicLink();
		const res = await verifyLink(rt, hash, 'magiclink', REDIRECT_TO);
		expect(res.status).toBe(303);
		const location = new URL(res.location!);
		expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_TO);
		expect(location.search).toBe('');
		const fragment = Object.fromEntries(new URLSearchParams(location.hash.slice(1)));
		expect(fragment).toMatchObject({ token_type: 'bearer', expires_in: '3600', type: 'magiclink' });
		expect(Number(fragment.expires_at)).toBeGreaterThan(Date.now() / 1000);
		expect(fragment.refresh_token).toBeTruthy();
		expect(decodeJwt(fragment.access_token).payload.sub).toBe(account.id);
		const { data, error } = await client(rt).auth.getUser(fragment.access_token);
		expect(error).toBeNull();
		expect(data.user!.id).toBe(account.id);
	});

	// Source: supabase/auth internal/api/verify.go prepErrorRedirectURL (implicit flow: the error goes in
	// the fragment only — error=access_denied for a 403, error_code, error_description).
	it('redirects an invalid link to redirect_to with the error in the fragment', async () => {
		const res = await verifyLink(rt, tokenHash(newEmail(), '000000'), 'magiclink', REDIRECT_TO);
		expect(res.status).toBe(303);
		const location = new URL(res.location!);
		expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_TO);
		expect(location.search).toBe('');
		expect(Object.fromEntries(new URLSearchParams(location.hash.slice(1)))).toMatchObject({
			error: 'access_denied',
			error_code: 'otp_expired',
			error_description: 'Email link is invalid or has expired'
		});
	});

	// Source: supabase/auth internal/utilities/request.go GetReferrer / IsRedirectURLValid (a
	// redirect_to on another host, not in additional_redirect_urls, falls back to site_url).
	it('ignores a redirect_to outside the allow list and uses site_url', async () => {
		const { hash } = await magicLink();
		const res = await verifyLink(rt, hash, 'magiclink', 'https://evil.example/steal');
		expect(res.status).toBe(303);
		expect(res.location!.startsWith(SITE_URL)).toBe(true);
		expect(new URL(res.location!).hostname).toBe('localhost');
		expect(res.location).toContain('access_token=');
	});

	// Source: supabase/auth internal/api/verify.go Validate (POST /verify needs a type: 400
	// validation_failed "Verify requires a verification type").
	it('refuses POST /verify without a type with validation_failed 400', async () => {
		const res = await authFetch(rt, '/verify', { body: { token_hash: 'abc' } });
		expect(res.status).toBe(400);
		expect(res.body).toEqual({
			code: 'validation_failed',
			message: 'Verify requires a verification type'
		});
	});
});

describe('expired e-mail OTPs (otp_expiry = 1 s)', () => {
	let rt: Runtime;
	beforeAll(async () => {
		rt = await startRuntime({ auth: { otpExpiry: 1 } });
	});
	afterAll(async () => {
		await rt?.stop();
	});

	async function expiredMagicLink() {
		const account = await createConfirmedUser(rt);
		expect(
			(
				await client(rt).auth.signInWithOtp({
					email: account.email,
					options: { shouldCreateUser: false }
				})
			).error
		).toBeNull();
		const mail = await nextMail(rt, account.email, 'magiclink');
		await sleep(2_500);
		return { account, mail };
	}

	// Source: supabase/auth internal/api/verify.go isOtpValid / isOtpExpired (sent_at + otp_expiry in
	// the past: 403 otp_expired "Token has expired or is invalid").
	it('refuses an expired code with otp_expired 403', async () => {
		const { account, mail } = await expiredMagicLink();
		const { data, error } = await client(rt).auth.verifyOtp({
			email: account.email,
			token: mailCode(mail, account.email),
			type: 'email'
		});
		expect(data.session).toBeNull();
		expectAuthError(error, tokenInvalid);
	});

	// Source: supabase/auth internal/api/verify.go verifyTokenHash (expired link: 403 otp_expired "Email
	// link is invalid or has expired").
	it('refuses an expired token_hash with otp_expired 403', async () => {
		const { mail } = await expiredMagicLink();
		const { error } = await client(rt).auth.verifyOtp({
			token_hash: mailTokenHash(mail),
			type: 'magiclink'
		});
		expectAuthError(error, linkInvalid);
	});
});
