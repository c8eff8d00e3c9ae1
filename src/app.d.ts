import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';
import type { Locale } from '$lib/i18n/locales';

declare global {
	namespace App {
		interface Locals {
			/** The page's language, from its URL (never from the shared svelte-i18n store). */
			locale: Locale;
			/** Supabase client for this request: publishable key plus the caller's session. */
			supabase: SupabaseClient<Database>;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
