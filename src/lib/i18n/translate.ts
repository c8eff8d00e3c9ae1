import { IntlMessageFormat } from 'intl-messageformat';
import { catalogues, flatten, type MessageKey } from './messages';
import type { Locale } from './locales';

const flat: Record<Locale, Record<string, string>> = {
	nb: flatten(catalogues.nb),
	en: flatten(catalogues.en)
};
const cache = new Map<string, IntlMessageFormat>();

type Values = Record<string, string | number>;

/**
 * Server-side translation with an explicit locale. The svelte-i18n store is global to the
 * process, so server code (e-mails, feeds, errors) never reads it: concurrent requests would
 * get each other's language. Format dates yourself (with the activity's time zone) and pass strings.
 */
export function translate(locale: Locale, key: MessageKey, values?: Values): string {
	const id = `${locale}\u0000${key}`;
	let format = cache.get(id);
	if (!format) {
		const message = flat[locale][key] ?? flat.nb[key];
		if (message === undefined) return key;
		format = new IntlMessageFormat(message, locale === 'nb' ? 'nb-NO' : 'en-GB');
		cache.set(id, format);
	}
	return String(format.format(values));
}
