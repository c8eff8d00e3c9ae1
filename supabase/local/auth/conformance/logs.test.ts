// Conformance: nothing secret reaches the runtime's log. Supabase Auth's request log records the
// method, the path without its query string, the client address, the referer and a request id —
// never request bodies, tokens or codes (supabase/auth internal/observability/request-logger.go
// NewLogEntry: "path": r.URL.Path) — and its error log lines carry the error messages, which never
// contain the submitted secrets (internal/api/errors.go HandleResponseError).
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
	admin,
	client,
	createConfirmedUser,
	mailCode,
	mailTokenHash,
	newEmail,
	newPassword,
	nextMail,
	REDIRECT_TO,
	type Runtime,
	signIn,
	startRuntime,
	totp,
	verifyLink,
	wrongTotp
} from './helpers.ts';

let rt: Runtime;
beforeAll(async () => {
	rt = await startRuntime();
});
afterAll(async () => {
	await rt?.stop();
});

// Source: supabase/auth internal/observability/request-logger.go (request log: method, path without
// query, remote_addr, referer, request_id) and internal/api/errors.go (error lines log the error, not
// the request); the brief's requirement that no password, token, OTP, token hash or TOTP secret is
// ever logged.
it('logs no password, token, code, token hash or TOTP secret of sign-up, sign-in, OTP, recovery and MFA flows', async () => {
	const secrets: string[] = [];
	const codes: string[] = [];
	const keepSession = (session: { access_token: string; refresh_token: string } | null) => {
		if (!session) return;
		secrets.push(session.access_token, session.access_token.split('.')[2], session.refresh_token);
	};

	// sign-up with confirmation by code, a wrong password, then sign-in and refresh
	const email = newEmail();
	const password = newPassword();
	secrets.push(password);
	expect((await client(rt).auth.signUp({ email, password })).error).toBeNull();
	const signupMail = await nextMail(rt, email, 'signup');
	const signupCode = mailCode(signupMail, email);
	codes.push(signupCode);
	secrets.push(mailTokenHash(signupMail));
	const confirmed = await client(rt).auth.verifyOtp({ email, token: signupCode, type: 'email' });
	expect(confirmed.error).toBeNull();
	keepSession(confirmed.data.session);
	const wrongPassword = newPassword();
	secrets.push(wrongPassword);
	expect(
		(await client(rt).auth.signInWithPassword({ email, password: wrongPassword })).error
	).not.toBeNull();
	const signedIn = await client(rt).auth.signInWithPassword({ email, password });
	expect(signedIn.error).toBeNull();
	keepSession(signedIn.data.session);
	const refreshed = await client(rt).auth.refreshSession({
		refresh_token: signedIn.data.session!.refresh_token
	});
	keepSession(refreshed.data.session);

	// magic link by GET /verify (token in the query string) and by code
	const otpUser = await createConfirmedUser(rt);
	secrets.push(otpUser.password);
	await client(rt).auth.signInWithOtp({
		email: otpUser.email,
		options: { emailRedirectTo: REDIRECT_TO }
	});
	const otpMail = await nextMail(rt, otpUser.email, 'magiclink');
	const otpHash = mailTokenHash(otpMail);
	secrets.push(otpHash);
	codes.push(mailCode(otpMail, otpUser.email));
	const redirected = await verifyLink(rt, otpHash, 'magiclink');
	const fragment = new URLSearchParams(new URL(redirected.location!).hash.slice(1));
	secrets.push(
		fragment.get('access_token') ?? 'missing',
		fragment.get('refresh_token') ?? 'missing'
	);

	// password recovery and the new password
	const recoveryUser = await createConfirmedUser(rt);
	secrets.push(recoveryUser.password);
	await client(rt).auth.resetPasswordForEmail(recoveryUser.email);
	const recoveryMail = await nextMail(rt, recoveryUser.email, 'recovery');
	const recoveryCode = mailCode(recoveryMail, recoveryUser.email);
	codes.push(recoveryCode);
	secrets.push(mailTokenHash(recoveryMail));
	const recovering = client(rt);
	const recovered = await recovering.auth.verifyOtp({
		email: recoveryUser.email,
		token: recoveryCode,
		type: 'recovery'
	});
	keepSession(recovered.data.session);
	const newPasswordValue = newPassword();
	secrets.push(newPasswordValue);
	expect((await recovering.auth.updateUser({ password: newPasswordValue })).error).toBeNull();

	// TOTP: enrol, a wrong code, then the right one
	const mfaUser = await createConfirmedUser(rt);
	secrets.push(mfaUser.password);
	const mfa = await signIn(rt, mfaUser);
	keepSession(mfa.session);
	const enrolled = await mfa.client.auth.mfa.enroll({ factorType: 'totp' });
	const secret = enrolled.data!.totp.secret;
	secrets.push(secret);
	const challenge = await mfa.client.auth.mfa.challenge({ factorId: enrolled.data!.id });
	const wrong = wrongTotp(secret);
	codes.push(wrong);
	await mfa.client.auth.mfa.verify({
		factorId: enrolled.data!.id,
		challengeId: challenge.data!.id,
		code: wrong
	});
	const right = totp(secret);
	codes.push(right);
	const verified = await mfa.client.auth.mfa.challengeAndVerify({
		factorId: enrolled.data!.id,
		code: right
	});
	expect(verified.error).toBeNull();
	keepSession(verified.data);

	// an admin-generated link
	const link = await admin(rt).auth.admin.generateLink({
		type: 'magiclink',
		email: mfaUser.email
	});
	expect(link.error).toBeNull();
	secrets.push(link.data.properties!.hashed_token);
	codes.push(link.data.properties!.email_otp);

	const lines = rt.logs();
	expect(lines.length).toBeGreaterThan(0);
	for (const line of lines) {
		for (const value of secrets) {
			expect(line.includes(value), `log line leaks a secret: ${line}`).toBe(false);
		}
		for (const code of codes) {
			const standalone = new RegExp(`(?<![0-9A-Za-z])${code}(?![0-9A-Za-z])`);
			expect(standalone.test(line), `log line leaks code ${code}: ${line}`).toBe(false);
		}
	}
});
