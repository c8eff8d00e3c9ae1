import { describe, expect, it } from 'vitest';
import { generateRecoveryCodes, hashRecoveryCode, normalizeRecoveryCode } from './recovery-codes';

describe('recovery codes', () => {
	it('are ten different codes of two groups of five readable characters', () => {
		const codes = generateRecoveryCodes();
		expect(codes).toHaveLength(10);
		expect(new Set(codes).size).toBe(10);
		for (const code of codes) expect(code).toMatch(/^[a-hj-km-np-z2-9]{5}-[a-hj-km-np-z2-9]{5}$/);
	});

	it('hash the same however the code is typed, and differently per user', async () => {
		const user = '6f1c2a9e-0000-4000-8000-000000000001';
		const other = '6f1c2a9e-0000-4000-8000-000000000002';
		const a = await hashRecoveryCode(user, 'k7m2q-x9p4r');
		expect(a).toMatch(/^[0-9a-f]{64}$/);
		expect(await hashRecoveryCode(user, ' K7M2Q X9P4R ')).toBe(a);
		expect(await hashRecoveryCode(other, 'k7m2q-x9p4r')).not.toBe(a);
		expect(normalizeRecoveryCode('AB-cd e')).toBe('abcde');
	});
});
