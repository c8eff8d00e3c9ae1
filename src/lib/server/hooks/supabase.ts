import { createServerClient } from '@supabase/ssr';
import type { Handle } from '@sveltejs/kit';
import type { Database } from '$lib/database.types';
import { secureCookies } from '$lib/server/cookies';
import { supabaseConfig } from '$lib/server/supabase-config';

/** Supabase's own cookies start with this; no other cookie is handed to the client. */
const SUPABASE_COOKIE = /^sb-/;

/**
 * A Supabase client per request, with the publishable key and the caller's session cookies, so
 * Row Level Security sees the visitor (anon) or the signed-in organizer — never more. Session
 * cookies are httpOnly (no script of ours needs them) and SameSite=Lax.
 */
export const supabase: Handle = async ({ event, resolve }) => {
	const { url, publishableKey } = supabaseConfig();
	const secure = secureCookies(event.url);
	event.locals.supabase = createServerClient<Database>(url, publishableKey, {
		// Auth sees this server's address on every request; this header gives it the visitor's,
		// so its per-IP limits count each visitor (Supabase Auth honours it when
		// GOTRUE_SECURITY_SB_FORWARDED_FOR_ENABLED is on; README, "Deploying").
		global: { headers: { 'sb-forwarded-for': event.getClientAddress() } },
		cookies: {
			getAll: () => event.cookies.getAll().filter((c) => SUPABASE_COOKIE.test(c.name)),
			setAll: (cookies) => {
				for (const { name, value, options } of cookies) {
					event.cookies.set(name, value, {
						...options,
						path: '/',
						httpOnly: true,
						sameSite: 'lax',
						secure
					});
				}
			}
		}
	});
	return resolve(event, {
		// Supabase's client reads these two headers of its responses.
		filterSerializedResponseHeaders: (name) =>
			name === 'content-range' || name === 'x-supabase-api-version'
	});
};
