import type postgres from 'postgres';
import type { Caller } from '../keys/gateway.ts';
import { AuthError, forbidden, unprocessable, validationFailed } from './errors.ts';
import type { MailerConfig } from './mailer.ts';
import type { SessionContext } from './sessions.ts';
import type { HookConfig } from './hooks.ts';
import { RateLimiter } from './rate-limit.ts';
import { findById, type UserRow } from './users.ts';

export { RateLimiter };

export interface AuthConfig {
	siteUrl: string;
	additionalRedirectUrls: string[];
	enableSignup: boolean;
	enableConfirmations: boolean;
	otpLength: number;
	otpExpiry: number;
	minimumPasswordLength: number;
	passwordRequirements: string;
	/** As `[auth.rate_limit]`: per IP for requests (per 5 minutes), per hour for the project's mails. */
	rateLimit: Record<string, number>;
	maxEnrolledFactors: number;
	/**
	 * Count requests under the address in `Sb-Forwarded-For` (Supabase Auth's
	 * GOTRUE_SECURITY_SB_FORWARDED_FOR_ENABLED). Off unless set, as in Supabase Auth.
	 */
	sbForwardedForEnabled?: boolean;
	/** Enabled Auth Hooks (`[auth.hook.*]`). */
	hooks?: { passwordVerificationAttempt?: HookConfig };
}

export interface AuthContext {
	sql: postgres.Sql;
	config: AuthConfig;
	session: SessionContext;
	mailer: MailerConfig;
	limiter: RateLimiter;
	log: (line: string) => void;
}

export interface AuthRequest {
	method: string;
	path: string;
	url: URL;
	headers: Headers;
	body: Record<string, unknown>;
	ip: string;
	caller: Caller;
}

export interface AuthResponse {
	status: number;
	headers?: Record<string, string>;
	body?: unknown;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function requireEmail(value: unknown): string {
	if (typeof value !== 'string' || value.trim() === '') {
		throw validationFailed('Email address is required');
	}
	const email = value.trim().toLowerCase();
	if (email.length > 255 || !EMAIL.test(email)) {
		throw validationFailed('Unable to validate email address: invalid format');
	}
	return email;
}

/** Password rules from config.toml: minimum length and required character classes. */
export function checkPassword(
	config: AuthConfig,
	password: unknown,
	missing = 'Password is required'
): string {
	if (typeof password !== 'string' || password === '') {
		throw validationFailed(missing);
	}
	const reasons: string[] = [];
	const messages: string[] = [];
	if ([...password].length < config.minimumPasswordLength) {
		reasons.push('length');
		messages.push(`Password should be at least ${config.minimumPasswordLength} characters.`);
	}
	const sets: Record<string, string[]> = {
		letters_digits: ['abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', '0123456789'],
		lower_upper_letters_digits: [
			'abcdefghijklmnopqrstuvwxyz',
			'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
			'0123456789'
		],
		lower_upper_letters_digits_symbols: [
			'abcdefghijklmnopqrstuvwxyz',
			'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
			'0123456789',
			'!@#$%^&*()_+-=[]{};\'\\:"|<>?,./`~'
		]
	};
	const required = sets[config.passwordRequirements];
	if (required && !required.every((set) => [...password].some((c) => set.includes(c)))) {
		reasons.push('characters');
		messages.push(
			`Password should contain at least one character of each: ${required.join(', ')}.`
		);
	}
	if (reasons.length) {
		throw new AuthError(422, 'weak_password', messages.join(' '), { weak_password: { reasons } });
	}
	return password;
}

/** The signed-in user and session behind the request's access token. */
export async function requireUser(
	ctx: AuthContext,
	req: AuthRequest
): Promise<{ user: UserRow; sessionId: string; aal: string }> {
	const { claims } = req.caller;
	const sub = typeof claims.sub === 'string' ? claims.sub : '';
	if (!sub) {
		throw new AuthError(403, 'bad_jwt', 'invalid claim: missing sub claim');
	}
	const user = await findById(ctx.sql, sub);
	if (!user) throw forbidden('user_not_found', 'User from sub claim in JWT does not exist');
	const sessionId = typeof claims.session_id === 'string' ? claims.session_id : '';
	const [session] = sessionId
		? await ctx.sql<
				{ id: string; aal: string }[]
			>`select id, aal from auth.sessions where id = ${sessionId} and user_id = ${sub}`
		: [];
	if (!session) {
		throw forbidden('session_not_found', 'Session from session_id claim in JWT does not exist');
	}
	return { user, sessionId, aal: session.aal ?? 'aal1' };
}

export function requireAdmin(req: AuthRequest): void {
	if (req.caller.role !== 'service_role') throw forbidden('not_admin', 'User not allowed');
}

/** `redirect_to` if it is the site or one of the allowed URLs (globs), else the site URL. */
export function safeRedirect(config: AuthConfig, redirectTo: unknown): string {
	if (typeof redirectTo !== 'string' || !redirectTo) return config.siteUrl;
	const allowed = [config.siteUrl, ...config.additionalRedirectUrls];
	for (const pattern of allowed) {
		if (pattern.includes('*')) {
			const re = new RegExp(
				`^${pattern
					.replace(/[.+?^${}()|[\]\\]/g, '\\$&')
					.replace(/\*\*/g, '.*')
					.replace(/(?<!\.)\*/g, '[^/]*')}$`
			);
			if (re.test(redirectTo)) return redirectTo;
		} else if (redirectTo === pattern || redirectTo.startsWith(pattern.replace(/\/?$/, '/'))) {
			return redirectTo;
		}
	}
	return config.siteUrl;
}

export const assertString = (value: unknown, name: string): string => {
	if (typeof value !== 'string' || !value) throw validationFailed(`${name} is required`);
	return value;
};

export { unprocessable };
