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
