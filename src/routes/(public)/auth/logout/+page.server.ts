import { redirect } from '@sveltejs/kit';
import { localizePath } from '$lib/i18n/locales';
import * as accounts from '$lib/server/accounts';
import { SEEN_COOKIE } from '$lib/server/session-limits';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	redirect(303, localizePath('/auth/login', locals.locale));
};

export const actions: Actions = {
	/** Logs out here and on the server (the refresh token stops working). */
	default: async ({ locals, cookies }) => {
		await accounts.logOut(locals.supabase);
		cookies.delete(SEEN_COOKIE, { path: '/' });
		redirect(303, `${localizePath('/auth/login', locals.locale)}?ended=loggedOut`);
	}
};
