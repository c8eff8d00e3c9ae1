import type { JwtPayload } from '@supabase/supabase-js';

/** How recent the e-mail link must be that lets a session choose a new password. */
export const EMAIL_PROOF_SECONDS = 15 * 60;

/**
 * Whether the session was opened by an e-mail link (a reset link, or any one-time link: the
 * token's `amr` says `otp`, `recovery` or `magiclink`) in the last EMAIL_PROOF_SECONDS. Only such
 * a session may set a new password without the old one: a session opened with the password, if
 * someone else got hold of it, could otherwise take the account for good.
 */
export function provedEmail(claims: JwtPayload | null, now = Date.now() / 1000): boolean {
	return (claims?.amr ?? []).some(
		(entry) =>
			typeof entry === 'object' &&
			['otp', 'recovery', 'magiclink'].includes(entry.method) &&
			now - entry.timestamp <= EMAIL_PROOF_SECONDS
	);
}
