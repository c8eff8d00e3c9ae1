import { redirect } from '@sveltejs/kit';
import { localizePath } from '$lib/i18n/locales';
import * as accounts from '$lib/server/accounts';
import { provedEmail } from '$lib/server/email-proof';
import { formError, parse, readForm } from '$lib/server/forms';
import { newPasswordSchema } from '$lib/schemas/auth';
import type { Actions, PageServerLoad } from './$types';

/**
 * Reached from a password-reset link (which signed the person in). Any other session is sent to
 * ask for such a link: the new password needs the e-mail, not only a session.
 */
export const load: PageServerLoad = ({ locals }) => {
	if (!provedEmail(locals.claims)) redirect(303, localizePath('/auth/forgot', locals.locale));
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		if (!provedEmail(locals.claims)) redirect(303, localizePath('/auth/forgot', locals.locale));
		const values = await readForm(request);
		const { data, failure } = parse(newPasswordSchema, values, locals.locale);
		if (!data) return failure;
		const result = await accounts.updatePassword(locals.supabase, data.password);
		if (result) return formError(400, result.error, locals.locale, values);
		return { saved: true };
	}
};
