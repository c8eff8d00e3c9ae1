import { readTheme } from '$lib/embed/theme';
import type { LayoutServerLoad } from './$types';

/** Embeds render completely on the server: no app JavaScript, no forms, no cookies. */
export const csr = false;

/**
 * - `theme`: the host site's accent colour, compactness and heading (invalid values dropped).
 * - `origin`: Sammen's own address, so every link out is absolute (the page sits in another site).
 */
export const load: LayoutServerLoad = ({ url }) => ({
	theme: readTheme(url.searchParams).theme,
	origin: url.origin
});
