import {
	LOCAL_PUBLISHABLE_KEY,
	LOCAL_SECRET_KEY,
	TokenError,
	verifyToken,
	type SigningKey
} from './index.ts';

export interface Caller {
	role: string;
	/** What `request.jwt.claims` holds for the request. */
	claims: Record<string, unknown>;
}

export interface Refusal {
	status: number;
	body: Record<string, unknown>;
	headers?: Record<string, string>;
}

/**
 * What Supabase's API gateway and PostgREST decide from a request's `apikey` and `Authorization`
 * headers: the publishable key is `anon`, the secret key `service_role`; a user's access token
 * (ES256, or a legacy HS256 JWT) in `Authorization: Bearer` gives its own role and claims.
 */
export async function identify(
	headers: Headers,
	key: SigningKey,
	keys = { publishable: LOCAL_PUBLISHABLE_KEY, secret: LOCAL_SECRET_KEY }
): Promise<Caller | Refusal> {
	const apikey = headers.get('apikey');
	const bearer = /^Bearer\s+(.+)$/i.exec(headers.get('authorization') ?? '')?.[1]?.trim();
	if (!apikey) {
		return {
			status: 401,
			body: {
				message: 'No API key found in request',
				hint: 'No `apikey` request header or url param was found.'
			}
		};
	}
	let base: Caller;
	if (apikey === keys.publishable) base = { role: 'anon', claims: { role: 'anon' } };
	else if (apikey === keys.secret)
		base = { role: 'service_role', claims: { role: 'service_role' } };
	else if (apikey.startsWith('sb_')) return invalidApiKey();
	else {
		// A legacy anon/service_role JWT used as the API key.
		try {
			const claims = await verifyToken(key, apikey);
			if (claims.role !== 'anon' && claims.role !== 'service_role') return invalidApiKey();
			base = { role: String(claims.role), claims: { ...claims } };
		} catch {
			return invalidApiKey();
		}
	}
	if (!bearer || bearer === apikey || bearer === keys.publishable || bearer === keys.secret) {
		return base;
	}
	try {
		const claims = await verifyToken(key, bearer);
		const role = typeof claims.role === 'string' && claims.role ? claims.role : base.role;
		return { role, claims: { ...claims } };
	} catch (error) {
		const expired = error instanceof TokenError && error.expired;
		return {
			status: 401,
			body: {
				code: expired ? 'PGRST303' : 'PGRST301',
				details: null,
				hint: null,
				message: error instanceof Error ? error.message : 'Invalid JWT'
			},
			headers: {
				'www-authenticate': `Bearer error="invalid_token", error_description="${
					expired ? 'JWT expired' : 'invalid token'
				}"`
			}
		};
	}
}

function invalidApiKey(): Refusal {
	return {
		status: 401,
		body: {
			message: 'Invalid API key',
			hint: 'Double check your Supabase `anon` or `service_role` API key.'
		}
	};
}

export const isRefusal = (value: Caller | Refusal): value is Refusal => 'status' in value;
