import type { Reroute } from '@sveltejs/kit';
import { stripLocale } from '$lib/i18n/locales';

/** English pages live under /en: route them to the same files as their Bokmål twins. */
export const reroute: Reroute = ({ url }) => stripLocale(url.pathname);
