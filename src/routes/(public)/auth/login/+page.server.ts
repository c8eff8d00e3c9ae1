import { redirect } from '@sveltejs/kit';
import { localizePath } from '$lib/i18n/locales';
import * as accounts from '$lib/server/accounts';
import { safeNext, withNext } from '$lib/server/next-path';
import { formError, limited, limitedMail, parse, readForm } from '$lib/server/forms';
import { emailOnlySchema, logInSchema } from '$lib/schemas/auth';
import type { Actions, PageServerLoad } from './$types';

/**
 * - `method`: `password` (default) or `link`.
 * - `ended`: why the last session ended (idle, absolute, or logged out), to say so.
 * - `next`: the same-site path to return to afterwards (an invitation), if any.
 */
export const load: PageServerLoad = ({ locals, url }) => {
	const next = safeNext(url.searchParams.get('next'));
	if (locals.claims) redirect(303, next ?? localizePath('/dashboard', locals.locale));
	const ended = url.searchParams.get('ended');
	return {
		method: url.searchParams.get('method') === 'link' ? 'link' : 'password',
		ended: ended === 'idle' || ended === 'absolute' || ended === 'loggedOut' ? ended : null,
		next
	};
};

export const actions: Actions = {
	password: async ({ request, locals, getClientAddress }) => {
		const values = await readForm(request);
		const { data, failure } = parse(logInSchema, values, locals.locale);
		if (!data) return failure;
		const tooMany = await limited(
			[
				['login', getClientAddress()],
				['account', data.email]
			],
			locals.locale,
			values
		);
		if (tooMany) return tooMany;
		const result = await accounts.logIn(locals.supabase, data);
		if (result.error) return formError(400, result.error, locals.locale, values);
		const next = safeNext(values.next);
		if (result.needsCode) redirect(303, withNext(localizePath('/auth/mfa', locals.locale), next));
		redirect(303, next ?? localizePath('/dashboard', locals.locale));
	},
	link: async ({ request, locals, getClientAddress, url }) => {
		const values = await readForm(request);
		const { data, failure } = parse(emailOnlySchema, values, locals.locale);
		if (!data) return failure;
		const tooMany = await limitedMail(getClientAddress(), data.email, locals.locale, values);
		if (tooMany) return tooMany;
		// The mail's link brings `next` back (as Auth's RedirectTo), in whichever browser opens it.
		const next = safeNext(values.next);
		const result = await accounts.sendLoginLink(locals.supabase, {
			email: data.email,
			locale: locals.locale,
			redirectTo: next ? new URL(next, url.origin).href : null
		});
		if (result) return formError(400, result.error, locals.locale, values);
		return { sent: true };
	}
};
