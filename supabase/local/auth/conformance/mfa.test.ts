// Conformance: TOTP multi-factor authentication through supabase-js `auth.mfa` (POST /factors,
// /factors/{id}/challenge, /factors/{id}/verify, DELETE /factors/{id}).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import {
	base32Decode,
	client,
	decodeJwt,
	expectAuthError,
	newPassword,
	type Runtime,
	signedInUser,
	signIn,
	startRuntime,
	totp,
	UUID,
	wrongTotp
} from './helpers.ts';

let rt: Runtime;
beforeAll(async () => {
	rt = await startRuntime();
});
afterAll(async () => {
	await rt?.stop();
});

/** An AMR entry as auth-js types it (a string or { method, timestamp }). */
function amrMethod(entry: string | { method: string }): string {
	return typeof entry === 'string' ? entry : entry.method;
}

async function enroll(c: SupabaseClient) {
	const { data, error } = await c.auth.mfa.enroll({ factorType: 'totp', friendlyName: 'Phone' });
	expect(error).toBeNull();
	return { factorId: data!.id, secret: data!.totp.secret };
}

/** A signed-in user with a verified TOTP factor; the client holds the aal2 session. */
async function userWithVerifiedFactor() {
	const user = await signedInUser(rt);
	const { factorId, secret } = await enroll(user.client);
	const { error } = await user.client.auth.mfa.challengeAndVerify({
		factorId,
		code: totp(secret)
	});
	expect(error).toBeNull();
	return { ...user, factorId, secret };
}

// Not a conformance case: checks the suite's own RFC 6238 helper against RFC 6238 appendix B
// (SHA-1, secret "12345678901234567890", truncated to 6 digits).
it('helper: computes RFC 6238 codes', () => {
	const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
	expect(base32Decode(secret).toString()).toBe('12345678901234567890');
	expect(totp(secret, 59_000)).toBe('287082');
	expect(totp(secret, 1_111_111_109_000)).toBe('081804');
	expect(totp(secret, 1_234_567_890_000)).toBe('005924');
});

