import type { z } from 'zod';
import type { Locale } from '$lib/i18n/locales';
import type { MessageKey } from '$lib/i18n/messages';
import { translate } from '$lib/i18n/translate';

/** The first error of each field, translated: `{ email: 'Skriv inn e-postadressen din' }`. */
export function fieldErrors(error: z.ZodError, locale: Locale): Record<string, string> {
	const out: Record<string, string> = {};
	for (const issue of error.issues) {
		const field = String(issue.path[0] ?? 'form');
		out[field] ??= translate(locale, issue.message as MessageKey);
	}
	return out;
}
