import type { JwtPayload, SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';
import type { Locale } from '$lib/i18n/locales';

declare global {
	namespace App {
		interface Locals {
			/** The page's language, from its URL (never from the shared svelte-i18n store). */
			locale: Locale;
			/** Supabase client for this request: publishable key plus the caller's session. */
			supabase: SupabaseClient<Database>;
			/** The signed-in user's verified access-token claims, or null for a visitor. */
			claims: JwtPayload | null;
			/** Set when this request ended a session for being idle or open too long. */
			sessionEnded?: 'idle' | 'absolute';
		}
		interface Error {
			message: string;
		}
	}
}

export {};
