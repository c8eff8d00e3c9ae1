import { randomInt } from 'node:crypto';

// No 0/o, 1/l/i: the codes are read off paper and typed in by hand.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export const RECOVERY_CODE_COUNT = 10;

/** Ten fresh codes such as `k7m2q-x9p4r` (10 characters of 31: about 50 bits each). */
export function generateRecoveryCodes(): string[] {
	return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
		const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]);
		return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
	});
}

/** A typed code as it was issued: lower case, without spaces and hyphens. */
export const normalizeRecoveryCode = (code: string) => code.toLowerCase().replace(/[\s-]/g, '');

/**
 * What the database keeps of a code: SHA-256 (hex) of the user's id and the normalized code, so
 * equal codes of two people never share a hash. Codes carry ~50 random bits and guessing is
 * rate-limited, so a fast hash is enough.
 */
export async function hashRecoveryCode(userId: string, code: string): Promise<string> {
	const input = new TextEncoder().encode(`${userId}:${normalizeRecoveryCode(code)}`);
	const digest = await crypto.subtle.digest('SHA-256', input);
	return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
