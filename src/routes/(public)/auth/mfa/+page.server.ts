import { redirect } from '@sveltejs/kit';
import { localizePath } from '$lib/i18n/locales';
import * as accounts from '$lib/server/accounts';
import { formError, limited, parse, readForm } from '$lib/server/forms';
import { totpCodeSchema } from '$lib/schemas/auth';
import type { Actions, PageServerLoad } from './$types';

/** The second step of logging in: a code from the authenticator app raises the session to aal2. */
export const load: PageServerLoad = async ({ locals }) => {
	if (!locals.claims) redirect(303, localizePath('/auth/login', locals.locale));
	if (!(await accounts.needsSecondFactor(locals.supabase, locals.claims)))
		redirect(303, localizePath('/dashboard', locals.locale));
};

export const actions: Actions = {
	default: async ({ request, locals, getClientAddress }) => {
		if (!locals.claims) redirect(303, localizePath('/auth/login', locals.locale));
		const values = await readForm(request);
		const tooMany = await limited(
			[
				['login', getClientAddress()],
				['account', String(locals.claims.sub)]
			],
			locals.locale,
			values
		);
		if (tooMany) return tooMany;
		const { data, failure } = parse(totpCodeSchema, values, locals.locale);
		if (!data) return failure;
		const factorId = await accounts.firstAuthenticator(locals.supabase);
		const result = factorId
			? await accounts.confirmCode(locals.supabase, { factorId, code: data.code })
			: null;
		if (result) return formError(400, result.error, locals.locale, values);
		redirect(303, localizePath('/dashboard', locals.locale));
	}
};