describe('TOTP factors', () => {
	// Source: auth-js test/GoTrueClient.test.ts ('enroll({factorType: "totp"}) returns totp') and
	// GoTrueClient._enroll (qr_code prefixed with "data:image/svg+xml;utf-8,"); supabase/auth
	// internal/api/mfa.go enrollTOTPFactor (pquerna/otp key: 20-byte base32 secret, otpauth URI whose
	// issuer is url.ParseRequestURI(site_url).Host — "localhost:3000" — and an SVG QR code).
	it('enrolls a factor with a secret, an otpauth URI and a QR code', async () => {
		const { client: c, account } = await signedInUser(rt);
		const { data, error } = await c.auth.mfa.enroll({ factorType: 'totp', friendlyName: 'Phone' });
		expect(error).toBeNull();
		expect(data!.id).toMatch(UUID);
		expect(data!.type).toBe('totp');
		expect(data!.friendly_name).toBe('Phone');
		const { secret, uri, qr_code } = data!.totp;
		expect(secret).toMatch(/^[A-Z2-7]{32}$/);
		expect(uri.startsWith('otpauth://totp/')).toBe(true);
		expect(decodeURIComponent(uri)).toContain(account.email);
		const params = new URL(uri).searchParams;
		expect(params.get('secret')).toBe(secret);
		expect(params.get('issuer')).toBe('localhost:3000');
		expect(qr_code.startsWith('data:image/svg+xml;utf-8,')).toBe(true);
		expect(qr_code).toContain('<svg');
	});

	// Source: auth-js test/GoTrueClient.test.ts ('challenge should create MFA challenge': id and
	// expires_at); supabase/auth internal/api/mfa.go challengeTOTPFactor (id, type, expires_at).
	it('creates a challenge with an id and an expiry', async () => {
		const { client: c } = await signedInUser(rt);
		const { factorId } = await enroll(c);
		const { data, error } = await c.auth.mfa.challenge({ factorId });
		expect(error).toBeNull();
		expect(data!.id).toMatch(UUID);
		expect(data!.type).toBe('totp');
		expect(data!.expires_at).toBeGreaterThan(Math.floor(Date.now() / 1000));
	});

	// Source: supabase/auth internal/api/mfa.go verifyTOTPFactor (RFC 6238 code: SHA1, 30 s, 6 digits;
	// updateMFASessionAndClaims keeps the session and rotates the refresh token) and
	// internal/tokens/service.go GenerateAccessToken (aal "aal2", amr gains "totp").
	it('verifies a code computed from the secret and upgrades the session to aal2', async () => {
		const { client: c, session } = await signedInUser(rt);
		const { factorId, secret } = await enroll(c);
		const challenge = await c.auth.mfa.challenge({ factorId });
		const { data, error } = await c.auth.mfa.verify({
			factorId,
			challengeId: challenge.data!.id,
			code: totp(secret)
		});
		expect(error).toBeNull();
		expect(data!.token_type).toBe('bearer');
		expect(data!.refresh_token).not.toBe(session.refresh_token);
		const before = decodeJwt(session.access_token).payload;
		const after = decodeJwt(data!.access_token).payload;
		expect(after.aal).toBe('aal2');
		expect(after.session_id).toBe(before.session_id);
		expect(after.amr.map((a) => a.method).sort()).toEqual(['password', 'totp']);
	});

	// Source: auth-js test/GoTrueClient.test.ts ('verify should verify MFA challenge': "Invalid TOTP
	// code"); supabase/auth internal/api/mfa.go verifyTOTPFactor (422 mfa_verification_failed "Invalid
	// TOTP code entered").
	it('refuses a wrong code with mfa_verification_failed 422', async () => {
		const { client: c } = await signedInUser(rt);
		const { factorId, secret } = await enroll(c);
		const challenge = await c.auth.mfa.challenge({ factorId });
		const { data, error } = await c.auth.mfa.verify({
			factorId,
			challengeId: challenge.data!.id,
			code: wrongTotp(secret)
		});
		expect(data).toBeNull();
		expectAuthError(error, {
			name: 'AuthApiError',
			status: 422,
			code: 'mfa_verification_failed',
			message: 'Invalid TOTP code entered'
		});
	});

	// Source: auth-js test/GoTrueClient.test.ts ('challengeAndVerify should handle MFA challenge and
	// verification in one call') and GoTrueClient._challengeAndVerify; supabase/auth internal/api/mfa.go.
	it('challengeAndVerify gives an aal2 session', async () => {
		const { client: c } = await signedInUser(rt);
		const { factorId, secret } = await enroll(c);
		const { data, error } = await c.auth.mfa.challengeAndVerify({ factorId, code: totp(secret) });
		expect(error).toBeNull();
		expect(decodeJwt(data!.access_token).payload.aal).toBe('aal2');
	});

	// Source: auth-js test/GoTrueClient.test.ts ('getAuthenticatorAssuranceLevel should return current
	// AAL') and GoTrueClient._getAuthenticatorAssuranceLevel (currentLevel from the aal claim, nextLevel
	// aal2 once a verified factor exists); supabase/auth internal/models/sessions.go CalculateAALAndAMR.
	it('reports the assurance level before and after verification, and on the next sign-in', async () => {
		const { client: c, account } = await signedInUser(rt);
		const { factorId, secret } = await enroll(c);
		const unverified = await c.auth.mfa.getAuthenticatorAssuranceLevel();
		expect(unverified.error).toBeNull();
		expect(unverified.data).toMatchObject({ currentLevel: 'aal1', nextLevel: 'aal1' });
		await c.auth.mfa.challengeAndVerify({ factorId, code: totp(secret) });
		const verified = await c.auth.mfa.getAuthenticatorAssuranceLevel();
		expect(verified.data).toMatchObject({ currentLevel: 'aal2', nextLevel: 'aal2' });
		expect(verified.data!.currentAuthenticationMethods.map(amrMethod)).toContain('totp');
		const next = await signIn(rt, account);
		const fresh = await next.client.auth.mfa.getAuthenticatorAssuranceLevel();
		expect(fresh.data).toMatchObject({ currentLevel: 'aal1', nextLevel: 'aal2' });
		expect(fresh.data!.currentAuthenticationMethods.map(amrMethod)).toEqual(['password']);
	});

	// Source: auth-js GoTrueClient._listFactors (all factors in `all`, only verified ones in `totp`) and
	// test/GoTrueClient.test.ts ('_listFactors returns correct factor lists'); supabase/auth
	// internal/models/user.go (the user JSON lists its factors) and internal/models/factor.go (status).
	it('lists an unverified factor under all only, and a verified one under totp', async () => {
		const { client: c } = await signedInUser(rt);
		const { factorId, secret } = await enroll(c);
		const before = await c.auth.mfa.listFactors();
		expect(before.error).toBeNull();
		expect(before.data!.all).toHaveLength(1);
		expect(before.data!.all[0]).toMatchObject({
			id: factorId,
			factor_type: 'totp',
			status: 'unverified',
			friendly_name: 'Phone'
		});
		expect(before.data!.totp).toHaveLength(0);
		await c.auth.mfa.challengeAndVerify({ factorId, code: totp(secret) });
		const after = await c.auth.mfa.listFactors();
		expect(after.data!.totp).toHaveLength(1);
		expect(after.data!.totp[0]).toMatchObject({ id: factorId, status: 'verified' });
	});

	// Source: auth-js test/GoTrueClient.test.ts ('unenroll should remove MFA factor': listFactors then
	// empty); supabase/auth internal/api/mfa.go UnenrollFactor (answers { id }).
	it('unenrolls a verified factor from an aal2 session', async () => {
		const { client: c, factorId } = await userWithVerifiedFactor();
		const { data, error } = await c.auth.mfa.unenroll({ factorId });
		expect(error).toBeNull();
		expect(data).toEqual({ id: factorId });
		const list = await c.auth.mfa.listFactors();
		expect(list.data!.all).toHaveLength(0);
		expect(list.data!.totp).toHaveLength(0);
	});

	// Source: supabase/auth internal/api/mfa.go UnenrollFactor (a verified factor from an aal1 session:
	// 422 insufficient_aal "AAL2 required to unenroll verified factor").
	it('refuses to unenroll a verified factor from an aal1 session with insufficient_aal 422', async () => {
		const { account, factorId } = await userWithVerifiedFactor();
		const { client: aal1 } = await signIn(rt, account);
		const { error } = await aal1.auth.mfa.unenroll({ factorId });
		expectAuthError(error, {
			name: 'AuthApiError',
			status: 422,
			code: 'insufficient_aal',
			message: 'AAL2 required to unenroll verified factor'
		});
	});

	// Source: supabase/auth internal/api/user.go UserUpdate (MFA enabled and no aal2: 401
	// insufficient_aal "AAL2 session is required to update email or password when MFA is enabled.").
	it('refuses a password change from an aal1 session with insufficient_aal 401', async () => {
		const { account } = await userWithVerifiedFactor();
		const { client: aal1 } = await signIn(rt, account);
		const { error } = await aal1.auth.updateUser({ password: newPassword() });
		expectAuthError(error, {
			name: 'AuthApiError',
			status: 401,
			code: 'insufficient_aal',
			message: 'AAL2 session is required to update email or password when MFA is enabled.'
		});
	});

	// Source: supabase/auth internal/api/admin.go loadFactor (used by /factors/{factor_id}: 404
	// mfa_factor_not_found "Factor not found").
	it('refuses a challenge for an unknown factor with mfa_factor_not_found 404', async () => {
		const { client: c } = await signedInUser(rt);
		const { error } = await c.auth.mfa.challenge({ factorId: crypto.randomUUID() });
		expectAuthError(error, {
			name: 'AuthApiError',
			status: 404,
			code: 'mfa_factor_not_found',
			message: 'Factor not found'
		});
	});

	// Source: supabase/auth internal/api/mfa.go verifyTOTPFactor (models.InvalidateSessionsWithAALLessThan:
	// after the upgrade, the user's other aal1 sessions are deleted).
	it('ends the other aal1 sessions of the user when a factor is verified', async () => {
		const { client: c, account } = await signedInUser(rt);
		const other = await signIn(rt, account);
		const { factorId, secret } = await enroll(c);
		expect(
			(await c.auth.mfa.challengeAndVerify({ factorId, code: totp(secret) })).error
		).toBeNull();
		const { error } = await client(rt).auth.refreshSession({
			refresh_token: other.session.refresh_token
		});
		expectAuthError(error, {
			name: 'AuthApiError',
			status: 400,
			code: 'refresh_token_not_found',
			message: 'Invalid Refresh Token: Refresh Token Not Found'
		});
	});
});
