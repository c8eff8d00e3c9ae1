/** The languages Sammen speaks. Bokmål lives at the root, English under /en. */
export const locales = ['nb', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'nb';

/** The language a path is in: decided by the URL alone (no cookie, no header). */
export function localeFromPath(pathname: string): Locale {
	return pathname === '/en' || pathname.startsWith('/en/') ? 'en' : 'nb';
}

/** The path without its language prefix: what the router matches. */
export function stripLocale(pathname: string): string {
	if (pathname === '/en') return '/';
	return pathname.startsWith('/en/') ? pathname.slice(3) : pathname;
}

/** A path (without prefix) as it is addressed in `locale`. */
export function localizePath(pathname: string, locale: Locale): string {
	const bare = stripLocale(pathname);
	if (locale === defaultLocale) return bare;
	return bare === '/' ? '/en' : `/en${bare}`;
}

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (locales as readonly string[]).includes(value);
}
