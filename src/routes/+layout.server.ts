import type { LayoutServerLoad } from './$types';

// Pages work as plain HTML forms: SvelteKit's client is opt-in (the organizer area turns it on).
// A visitor's pages, the error page included, then ship none of it, and so keep nothing in the
// browser: its router writes scroll positions to sessionStorage as a page is left.
export const csr = false;

/**
 * - `locale`: the page's language, resolved from the URL by the locale hook.
 * - `signedIn`: whether an organizer is signed in (for the header's links).
 */
export const load: LayoutServerLoad = ({ locals }) => ({
	locale: locals.locale,
	signedIn: locals.claims !== null
});
