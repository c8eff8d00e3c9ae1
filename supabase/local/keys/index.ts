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
		.sign(await importJWK(key.privateJwk, 'ES256'));
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
			const { payload } = await jwtVerify(token, await importJWK(key.publicJwk, 'ES256'), {
				algorithms: ['ES256']
			});
			return payload;
		}
		if (alg === 'HS256') {
			const secret = new TextEncoder().encode(LEGACY_JWT_SECRET);
			const { payload } = await jwtVerify(token, secret, { algorithms: ['HS256'] });
			return payload;
		}
	} catch (error) {
		const code = (error as { code?: string }).code;
		if (code === 'ERR_JWT_EXPIRED') throw new TokenError('JWT expired', true);
		throw new TokenError('No suitable key or wrong key type');
	}
	throw new TokenError('Wrong or unsupported encoding algorithm');
}
