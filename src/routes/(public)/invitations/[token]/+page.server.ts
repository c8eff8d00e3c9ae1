import { fail, redirect } from '@sveltejs/kit';
import { localizePath } from '$lib/i18n/locales';
import { translate } from '$lib/i18n/translate';
import * as accounts from '$lib/server/accounts';
import * as organizations from '$lib/server/organizations';
import type { Actions, PageServerLoad } from './$types';

/** An invitation link from an e-mail. Accepting needs the invited account (signed in). */
export const load: PageServerLoad = ({ locals }) => ({ signedIn: locals.claims !== null });

export const actions: Actions = {
	default: async ({ locals, params }) => {
		if (!locals.claims) redirect(303, localizePath('/auth/login', locals.locale));
		// Joining is a write: the database wants a confirmed session from a user with an authenticator.
		if (await accounts.needsSecondFactor(locals.supabase, locals.claims))
			redirect(303, localizePath('/auth/mfa', locals.locale));
		const { membership, error } = await organizations.acceptInvitation(
			locals.supabase,
			params.token
		);
		if (error || !membership)
			return fail(400, { message: translate(locals.locale, 'invitation.failed') });
		redirect(303, localizePath(`/organizations/${membership.organization_id}`, locals.locale));
	}
};
