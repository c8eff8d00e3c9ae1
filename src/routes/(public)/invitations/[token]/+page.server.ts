import { fail, redirect } from '@sveltejs/kit';
import { localizePath } from '$lib/i18n/locales';
import { translate } from '$lib/i18n/translate';
import * as accounts from '$lib/server/accounts';
import * as organizations from '$lib/server/organizations';
import { withNext } from '$lib/server/next-path';
import type { Actions, PageServerLoad } from './$types';

/**
 * An invitation link from an e-mail. Accepting needs the invited account (signed in).
 * - `invitation`: the organization's name and the offered role; null when the link is wrong,
 *   used or expired (then there is nothing to accept).
 * - `here`: this page's path, for log-in and sign-up to return to.
 */
export const load: PageServerLoad = async ({ locals, params, url }) => ({
	signedIn: locals.claims !== null,
	invitation: await organizations.previewInvitation(locals.supabase, params.token),
	here: url.pathname
});

export const actions: Actions = {
	default: async ({ locals, params, url }) => {
		const here = url.pathname;
		if (!locals.claims) redirect(303, withNext(localizePath('/auth/login', locals.locale), here));
		// Joining is a write: the database wants a confirmed session from a user with an authenticator.
		if (await accounts.needsSecondFactor(locals.supabase, locals.claims))
			redirect(303, withNext(localizePath('/auth/mfa', locals.locale), here));
		const { membership, error } = await organizations.acceptInvitation(
			locals.supabase,
			params.token
		);
		if (error || !membership)
			return fail(400, { message: translate(locals.locale, 'invitation.failed') });
		redirect(303, localizePath(`/organizations/${membership.organization_id}`, locals.locale));
	}
};
