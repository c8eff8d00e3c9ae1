import en from './locales/en.json';
import nb from './locales/nb.json';
import type { Locale } from './locales';

/** Both catalogues; nb is the reference shape (a unit test keeps en identical in keys and arguments). */
export const catalogues: Record<Locale, typeof nb> = { nb, en };

type Leaves<T, P extends string = ''> = {
	[K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** Every message key, typed: `site.name`, `home.title`, … */
export type MessageKey = Leaves<typeof nb>;

/** Flattens a nested catalogue into `area.thing` keys. */
export function flatten(tree: object, prefix = ''): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of Object.entries(tree)) {
		if (typeof value === 'string') out[prefix + key] = value;
		else Object.assign(out, flatten(value as object, `${prefix}${key}.`));
	}
	return out;
}
