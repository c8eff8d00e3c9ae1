import { redirect } from '@sveltejs/kit';
import { localizePath } from '$lib/i18n/locales';
import * as accounts from '$lib/server/accounts';
import { safeNext } from '$lib/server/next-path';
import { formError, limitedMail, parse, readForm } from '$lib/server/forms';
import { signUpSchema } from '$lib/schemas/auth';
import type { Actions, PageServerLoad } from './$types';

/** - `next`: the same-site path to return to after confirming the address (an invitation). */
export const load: PageServerLoad = ({ locals, url }) => {
	const next = safeNext(url.searchParams.get('next'));
	if (locals.claims) redirect(303, next ?? localizePath('/dashboard', locals.locale));
	return { next };
};

export const actions: Actions = {
	/** Creates an organizer account; the answer asks the person to open the mailed link. */
	default: async ({ request, locals, getClientAddress }) => {
		const values = await readForm(request);
		const { data, failure } = parse(signUpSchema, values, locals.locale);
		if (!data) return failure;
		const tooMany = await limitedMail(getClientAddress(), data.email, locals.locale, values);
		if (tooMany) return tooMany;
		const result = await accounts.signUp(locals.supabase, {
			...data,
			locale: locals.locale,
			next: safeNext(values.next)
		});
		if (result) return formError(400, result.error, locals.locale, values);
		return { sent: true, email: data.email };
	}
};
