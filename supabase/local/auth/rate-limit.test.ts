// The limiter's windows and the Sb-Forwarded-For switch, without a server.
import { describe, expect, it } from 'vitest';
import { clientAddress, RateLimiter, sbForwardedForFromEnv } from './rate-limit.ts';

describe('RateLimiter windows', () => {
	const limiter = (limits: Record<string, number>) => {
		const clock = { now: 0 };
		return { clock, limiter: new RateLimiter(limits, () => clock.now) };
	};

	// Source: Supabase CLI config template, [auth.rate_limit]: sign-ins, refreshes and verifications
	// are counted "in a 5 minute interval per IP address".
	it('counts sign-ins, refreshes and verifications per 5 minutes', () => {
		for (const limit of ['sign_in_sign_ups', 'token_refresh', 'token_verifications']) {
			const { clock, limiter: l } = limiter({ [limit]: 1 });
			l.hit(limit, '203.0.113.1');
			expect(() => l.hit(limit, '203.0.113.1')).toThrow('Request rate limit reached');
			clock.now += 299_000;
			expect(() => l.hit(limit, '203.0.113.1')).toThrow();
			clock.now += 1_000;
			expect(() => l.hit(limit, '203.0.113.1')).not.toThrow();
		}
	});

	// Source: Supabase CLI config template ("Number of emails that can be sent per hour").
	it('counts e-mails per hour', () => {
		const { clock, limiter: l } = limiter({ email_sent: 1 });
		l.hit('email_sent', 'project');
		clock.now += 300_000;
		expect(() => l.hit('email_sent', 'project')).toThrow('email rate limit exceeded');
		clock.now += 3_300_000;
		expect(() => l.hit('email_sent', 'project')).not.toThrow();
	});
});

describe('clientAddress', () => {
	const headers = (value?: string) =>
		new Headers(value === undefined ? {} : { 'sb-forwarded-for': value });

	// Source: supabase/auth internal/utilities/request_test.go TestGetIPAddressWithSBFF (ValidSBFF,
	// MissingSBFF, InvalidSBFF) and internal/api/sbff parseSBFFHeader.
	it.each([
		['192.168.1.100', '192.168.1.100'],
		[undefined, '60.60.60.60'],
		['invalid', '60.60.60.60'],
		['', '60.60.60.60'],
		[' 203.0.113.5 , 10.0.0.1', '203.0.113.5'],
		['2001:DB8:0:0::1', '2001:db8::1'],
		['::ffff:192.0.2.1', '192.0.2.1'],
		['fe80::1%eth0', '60.60.60.60'],
		['203.0.113.5:443', '60.60.60.60']
	])('with the switch on, Sb-Forwarded-For %j counts as %s', (value, expected) => {
		expect(clientAddress(headers(value), '60.60.60.60', true)).toBe(expected);
	});

	it('with the switch off, ignores Sb-Forwarded-For', () => {
		expect(clientAddress(headers('192.168.1.100'), '60.60.60.60', false)).toBe('60.60.60.60');
	});

	// Source: supabase/auth internal/conf SecurityConfiguration (`sb_forwarded_for_enabled`, read from
	// GOTRUE_SECURITY_SB_FORWARDED_FOR_ENABLED, default false).
	it('reads GOTRUE_SECURITY_SB_FORWARDED_FOR_ENABLED', () => {
		const read = (value?: string) =>
			sbForwardedForFromEnv({ GOTRUE_SECURITY_SB_FORWARDED_FOR_ENABLED: value });
		expect([read('true'), read('TRUE'), read('1')]).toEqual([true, true, true]);
		expect([read('false'), read('0')]).toEqual([false, false]);
		expect([read(undefined), read(''), read('yes please')]).toEqual([
			undefined,
			undefined,
			undefined
		]);
	});
});
