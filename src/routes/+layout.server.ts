import type { LayoutServerLoad } from './$types';

/**
 * - `locale`: the page's language, resolved from the URL by the locale hook.
 * - `signedIn`: whether an organizer is signed in (for the header's links).
 */
export const load: LayoutServerLoad = ({ locals }) => ({
	locale: locals.locale,
	signedIn: locals.claims !== null
});
