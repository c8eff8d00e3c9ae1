// Conformance: rate limits (over_email_send_rate_limit and over_request_rate_limit, both 429). Each
// limit gets its own runtime so that one limit cannot interfere with another.
//
// Supabase Auth limits requests per IP with a token bucket that allows bursts of up to 30 requests
// (docs https://supabase.com/docs/guides/auth/rate-limits, "Rate limit behavior"), so the request
// limits below are only required to bite within 40 rapid requests, not at an exact count. The
// e-mail limit is a plain count per hour (internal/ratelimit/interval.go) and is checked exactly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	admin,
	client,
	createConfirmedUser,
	expectAuthError,
	newEmail,
	newPassword,
	type Runtime,
	startRuntime,
	tokenHash
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
		rt = await startRuntime({ auth: { rateLimit: { email_sent: 2 } } });
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
		rt = await startRuntime({ auth: { rateLimit: { sign_in_sign_ups: 1 } } });
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
		rt = await startRuntime({ auth: { rateLimit: { token_verifications: 1 } } });
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
		rt = await startRuntime({ auth: { rateLimit: { token_refresh: 1 } } });
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

// Supabase Auth counts a request under the address in Sb-Forwarded-For when
// GOTRUE_SECURITY_SB_FORWARDED_FOR_ENABLED is on (supabase/auth pull request 2295: internal/api/sbff
// takes the header's first value if it is an IP address; internal/api/middleware.go
// performRateLimiting limits by that address before anything else), and ignores the header when off.
const signInAttempt = (rt: Runtime, address?: string) =>
	client(rt, address === undefined ? {} : { headers: { 'sb-forwarded-for': address } })
		.auth.signInWithPassword({ email: 'nobody@example.com', password: 'Wrong-password-1' })
		.then(({ error }) => error as { status?: number; code?: string } | null);

describe('Sb-Forwarded-For honoured (sign_in_sign_ups = 1)', () => {
	let rt: Runtime;
	beforeAll(async () => {
		rt = await startRuntime({
			auth: { sbForwardedForEnabled: true, rateLimit: { sign_in_sign_ups: 1 } }
		});
	});
	afterAll(async () => {
		await rt?.stop();
	});

	const exhaust = async (address?: string) => {
		const { limited } = await untilLimited(async () => ({
			error: await signInAttempt(rt, address)
		}));
		expectAuthError(limited, requestLimit);
	};

	// Source: supabase/auth internal/api/middleware_test.go TestPerformRateLimitingWithSBFF (each
	// Sb-Forwarded-For address has its own bucket) and internal/api/sbff (its first value counts).
	it('gives two different Sb-Forwarded-For addresses separate buckets', async () => {
		await exhaust('203.0.113.10');
		// Another visitor behind the same server is not held back by the first one's attempts.
		expect(await signInAttempt(rt, '203.0.113.11')).toMatchObject({
			status: 400,
			code: 'invalid_credentials'
		});
		// Only the first value of a list counts (the visitor, not the proxies after it).
		expectAuthError(await signInAttempt(rt, '203.0.113.10, 203.0.113.12'), requestLimit);
		expect(await signInAttempt(rt, '203.0.113.12, 203.0.113.10')).toMatchObject({ status: 400 });
	});

	// Source: supabase/auth internal/api/sbff parseSBFFHeader (net.ParseIP(...).String(): one
	// spelling per IPv6 address).
	it('counts the spellings of one IPv6 address as one address', async () => {
		await exhaust('2001:db8::7');
		expectAuthError(await signInAttempt(rt, '2001:DB8:0::7'), requestLimit);
		expect(await signInAttempt(rt, '2001:db8::8')).toMatchObject({ status: 400 });
	});

	// Source: supabase/auth internal/utilities/request_test.go TestGetIPAddressWithSBFF
	// ("InvalidSBFF": a value that is not an IP address leaves the connection's address in use).
	it('counts a request with an invalid Sb-Forwarded-For under the connection address', async () => {
		await exhaust();
		expectAuthError(await signInAttempt(rt, 'not-an-address'), requestLimit);
		expectAuthError(await signInAttempt(rt, 'fe80::1%eth0'), requestLimit);
		expect(await signInAttempt(rt, '203.0.113.13')).toMatchObject({ status: 400 });
	});
});

describe('Sb-Forwarded-For not honoured (switch off, sign_in_sign_ups = 1)', () => {
	let rt: Runtime;
	beforeAll(async () => {
		rt = await startRuntime({
			auth: { sbForwardedForEnabled: false, rateLimit: { sign_in_sign_ups: 1 } }
		});
	});
	afterAll(async () => {
		await rt?.stop();
	});

	// Source: supabase/auth internal/conf SecurityConfiguration.SbForwardedForEnabled (default false)
	// and internal/api/sbff Middleware (the header is read only when it is on).
	it('ignores Sb-Forwarded-For: different values share the connection address bucket', async () => {
		const { limited } = await untilLimited(async () => ({
			error: await signInAttempt(rt, '203.0.113.20')
		}));
		expectAuthError(limited, requestLimit);
		expectAuthError(await signInAttempt(rt, '203.0.113.21'), requestLimit);
	});
});
