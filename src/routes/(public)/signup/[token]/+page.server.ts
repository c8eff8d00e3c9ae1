import { fail } from '@sveltejs/kit';
import { translate } from '$lib/i18n/translate';
import * as signups from '$lib/server/signups';
import { readForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const csr = false;

/**
 * The participant's manage page, reached by the secret link from the confirmation. Showing it
 * changes nothing (a mail scanner's GET cannot cancel); cancelling and deleting are posts.
 * - `signup`: the sign-up with its date and place, `deleted` after the purge; null if unknown.
 * - `token`: the link's secret, for the page's own links.
 */
export const load: PageServerLoad = async ({ locals, params, setHeaders }) => {
	// The page carries personal data and its address is a secret: never stored, never indexed.
	setHeaders({ 'cache-control': 'no-store', 'x-robots-tag': 'noindex' });
	return { signup: await signups.byToken(locals.supabase, params.token), token: params.token };
};

export const actions: Actions = {
	cancel: async ({ locals, params }) => {
		const failure = await signups.cancelByToken(locals.supabase, params.token);
		if (failure) return fail(failure.status, { message: translate(locals.locale, failure.error) });
		return { success: translate(locals.locale, 'signup.manage.cancelled') };
	},
	erase: async ({ request, locals, params }) => {
		const values = await readForm(request);
		if (values.confirm !== 'yes')
			return fail(400, {
				errors: { confirm: translate(locals.locale, 'signup.errors.eraseConfirm') }
			});
		const failure = await signups.eraseByToken(locals.supabase, params.token);
		if (failure) return fail(failure.status, { message: translate(locals.locale, failure.error) });
		return { success: translate(locals.locale, 'signup.manage.erased') };
	}
};
