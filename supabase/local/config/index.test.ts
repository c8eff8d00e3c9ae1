// config.toml as the runtime reads it: the project's own file, and the parts of the Supabase CLI's
// format that the runtime honours.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfig } from './index.ts';

const workdir = new URL('../../..', import.meta.url).pathname;

describe("the project's config.toml", () => {
	const config = loadConfig(join(workdir, 'supabase/config.toml'));

	// Supabase CLI config template defaults for the per-IP limits of [auth.rate_limit]: the app
	// forwards each visitor's address in Sb-Forwarded-For, so they need no raising. email_sent is
	// per project, not per visitor: raised for Sammen's own SMTP server (config.toml says why).
	it("keeps Supabase's default per-IP Auth rate limits", () => {
		expect(config.auth.rateLimit).toEqual({
			email_sent: 100,
			sms_sent: 30,
			anonymous_users: 30,
			token_refresh: 150,
			sign_in_sign_ups: 30,
			token_verifications: 30,
			web3: 30
		});
	});

	it('enables the password verification hook on the migration’s function', () => {
		expect(config.auth.hooks.password_verification_attempt).toEqual({
			enabled: true,
			uri: 'pg-functions://postgres/private/hook_password_verification_attempt'
		});
	});

	it('asks for the longest one-time tokens Supabase allows', () => {
		expect(config.auth.email.otpLength).toBe(10);
	});

	// The REST layer's exposed schemas, search path and row cap come from [api].
	it('exposes only public to the REST API, capped at 1000 rows', () => {
		expect(config.api).toMatchObject({
			schemas: ['public'],
			extraSearchPath: ['public', 'extensions'],
			maxRows: 1000
		});
	});
});

describe('parseConfig [api]', () => {
	// Supabase CLI defaults: `schemas = ["public", "graphql_public"]`,
	// `extra_search_path = ["public", "extensions"]`, no row cap unless max_rows is given.
	it("takes the Supabase CLI's defaults for what is left out", () => {
		expect(parseConfig('').api).toEqual({
			port: 54321,
			schemas: ['public', 'graphql_public'],
			extraSearchPath: ['public', 'extensions'],
			maxRows: null
		});
	});

	it('reads schemas, extra_search_path and max_rows', () => {
		const api = parseConfig(
			'[api]\nschemas = ["public", "v2"]\nextra_search_path = ["extensions"]\nmax_rows = 50\n'
		).api;
		expect(api).toMatchObject({
			schemas: ['public', 'v2'],
			extraSearchPath: ['extensions'],
			maxRows: 50
		});
	});
});

describe('parseConfig', () => {
	it('reads [auth.hook.*] tables', () => {
		const config = parseConfig(`
[auth.hook.password_verification_attempt]
enabled = true
uri = "pg-functions://postgres/public/check"

[auth.hook.custom_access_token]
enabled = false
uri = "pg-functions://postgres/public/claims"
`);
		expect(config.auth.hooks).toEqual({
			password_verification_attempt: { enabled: true, uri: 'pg-functions://postgres/public/check' },
			custom_access_token: { enabled: false, uri: 'pg-functions://postgres/public/claims' }
		});
	});

	// Supabase Auth's config validation (internal/conf: OTP length 6 to 10).
	it('refuses an otp_length Supabase refuses', () => {
		expect(parseConfig('[auth.email]\notp_length = 8').auth.email.otpLength).toBe(8);
		expect(parseConfig('').auth.email.otpLength).toBe(6);
		expect(() => parseConfig('[auth.email]\notp_length = 5')).toThrow(/otp_length must be 6 to 10/);
		expect(() => parseConfig('[auth.email]\notp_length = 11')).toThrow(/otp_length/);
	});
});
