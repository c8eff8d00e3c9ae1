import type { LayoutServerLoad } from './$types';

// The dashboard's forms use the client's enhancements (spinners, dialogs); the root turns it off.
export const csr = true;

/**
 * The organizer's address for the page header. Who may see organizer pages at all (signed in,
 * second factor confirmed) is decided for every request, actions included, by the guard hook
 * (src/lib/server/hooks/guard.ts), so it is not repeated here.
 */
export const load: LayoutServerLoad = async ({ locals }) => ({
	email: typeof locals.claims?.email === 'string' ? locals.claims.email : ''
});
