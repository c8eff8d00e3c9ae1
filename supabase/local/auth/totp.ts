import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Buffer): string {
	let bits = 0;
	let value = 0;
	let out = '';
	for (const byte of bytes) {
		value = (value << 8) | byte;
		bits += 8;
		while (bits >= 5) {
			out += ALPHABET[(value >>> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
	return out;
}

export function base32Decode(text: string): Buffer {
	let bits = 0;
	let value = 0;
	const out: number[] = [];
	for (const ch of text.replace(/=+$/, '').toUpperCase()) {
		const idx = ALPHABET.indexOf(ch);
		if (idx < 0) throw new Error('invalid base32');
		value = (value << 5) | idx;
		bits += 5;
		if (bits >= 8) {
			out.push((value >>> (bits - 8)) & 255);
			bits -= 8;
		}
	}
	return Buffer.from(out);
}

/** A new TOTP secret: 20 random bytes, base32 (as authenticator apps expect). */
export const newSecret = () => base32Encode(randomBytes(20));

/** RFC 6238 TOTP code (HMAC-SHA1, 30 s steps, 6 digits) for `time` (ms). */
export function totp(secret: string, time = Date.now(), step = 0): string {
	const counter = Math.floor(time / 30_000) + step;
	const buf = Buffer.alloc(8);
	buf.writeBigUInt64BE(BigInt(counter));
	const hmac = createHmac('sha1', base32Decode(secret)).update(buf).digest();
	const offset = hmac[hmac.length - 1] & 0xf;
	const code = (hmac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
	return String(code).padStart(6, '0');
}

/** Accepts the current code and the ones next to it (clock drift), as Supabase Auth does. */
export function verifyTotp(secret: string, code: string, time = Date.now()): boolean {
	if (!/^\d{6}$/.test(code)) return false;
	return [-1, 0, 1].some((step) =>
		timingSafeEqual(Buffer.from(totp(secret, time, step)), Buffer.from(code))
	);
}
