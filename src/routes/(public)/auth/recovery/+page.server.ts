import { redirect } from '@sveltejs/kit';
import { localizePath } from '$lib/i18n/locales';
import * as accounts from '$lib/server/accounts';
import { formError, limitedCode, parse, readForm } from '$lib/server/forms';
import { recoveryCodeSchema } from '$lib/schemas/auth';
import type { Actions, PageServerLoad } from './$types';

/** Logging in with a recovery code instead of a lost authenticator app (after the password). */
export const load: PageServerLoad = async ({ locals }) => {
	if (!locals.claims) redirect(303, localizePath('/auth/login', locals.locale));
	if (!(await accounts.needsSecondFactor(locals.supabase, locals.claims)))
		redirect(303, localizePath('/dashboard', locals.locale));
};

export const actions: Actions = {
	/** A valid code is spent and the lost app removed; then on to connect a new one. */
	default: async ({ request, locals, getClientAddress }) => {
		if (!locals.claims) redirect(303, localizePath('/auth/login', locals.locale));
		const userId = String(locals.claims.sub);
		const values = await readForm(request);
		// The same allowance as the app's codes: guessing either kind counts against both.
		const tooMany = await limitedCode(getClientAddress(), userId, locals.locale, values);
		if (tooMany) return tooMany;
		const { data, failure } = parse(recoveryCodeSchema, values, locals.locale);
		if (!data) return failure;
		const result = await accounts.recoverWithCode({ userId, code: data.recoveryCode });
		if (result) return formError(400, result.error, locals.locale, values);
		redirect(303, `${localizePath('/account', locals.locale)}?recovered=1`);
	}
};
