import type { JwtPayload, SupabaseClient, User } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';

/** Whether the account has an authenticator it has confirmed. */
export const hasAuthenticator = (user: User | null) =>
	(user?.factors ?? []).some((f) => f.status === 'verified');

/**
 * Sessions just found to need no second factor (their account had no authenticator), for a few
 * seconds: an organizer's page and its form posts then ask Auth once, not on every request.
 * Only that answer is kept, per session: "needs the code" is asked again every time. The one
 * thing it can delay is an authenticator added on another device reaching a password session
 * here, by at most NO_FACTOR_MS; the database refuses that session's writes and attendee names
 * meanwhile all the same (`private.can_write`, 20261129120000_second_factor.sql).
 */
export const NO_FACTOR_MS = 10_000;
const NO_FACTOR_MAX = 10_000;
const noFactorUntil = new Map<string, number>();

function remembered(key: string, now: number): boolean {
	const until = noFactorUntil.get(key);
	if (until === undefined) return false;
	if (until > now) return true;
	noFactorUntil.delete(key);
	return false;
}

function remember(key: string, now: number): void {
	if (noFactorUntil.size >= NO_FACTOR_MAX) {
		for (const [k, until] of noFactorUntil) if (until <= now) noFactorUntil.delete(k);
		// Still full of live entries: the oldest go.
		for (const k of noFactorUntil.keys()) {
			if (noFactorUntil.size < NO_FACTOR_MAX) break;
			noFactorUntil.delete(k);
		}
	}
	noFactorUntil.set(key, now + NO_FACTOR_MS);
}

/**
 * Whether this session must still be confirmed with an authenticator (aal1 → aal2). The level
 * comes from the verified token's claims, the factors from Auth itself (getUser), never from the
 * session cookie's copy of the user, which the browser controls. Fails closed: if Auth cannot
 * say, the code is asked for.
 */
export async function needsSecondFactor(
	supabase: SupabaseClient<Database>,
	claims: JwtPayload,
	now = Date.now()
): Promise<boolean> {
	if (claims.aal === 'aal2') return false;
	const session = typeof claims.session_id === 'string' ? claims.session_id : null;
	const key = session && claims.sub ? `${claims.sub}:${session}` : null;
	if (key && remembered(key, now)) return false;
	const { data, error } = await supabase.auth.getUser();
	if (error) return true;
	const needs = hasAuthenticator(data.user);
	if (!needs && key) remember(key, now);
	return needs;
}
