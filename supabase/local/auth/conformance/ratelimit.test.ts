// Conformance: rate limits (over_email_send_rate_limit and over_request_rate_limit, both 429). Each
// limit gets its own runtime so that one limit cannot interfere with another.
//
// Supabase Auth limits requests per IP with a token bucket that allows bursts of up to 30 requests
// (docs https://supabase.com/docs/guides/auth/rate-limits, "Rate limit behavior"), so the request
// limits below are only required to bite within 40 rapid requests, not at an exact count. The
// e-mail limit is a plain count per hour (internal/ratelimit/interval.go) and is checked exactly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime } from '../../../../tests/support/runtime.ts';
import {
	admin,
	client,
	createConfirmedUser,
	expectAuthError,
	newEmail,
	newPassword,
	tokenHash,
	type Runtime
} from './helpers.ts';

const requestLimit = {
	name: 'AuthApiError',
	status: 429,
	code: 'over_request_rate_limit',
	message: 'Request rate limit reached'
};

/**
 * Calls `attempt` until it answers 429 (at most `max` times) and returns the errors seen before and
 * the 429 itself.
 */
async function untilLimited(
	attempt: () => Promise<{ error: unknown }>,
	max = 40
): Promise<{ before: unknown[]; limited: unknown }> {
	const before: unknown[] = [];
	for (let i = 0; i < max; i++) {
		const { error } = await attempt();
		if ((error as { status?: number } | null)?.status === 429) return { before, limited: error };
		before.push(error);
	}
	return { before, limited: null };
}

describe('e-mail sending limit (rate_limit.email_sent = 2)', () => {
	let rt: Runtime;
	beforeAll(async () => {
		rt = await startTestRuntime({ auth: { rateLimit: { email_sent: 2 } } });
	});
	afterAll(async () => {
		await rt?.stop();
	});

	// Source: supabase/auth internal/api/mail.go sendEmail / sendConfirmation (limiterOpts.Email refuses:
	// 429 over_email_send_rate_limit "email rate limit exceeded") and internal/ratelimit/interval.go
	// (at most `email_sent` mails per hour); docs https://supabase.com/docs/guides/auth/rate-limits.
	it('refuses the third confirmation mail with over_email_send_rate_limit 429', async () => {
		for (let i = 0; i < 2; i++) {
			const { error } = await client(rt).auth.signUp({
				email: newEmail(),
				password: newPassword()
			});
			expect(error).toBeNull();
		}
		const { data, error } = await client(rt).auth.signUp({
			email: newEmail(),
			password: newPassword()
		});
		expect(data.user).toBeNull();
		expectAuthError(error, {
			name: 'AuthApiError',
			status: 429,
			code: 'over_email_send_rate_limit',
			message: 'email rate limit exceeded'
		});
	});
});

describe('sign-up limit (rate_limit.sign_in_sign_ups = 1)', () => {
	let rt: Runtime;
	beforeAll(async () => {
		rt = await startTestRuntime({ auth: { rateLimit: { sign_in_sign_ups: 1 } } });
	});
	afterAll(async () => {
		await rt?.stop();
	});

	// Source: supabase/auth internal/api/api.go (POST /signup runs limitHandler(limiterOpts.Signups) before
	// the handler) and internal/api/middleware.go performRateLimiting (429 over_request_rate_limit
	// "Request rate limit reached"); supabase/config.toml documents sign_in_sign_ups as the sign-up and
	// sign-in requests per IP.
	it('answers over_request_rate_limit 429 to a burst of sign-ups', async () => {
		const { before, limited } = await untilLimited(() =>
			client(rt).auth.signUp({ email: 'not-an-email', password: newPassword() })
		);
		expect(before.length).toBeGreaterThan(0);
		for (const error of before) expect(error).toMatchObject({ status: 400 });
		expectAuthError(limited, requestLimit);
	});
});

describe('verification limit (rate_limit.token_verifications = 1)', () => {
	let rt: Runtime;
	beforeAll(async () => {
		rt = await startTestRuntime({ auth: { rateLimit: { token_verifications: 1 } } });
	});
	afterAll(async () => {
		await rt?.stop();
	});

	// Source: supabase/auth internal/api/api.go (/verify runs limitHandler(limiterOpts.Verify)) and
	// internal/api/middleware.go performRateLimiting (429 over_request_rate_limit).
	it('answers over_request_rate_limit 429 to a burst of verifications', async () => {
		const { before, limited } = await untilLimited(() =>
			client(rt).auth.verifyOtp({ token_hash: tokenHash(newEmail(), '000000'), type: 'email' })
		);
		expect(before.length).toBeGreaterThan(0);
		for (const error of before) expect(error).toMatchObject({ status: 403, code: 'otp_expired' });
		expectAuthError(limited, requestLimit);
	});
});

describe('token refresh limit (rate_limit.token_refresh = 1)', () => {
	let rt: Runtime;
	beforeAll(async () => {
		rt = await startTestRuntime({ auth: { rateLimit: { token_refresh: 1 } } });
	});
	afterAll(async () => {
		await rt?.stop();
	});

	// Source: supabase/auth internal/api/token.go Token (grant_type=refresh_token runs
	// performRateLimiting(limiterOpts.Token), built from rate_limit.token_refresh) and
	// internal/api/middleware.go (429 over_request_rate_limit).
	it('answers over_request_rate_limit 429 to a burst of refreshes', async () => {
		// a session without the token endpoint: a generated magic link verified through /verify
		const account = await createConfirmedUser(rt);
		const link = await admin(rt).auth.admin.generateLink({
			type: 'magiclink',
			email: account.email
		});
		const verified = await client(rt).auth.verifyOtp({
			token_hash: link.data.properties!.hashed_token,
			type: 'magiclink'
		});
		let refreshToken = verified.data.session!.refresh_token;
		const { before, limited } = await untilLimited(async () => {
			const { data, error } = await client(rt).auth.refreshSession({ refresh_token: refreshToken });
			if (data.session) refreshToken = data.session.refresh_token;
			return { error };
		});
		for (const error of before) expect(error).toBeNull();
		expectAuthError(limited, requestLimit);
	});
});
