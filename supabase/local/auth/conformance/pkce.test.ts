// Conformance: the PKCE flow (flowType 'pkce'): code challenges on sign-up, magic link and recovery,
// GET /auth/v1/verify redirecting with ?code=, and POST /auth/v1/token?grant_type=pkce.
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	client,
	CODE_VERIFIER_KEY,
	createConfirmedUser,
	decodeJwt,
	expectAuthError,
	ISO_DATE,
	mailCode,
	mailTokenHash,
	newEmail,
	newPassword,
	nextMail,
	pkceStorage,
	REDIRECT_TO,
	type Runtime,
	startRuntime,
	tokenHash,
	verifyLink
} from './helpers.ts';

let rt: Runtime;
beforeAll(async () => {
	rt = await startRuntime();
});
afterAll(async () => {
	await rt?.stop();
});

/** A PKCE client whose request bodies are recorded. */
function recordingPkceClient() {
	const requests: { url: string; body: Record<string, unknown> | undefined }[] = [];
	const f: typeof fetch = (input, init) => {
		requests.push({
			url: String(input),
			body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined
		});
		return fetch(input, init);
	};
	return { c: client(rt, { flowType: 'pkce', fetch: f }), requests };
}

/** Signs up on a PKCE client and follows the mail's link through GET /verify. */
async function pkceSignUpCode() {
	const c = client(rt, { flowType: 'pkce' });
	const email = newEmail();
	const { error } = await c.auth.signUp({
		email,
		password: newPassword(),
		options: { emailRedirectTo: REDIRECT_TO }
	});
	expect(error).toBeNull();
	const mail = await nextMail(rt, email, 'signup');
	const res = await verifyLink(rt, mailTokenHash(mail), 'signup');
	const code = new URL(res.location!).searchParams.get('code')!;
	return { c, email, code, res };
}

const flowStateNotFound = {
	name: 'AuthApiError',
	status: 404,
	code: 'flow_state_not_found',
	message: 'invalid flow state, no valid flow state found'
};

