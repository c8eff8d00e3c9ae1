// The runtime's token checks, with the cache of verified tokens: a remembered token still ends
// when it expires, belongs to the key that verified it, and no other string passes for it.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadSigningKey, signAccessToken, TokenError, verifyToken } from './index.ts';

afterEach(() => vi.useRealTimers());

describe('verifyToken', () => {
	it('verifies a token, and again from the cache, with the same claims', async () => {
		const key = await loadSigningKey();
		const token = await signAccessToken(key, { sub: 'u1', role: 'authenticated' });
		const first = await verifyToken(key, token);
		expect(first).toMatchObject({ sub: 'u1', role: 'authenticated' });
		// A caller changing what it got does not change what the next one gets.
		first.role = 'service_role';
		expect(await verifyToken(key, token)).toMatchObject({ role: 'authenticated' });
	});

	it('refuses a remembered token once it has expired (exp ≤ now, as jose)', async () => {
		const key = await loadSigningKey();
		const now = Math.floor(Date.now() / 1000);
		const token = await signAccessToken(key, { sub: 'u1', role: 'authenticated', exp: now + 60 });
		await verifyToken(key, token);
		vi.useFakeTimers({ now: (now + 60) * 1000, toFake: ['Date'] });
		const error = await verifyToken(key, token).catch((e) => e);
		expect(error).toBeInstanceOf(TokenError);
		expect((error as TokenError).expired).toBe(true);
	});

	it('refuses a token of another key, even one another runtime has verified', async () => {
		const mine = await loadSigningKey();
		const theirs = await loadSigningKey();
		const token = await signAccessToken(theirs, { sub: 'u1', role: 'authenticated' });
		await verifyToken(theirs, token);
		await expect(verifyToken(mine, token)).rejects.toBeInstanceOf(TokenError);
	});

	it('refuses a remembered token with its payload or signature changed', async () => {
		const key = await loadSigningKey();
		const token = await signAccessToken(key, { sub: 'u1', role: 'authenticated' });
		await verifyToken(key, token);
		const [header, payload, signature] = token.split('.');
		const forged = Buffer.from(
			JSON.stringify({
				...JSON.parse(Buffer.from(payload, 'base64url').toString()),
				role: 'service_role'
			})
		).toString('base64url');
		await expect(verifyToken(key, `${header}.${forged}.${signature}`)).rejects.toBeInstanceOf(
			TokenError
		);
		const flipped = signature.slice(0, -2) + (signature.endsWith('AA') ? 'BB' : 'AA');
		await expect(verifyToken(key, `${header}.${payload}.${flipped}`)).rejects.toBeInstanceOf(
			TokenError
		);
	});
});
