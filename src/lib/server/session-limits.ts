/**
 * Organizer sessions end after 30 minutes without a request and 12 hours after sign-in. Hosted
 * Supabase's own session time-boxing is a paid feature, so the app enforces both.
 */
export const IDLE_SECONDS = Number(process.env.SAMMEN_IDLE_TIMEOUT_SECONDS) || 30 * 60;
export const ABSOLUTE_SECONDS = Number(process.env.SAMMEN_ABSOLUTE_TIMEOUT_SECONDS) || 12 * 60 * 60;

/** The cookie that holds the time of the signed-in user's last request. */
export const SEEN_COOKIE = 'sammen-seen';

export interface SessionClaims {
	/** Supabase Auth's `amr`: `[{ method, timestamp }]`. */
	amr?: unknown;
	iat?: number;
}

/** When the session's first sign-in happened (the oldest authentication method). */
export function signedInAt(claims: SessionClaims): number | null {
	const entries = Array.isArray(claims.amr) ? (claims.amr as { timestamp?: unknown }[]) : [];
	const times = entries.map((a) => Number(a?.timestamp)).filter((t) => Number.isFinite(t));
	return times.length ? Math.min(...times) : (claims.iat ?? null);
}

/** Why a session must end now, or null while it may go on. `now` and `lastSeen` in seconds. */
export function sessionExpiry(
	claims: SessionClaims,
	lastSeen: number | null,
	now: number,
	limits = { idle: IDLE_SECONDS, absolute: ABSOLUTE_SECONDS }
): 'idle' | 'absolute' | null {
	const start = signedInAt(claims);
	if (start !== null && now - start > limits.absolute) return 'absolute';
	if (lastSeen !== null && now - lastSeen > limits.idle) return 'idle';
	return null;
}
