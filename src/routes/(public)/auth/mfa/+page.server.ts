import { redirect } from '@sveltejs/kit';
import { localizePath } from '$lib/i18n/locales';
import * as accounts from '$lib/server/accounts';
import { formError, limitedCode, parse, readForm } from '$lib/server/forms';
import { safeNext } from '$lib/server/next-path';
import { totpCodeSchema } from '$lib/schemas/auth';
import type { Actions, PageServerLoad } from './$types';

/**
 * The second step of logging in: a code from the authenticator app raises the session to aal2
 * (a recovery code, on /auth/recovery, stands in for a lost app).
 * - `next`: the same-site path to return to afterwards (an invitation), if any.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	if (!locals.claims) redirect(303, localizePath('/auth/login', locals.locale));
	const next = safeNext(url.searchParams.get('next'));
	if (!(await accounts.needsSecondFactor(locals.supabase, locals.claims)))
		redirect(303, next ?? localizePath('/dashboard', locals.locale));
	return { next };
};

export const actions: Actions = {
	default: async ({ request, locals, getClientAddress }) => {
		if (!locals.claims) redirect(303, localizePath('/auth/login', locals.locale));
		const values = await readForm(request);
		const tooMany = await limitedCode(
			getClientAddress(),
			String(locals.claims.sub),
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
		redirect(303, safeNext(values.next) ?? localizePath('/dashboard', locals.locale));
	}
};
