/**
 * An error as Supabase Auth answers it. With `X-Supabase-Api-Version: 2024-01-01` (auth-js sends
 * it) the body is `{ code, message }`; without, the older `{ code: status, error_code, msg }`
 * (supabase/auth internal/api/errors.go, HTTPErrorResponse20240101).
 */
export class AuthError extends Error {
	status: number;
	code: string;
	extra: Record<string, unknown>;
	headers: Record<string, string>;
	constructor(status: number, code: string, message: string, extra: Record<string, unknown> = {}) {
		super(message);
		this.status = status;
		this.code = code;
		this.extra = extra;
		this.headers = {};
	}

	body(apiVersion: string | null): Record<string, unknown> {
		if (apiVersion && apiVersion >= '2024-01-01') {
			return { code: this.code, message: this.message, ...this.extra };
		}
		return { code: this.status, error_code: this.code, msg: this.message, ...this.extra };
	}
}

export const badRequest = (code: string, message: string) => new AuthError(400, code, message);
export const validationFailed = (message: string) =>
	new AuthError(400, 'validation_failed', message);
export const forbidden = (code: string, message: string) => new AuthError(403, code, message);
export const unprocessable = (code: string, message: string) => new AuthError(422, code, message);
export const notFound = (code: string, message: string) => new AuthError(404, code, message);

/** Token and OTP checks that fail all answer alike, so nothing is learnt from the difference. */
export const otpExpired = () => forbidden('otp_expired', 'Token has expired or is invalid');

/**
 * The message Supabase Auth gives a token it cannot accept (internal/api/auth.go parseJWTClaims:
 * 403 bad_jwt, with golang-jwt's reason), from the gateway's refusal of that token.
 */
export function badJwtMessage(refusal: { code?: unknown; message?: unknown }): string {
	const reason =
		refusal.code === 'PGRST303'
			? 'token has invalid claims: token is expired'
			: String(refusal.message);
	return `invalid JWT: unable to parse or verify signature, ${reason}`;
}