describe('PKCE', () => {
	// Source: auth-js test/GoTrueClient.test.ts ('signUp() with email and PKCE flowType') and
	// lib/helpers.ts getCodeChallengeAndMethod (S256 challenge of the stored verifier); supabase/auth
	// internal/api/signup.go (a flow state is saved, no session is returned) and internal/api/mail.go
	// sendConfirmation (addFlowPrefixToToken: the mailed token hash gets the "pkce_" prefix).
	it('sends an S256 code challenge with signUp and mails a pkce_ token hash', async () => {
		const { c, requests } = recordingPkceClient();
		const email = newEmail();
		const { data, error } = await c.auth.signUp({ email, password: newPassword() });
		expect(error).toBeNull();
		expect(data.session).toBeNull();
		expect(data.user!.email).toBe(email);
		const body = requests.find((r) => r.url.includes('/auth/v1/signup'))!.body!;
		const verifier = JSON.parse(pkceStorage(c).getItem(CODE_VERIFIER_KEY)!) as string;
		expect(body.code_challenge_method).toBe('s256');
		expect(body.code_challenge).toBe(createHash('sha256').update(verifier).digest('base64url'));
		const mail = await nextMail(rt, email, 'signup');
		expect(mailTokenHash(mail)).toBe(`pkce_${tokenHash(email, mailCode(mail, email))}`);
	});

	// Source: supabase/auth internal/api/verify.go verifyGet (a pkce_ token: issueAuthCode and a 303 to
	// redirect_to with ?code=, no tokens in the URL) and internal/api/token.go PKCE (the code and the
	// verifier give a session; amr from the flow state, "email/signup"); auth-js
	// GoTrueClient.exchangeCodeForSession.
	it('turns the confirmation link into ?code= and exchangeCodeForSession into a session', async () => {
		const { c, email, code, res } = await pkceSignUpCode();
		expect(res.status).toBe(303);
		const location = new URL(res.location!);
		expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_TO);
		expect(code).toBeTruthy();
		expect(location.hash).toBe('');
		const { data, error } = await c.auth.exchangeCodeForSession(code);
		expect(error).toBeNull();
		expect(data.session!.token_type).toBe('bearer');
		expect(data.user!.email).toBe(email);
		expect(data.user!.email_confirmed_at).toMatch(ISO_DATE);
		expect((data as { redirectType?: string | null }).redirectType).toBeNull();
		const claims = decodeJwt(data.session!.access_token).payload;
		expect(claims.amr.map((a) => a.method)).toEqual(['email/signup']);
	});

	// Source: supabase/auth internal/api/token.go PKCE (the flow state is destroyed once exchanged, so
	// the same code answers 404 flow_state_not_found "invalid flow state, no valid flow state found").
	it('refuses a code that was already exchanged with flow_state_not_found 404', async () => {
		const { c, code } = await pkceSignUpCode();
		const storage = pkceStorage(c);
		const verifier = storage.getItem(CODE_VERIFIER_KEY)!;
		expect((await c.auth.exchangeCodeForSession(code)).error).toBeNull();
		storage.setItem(CODE_VERIFIER_KEY, verifier);
		const { data, error } = await c.auth.exchangeCodeForSession(code);
		expect(data.session).toBeNull();
		expectAuthError(error, flowStateNotFound);
	});

	// Source: supabase/auth internal/api/token.go PKCE (VerifyPKCE fails: 400 bad_code_verifier with
	// the message of internal/security pkce.go "code challenge does not match previously saved code
	// verifier"); internal/api/apierrors/errorcode.go ErrorCodeBadCodeVerifier.
	it('refuses a wrong code verifier with bad_code_verifier 400', async () => {
		const { c, code } = await pkceSignUpCode();
		pkceStorage(c).setItem(
			CODE_VERIFIER_KEY,
			JSON.stringify(`wrong-${randomUUID()}${randomUUID()}`)
		);
		const { data, error } = await c.auth.exchangeCodeForSession(code);
		expect(data.session).toBeNull();
		expectAuthError(error, {
			name: 'AuthApiError',
			status: 400,
			code: 'bad_code_verifier',
			message: 'code challenge does not match previously saved code verifier'
		});
	});

	// Source: auth-js test/GoTrueClient.test.ts ('exchangeCodeForSession() should fail with invalid
	// authCode'); supabase/auth internal/api/token.go PKCE (unknown auth code: 404 flow_state_not_found).
	it('refuses an unknown code with flow_state_not_found 404', async () => {
		const c = client(rt, { flowType: 'pkce' });
		pkceStorage(c).setItem(CODE_VERIFIER_KEY, JSON.stringify(`${randomUUID()}${randomUUID()}`));
		const { error } = await c.auth.exchangeCodeForSession(randomUUID());
		expectAuthError(error, flowStateNotFound);
	});

	// Source: Supabase docs https://supabase.com/docs/reference/javascript/auth-verifyotp ("Verify
	// Email Auth (Token Hash)": verifyOtp({ token_hash, type }), what an /auth/confirm route calls);
	// supabase/auth internal/api/verify.go verifyPost (a token_hash, pkce_ prefixed or not, gives a session).
	it('accepts the pkce_ token hash in verifyOtp({ token_hash, type }) as the confirm route does', async () => {
		const c = client(rt, { flowType: 'pkce' });
		const email = newEmail();
		await c.auth.signUp({ email, password: newPassword() });
		const mail = await nextMail(rt, email, 'signup');
		const { data, error } = await client(rt).auth.verifyOtp({
			token_hash: mailTokenHash(mail),
			type: 'signup'
		});
		expect(error).toBeNull();
		expect(data.session).not.toBeNull();
		expect(data.user!.email).toBe(email);
	});

	// Source: supabase/auth internal/api/magic_link.go (PKCE: flow state with models.MagicLink, the
	// magic link mail carries a pkce_ hash), internal/api/verify.go (303 with ?code=) and
	// internal/api/token.go PKCE (amr "magiclink").
	it('runs a magic link through ?code= to a session', async () => {
		const account = await createConfirmedUser(rt);
		const c = client(rt, { flowType: 'pkce' });
		const sent = await c.auth.signInWithOtp({
			email: account.email,
			options: { shouldCreateUser: false, emailRedirectTo: REDIRECT_TO }
		});
		expect(sent.error).toBeNull();
		const mail = await nextMail(rt, account.email, 'magiclink');
		const hash = mailTokenHash(mail);
		expect(hash.startsWith('pkce_')).toBe(true);
		const res = await verifyLink(rt, hash, 'magiclink');
		expect(res.status).toBe(303);
		const code = new URL(res.location!).searchParams.get('code')!;
		const { data, error } = await c.auth.exchangeCodeForSession(code);
		expect(error).toBeNull();
		expect(data.user!.id).toBe(account.id);
		expect(decodeJwt(data.session!.access_token).payload.amr.map((a) => a.method)).toEqual([
			'magiclink'
		]);
	});

	// Source: supabase/auth internal/api/recover.go (PKCE flow state with models.Recovery) and
	// internal/api/token.go PKCE (amr "recovery"); auth-js GoTrueClient.resetPasswordForEmail (stores
	// the verifier with a "/recovery" suffix) and _exchangeCodeForSession (redirectType "recovery").
	it('runs a password recovery through ?code= to a session with redirectType "recovery"', async () => {
		const account = await createConfirmedUser(rt);
		const c = client(rt, { flowType: 'pkce' });
		const sent = await c.auth.resetPasswordForEmail(account.email, { redirectTo: REDIRECT_TO });
		expect(sent.error).toBeNull();
		const mail = await nextMail(rt, account.email, 'recovery');
		const res = await verifyLink(rt, mailTokenHash(mail), 'recovery');
		expect(res.status).toBe(303);
		const code = new URL(res.location!).searchParams.get('code')!;
		const { data, error } = await c.auth.exchangeCodeForSession(code);
		expect(error).toBeNull();
		expect((data as { redirectType?: string | null }).redirectType).toBe('recovery');
		expect(data.user!.id).toBe(account.id);
		expect(decodeJwt(data.session!.access_token).payload.amr.map((a) => a.method)).toEqual([
			'recovery'
		]);
	});

	// Source: supabase/auth internal/api/verify.go prepErrorRedirectURL (for a pkce_ token the error is
	// put in the query as well as the fragment: error=access_denied for 403, error_code=otp_expired,
	// error_description="Email link is invalid or has expired").
	it('redirects an invalid pkce_ link with the error in the query string', async () => {
		const res = await verifyLink(rt, `pkce_${'0'.repeat(56)}`, 'signup');
		expect(res.status).toBe(303);
		const location = new URL(res.location!);
		expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_TO);
		expect(Object.fromEntries(location.searchParams)).toMatchObject({
			error: 'access_denied',
			error_code: 'otp_expired',
			error_description: 'Email link is invalid or has expired'
		});
		expect(Object.fromEntries(new URLSearchParams(location.hash.slice(1)))).toMatchObject({
			error: 'access_denied',
			error_code: 'otp_expired',
			error_description: 'Email link is invalid or has expired'
		});
	});
});
