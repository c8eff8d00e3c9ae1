import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit';

describe('per-IP rate limiter', () => {
	const limit = { max: 3, windowSeconds: 60 };

	it('allows up to the limit in a window, then refuses', () => {
		const r = new RateLimiter();
		expect([1, 2, 3, 4].map((i) => r.attempt('login:1.2.3.4', limit, 1000 + i))).toEqual([
			true,
			true,
			true,
			false
		]);
	});

	it('counts each address on its own', () => {
		const r = new RateLimiter();
		for (let i = 0; i < 3; i++) r.attempt('login:a', limit, 1000);
		expect(r.attempt('login:b', limit, 1000)).toBe(true);
		expect(r.attempt('login:a', limit, 1000)).toBe(false);
	});

	it('forgets attempts older than the window', () => {
		const r = new RateLimiter();
		for (let i = 0; i < 3; i++) r.attempt('k', limit, 0);
		expect(r.attempt('k', limit, 59_000)).toBe(false);
		expect(r.attempt('k', limit, 61_000)).toBe(true);
	});
});
