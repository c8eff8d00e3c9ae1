import type { Handle } from '@sveltejs/kit';
import { localeFromPath } from '$lib/i18n/locales';

/** Resolves the page's language from its URL into locals, and writes it into <html lang>. */
export const locale: Handle = async ({ event, resolve }) => {
	const lang = localeFromPath(event.url.pathname);
	event.locals.locale = lang;
	return resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', lang)
	});
};
