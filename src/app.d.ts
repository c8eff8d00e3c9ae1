import type { Locale } from '$lib/i18n/locales';

declare global {
	namespace App {
		interface Locals {
			/** The page's language, from its URL (never from the shared svelte-i18n store). */
			locale: Locale;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
