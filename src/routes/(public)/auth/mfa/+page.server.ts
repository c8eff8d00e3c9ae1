import { fail, redirect, type ActionFailure } from '@sveltejs/kit';
import { localizePath } from '$lib/i18n/locales';
import * as accounts from '$lib/server/accounts';
import { formError, limited, parse, readForm } from '$lib/server/forms';
import { safeNext } from '$lib/server/next-path';
import { recoveryCodeSchema, totpCodeSchema } from '$lib/schemas/auth';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/**
 * The second step of logging in: a code from the authenticator app raises the session to aal2;
 * a recovery code stands in for a lost app.
 * - `next`: the same-site path to return to afterwards (an invitation), if any.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	if (!locals.claims) redirect(303, localizePath('/auth/login', locals.locale));
	const next = safeNext(url.searchParams.get('next'));
	if (!(await accounts.needsSecondFactor(locals.supabase, locals.claims)))
		redirect(303, next ?? localizePath('/dashboard', locals.locale));
	return { next };
};

/** The form, once the attempt is counted per address and per account (codes can be guessed). */
async function attempt({ request, locals, getClientAddress }: RequestEvent) {
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
	return { values, userId: String(locals.claims.sub), tooMany };
}

/** Marks a failure as the recovery form's, so the page shows it beside that form. */
const ofRecovery = <T extends Record<string, unknown>>(f: ActionFailure<T>) =>
	fail(f.status, { ...f.data, recovery: true as const });

export const actions: Actions = {
	default: async (event) => {
		const { locals } = event;
		const { values, tooMany } = await attempt(event);
		if (tooMany) return tooMany;
		const { data, failure } = parse(totpCodeSchema, values, locals.locale);
		if (!data) return failure;
		const factorId = await accounts.firstAuthenticator(locals.supabase);
		const result = factorId
			? await accounts.confirmCode(locals.supabase, { factorId, code: data.code })
			: null;
		if (result) return formError(400, result.error, locals.locale, values);
		redirect(303, safeNext(values.next) ?? localizePath('/dashboard', locals.locale));
	},
	/** A recovery code: spent, the lost authenticator removed, then on to add a new one. */
	recovery: async (event) => {
		const { locals } = event;
		const { values, userId, tooMany } = await attempt(event);
		if (tooMany) return ofRecovery(tooMany);
		const { data, failure } = parse(recoveryCodeSchema, values, locals.locale);
		if (!data) return ofRecovery(failure);
		const result = await accounts.recoverWithCode({ userId, code: data.recoveryCode });
		if (result) return ofRecovery(formError(400, result.error, locals.locale, values));
		redirect(303, `${localizePath('/account', locals.locale)}?recovered=1`);
	}
};
