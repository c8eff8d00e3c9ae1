import type { Handle } from '@sveltejs/kit';
import { secureCookies } from '$lib/server/cookies';
import { ABSOLUTE_SECONDS, SEEN_COOKIE, sessionExpiry } from '$lib/server/session-limits';

/**
 * Who is signed in: the access token's claims, verified with getClaims() (locally, through the
 * project's JWKS). Ends a session that has been idle or open too long. Visitors without a
 * Supabase cookie cost nothing here and get no cookie.
 */
export const session: Handle = async ({ event, resolve }) => {
	event.locals.claims = null;
	if (!event.cookies.getAll().some((c) => c.name.startsWith('sb-'))) return resolve(event);
	const { data } = await event.locals.supabase.auth.getClaims();
	const claims = data?.claims ?? null;
	if (claims) {
		const now = Math.floor(Date.now() / 1000);
		const seen = Number(event.cookies.get(SEEN_COOKIE)) || null;
		const ended = sessionExpiry(claims, seen, now);
		if (ended) {
			await event.locals.supabase.auth.signOut({ scope: 'local' });
			event.cookies.delete(SEEN_COOKIE, { path: '/' });
			event.locals.sessionEnded = ended;
		} else {
			event.locals.claims = claims;
			event.cookies.set(SEEN_COOKIE, String(now), {
				path: '/',
				httpOnly: true,
				sameSite: 'lax',
				secure: secureCookies(event.url),
				maxAge: ABSOLUTE_SECONDS
			});
		}
	}
	return resolve(event);
};
