import { addMessages, init } from 'svelte-i18n';
import { catalogues } from './messages';
import { defaultLocale } from './locales';

// Messages are bundled, not loaded lazily: the first render (on the server, or without
// JavaScript) must already have them. The root layout sets the locale from the URL.
addMessages('nb', catalogues.nb);
addMessages('en', catalogues.en);
init({ fallbackLocale: defaultLocale, initialLocale: defaultLocale });

export { localizePath, localeFromPath, type Locale } from './locales';
