import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { randomUUID } from 'node:crypto';
import {
	exportJWK,
	generateKeyPair,
	importJWK,
	jwtVerify,
	SignJWT,
	decodeProtectedHeader,
	type JWK,
	type JWTPayload
} from 'jose';

/**
 * Fixed local keys, published like the Supabase CLI's: they only ever open a development or test
 * runtime on loopback. The runtime refuses to start with them when NODE_ENV=production.
 */
export const LOCAL_PUBLISHABLE_KEY = 'sb_publishable_ACJWlzQHlZjBrEguHvfOxg_3BJgxAaH';
export const LOCAL_SECRET_KEY = 'sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz';
/** The Supabase CLI's legacy HS256 secret, for older tools that still send anon/service_role JWTs. */
export const LEGACY_JWT_SECRET = 'super-secret-jwt-token-with-at-least-32-characters-long';

export type ApiRole = 'anon' | 'authenticated' | 'service_role';

export interface SigningKey {
	kid: string;
	privateJwk: JWK;
	publicJwk: JWK;
}

/** The ES256 key that signs user access tokens: kept in `path` (created on first use), or in memory. */
export async function loadSigningKey(path?: string): Promise<SigningKey> {
	if (path && existsSync(path)) {
		const privateJwk = JSON.parse(await readFile(path, 'utf8')) as JWK;
		return { kid: privateJwk.kid!, privateJwk, publicJwk: publicPart(privateJwk) };
	}
	const { privateKey } = await generateKeyPair('ES256', { extractable: true });
	const privateJwk = {
		...(await exportJWK(privateKey)),
		kid: randomUUID(),
		alg: 'ES256',
		use: 'sig'
	};
	if (path) {
		await mkdir(dirname(path), { recursive: true });
		await writeFile(path, JSON.stringify(privateJwk), { mode: 0o600 });
	}
	return { kid: privateJwk.kid, privateJwk, publicJwk: publicPart(privateJwk) };
}

function publicPart(jwk: JWK): JWK {
	const { kty, crv, x, y, kid } = jwk;
	return { kty, crv, x, y, kid, alg: 'ES256', use: 'sig', key_ops: ['verify'] };
}

/** The JSON Web Key Set served at /auth/v1/.well-known/jwks.json. */
export function jwks(key: SigningKey): { keys: JWK[] } {
	return { keys: [key.publicJwk] };
}

/** Signs an access token (ES256, with the key id), as Supabase Auth does. */
export async function signAccessToken(key: SigningKey, claims: JWTPayload): Promise<string> {
	const now = Math.floor(Date.now() / 1000);
	return new SignJWT({ iat: now, exp: now + 3600, ...claims })
		.setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'JWT' })
		.sign(await imported(key.privateJwk));
}

/** Keys imported once (WebCrypto's import is a job on the thread pool every time). */
const importedKeys = new WeakMap<JWK, Promise<CryptoKey | Uint8Array>>();
function imported(jwk: JWK): Promise<CryptoKey | Uint8Array> {
	let found = importedKeys.get(jwk);
	if (!found) importedKeys.set(jwk, (found = importJWK(jwk, 'ES256')));
	return found;
}

/**
 * Tokens already verified, until they expire: PostgREST keeps such a cache too
 * (`jwt-cache-max-entries`, docs: Configuration > JWT Cache). Bounded; the oldest go first.
 */
const verifiedBy = new WeakMap<SigningKey, Map<string, JWTPayload>>();
const VERIFIED_MAX = 1000;

function verifiedFor(key: SigningKey): Map<string, JWTPayload> {
	let found = verifiedBy.get(key);
	if (!found) verifiedBy.set(key, (found = new Map()));
	return found;
}

function remember(verified: Map<string, JWTPayload>, token: string, payload: JWTPayload): void {
	// Only tokens that end: one without `exp` is verified every time. None with `nbf`, whose
	// time has to be checked on each use.
	if (typeof payload.exp !== 'number' || payload.nbf !== undefined) return;
	if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value!);
	verified.set(token, payload);
}

/** A legacy HS256 API key JWT (anon or service_role) as the Supabase CLI prints them. */
export async function legacyApiJwt(role: 'anon' | 'service_role'): Promise<string> {
	return new SignJWT({ iss: 'supabase-demo', role })
		.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
		.setExpirationTime(1983812996)
		.sign(new TextEncoder().encode(LEGACY_JWT_SECRET));
}

export class TokenError extends Error {
	expired: boolean;
	constructor(message: string, expired = false) {
		super(message);
		this.expired = expired;
	}
}

/** Verifies a JWT signed by our ES256 key or the legacy HS256 secret; throws TokenError. */
export async function verifyToken(key: SigningKey, token: string): Promise<JWTPayload> {
	// Per key: a runtime with another key (tests start several) must verify for itself.
	const verified = verifiedFor(key);
	const known = verified.get(token);
	// Expired as jose judges it (exp <= now): verified again below, which says so.
	if (known && (known.exp as number) > Math.floor(Date.now() / 1000)) return { ...known };
	if (known) verified.delete(token);
	let alg: string | undefined;
	const parts = token.split('.').length;
	if (parts !== 3) throw new TokenError(`Expected 3 parts in JWT; got ${parts}`);
	try {
		alg = decodeProtectedHeader(token).alg;
	} catch {
		throw new TokenError('Invalid JWT serialization');
	}
	try {
		if (alg === 'ES256') {
			const { payload } = await jwtVerify(token, await imported(key.publicJwk), {
				algorithms: ['ES256']
			});
			remember(verified, token, payload);
			return { ...payload };
		}
		if (alg === 'HS256') {
			const secret = new TextEncoder().encode(LEGACY_JWT_SECRET);
			const { payload } = await jwtVerify(token, secret, { algorithms: ['HS256'] });
			remember(verified, token, payload);
			return { ...payload };
		}
	} catch (error) {
		const code = (error as { code?: string }).code;
		if (code === 'ERR_JWT_EXPIRED') throw new TokenError('JWT expired', true);
		throw new TokenError('No suitable key or wrong key type');
	}
	throw new TokenError('Wrong or unsupported encoding algorithm');
}
