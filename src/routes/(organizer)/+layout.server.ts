import { redirect } from '@sveltejs/kit';
import { localizePath } from '$lib/i18n/locales';
import * as accounts from '$lib/server/accounts';
import type { LayoutServerLoad } from './$types';

/**
 * Organizer pages need a signed-in organizer; one with an authenticator must also have
 * confirmed this session with it (aal2). An ended session says why on the log-in page.
 */
export const load: LayoutServerLoad = async ({ locals }) => {
	if (!locals.claims) {
		const ended = locals.sessionEnded ? `?ended=${locals.sessionEnded}` : '';
		redirect(303, `${localizePath('/auth/login', locals.locale)}${ended}`);
	}
	if (await accounts.needsSecondFactor(locals.supabase))
		redirect(303, localizePath('/auth/mfa', locals.locale));
	return { email: typeof locals.claims.email === 'string' ? locals.claims.email : '' };
};
