// RFC 6238 appendix B test vectors (SHA-1, secret "12345678901234567890"), truncated to 6 digits.
import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, totp, verifyTotp } from './totp';

const secret = base32Encode(Buffer.from('12345678901234567890'));

describe('TOTP', () => {
	it.each([
		[59, '287082'],
		[1111111109, '081804'],
		[1111111111, '050471'],
		[1234567890, '005924'],
		[2000000000, '279037']
	])('at %i s gives %s (RFC 6238)', (seconds, code) => {
		expect(totp(secret, seconds * 1000)).toBe(code);
	});

	it('round-trips base32', () => {
		expect(base32Decode(secret).toString()).toBe('12345678901234567890');
		expect(secret).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
	});

	it('accepts one step of drift and nothing more', () => {
		const now = 1_700_000_000_000;
		expect(verifyTotp(secret, totp(secret, now - 30_000), now)).toBe(true);
		expect(verifyTotp(secret, totp(secret, now + 30_000), now)).toBe(true);
		expect(verifyTotp(secret, totp(secret, now - 90_000), now)).toBe(false);
		expect(verifyTotp(secret, 'abcdef', now)).toBe(false);
	});
});
