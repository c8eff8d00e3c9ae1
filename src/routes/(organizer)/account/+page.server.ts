import { fail, redirect } from '@sveltejs/kit';
import { isLocale, localizePath } from '$lib/i18n/locales';
import { translate } from '$lib/i18n/translate';
import * as accounts from '$lib/server/accounts';
import { formError, parse, readForm } from '$lib/server/forms';
import { localeSchema, totpCodeSchema } from '$lib/schemas/auth';
import type { Actions, PageServerLoad } from './$types';

/**
 * - `authenticators`: the account's verified authenticator apps.
 * - `locale`: the language chosen for e-mails (from the account's metadata).
 * - `recovered`: just logged in with a recovery code (the lost authenticator is removed).
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	const metadata = (locals.claims?.user_metadata ?? {}) as Record<string, unknown>;
	return {
		authenticators: await accounts.listAuthenticators(locals.supabase),
		emailLocale: isLocale(metadata.locale) ? metadata.locale : locals.locale,
		recovered: url.searchParams.has('recovered')
	};
};

export const actions: Actions = {
	startAuthenticator: async ({ locals }) => {
		const result = await accounts.startAuthenticator(
			locals.supabase,
			translate(locals.locale, 'account.mfa.defaultName')
		);
		if (!result.factor) return formError(400, result.error!, locals.locale, {});
		return { pending: result.factor };
	},
	confirmAuthenticator: async ({ request, locals }) => {
		const values = await readForm(request);
		const { data, failure } = parse(totpCodeSchema, values, locals.locale);
		const pending = { id: values.factorId ?? '', secret: values.secret ?? '', qrSvg: null };
		if (!data) return fail(400, { ...(failure?.data ?? {}), pending });
		const result = await accounts.confirmCode(locals.supabase, {
			factorId: pending.id,
			code: data.code
		});
		if (result) return fail(400, { message: translate(locals.locale, result.error), pending });
		// The session is aal2 now: the recovery codes are made at once and shown this one time.
		const made = await accounts.createRecoveryCodes(locals.supabase, String(locals.claims!.sub));
		return {
			success: translate(locals.locale, 'account.mfa.added'),
			recoveryCodes: 'codes' in made ? made.codes : null
		};
	},
	/** Fresh recovery codes replace the old ones; a fresh code from the app confirms it. */
	recoveryCodes: async ({ request, locals }) => {
		const values = await readForm(request);
		const { data, failure } = parse(totpCodeSchema, values, locals.locale);
		if (!data) return fail(400, { errors: { recoveryConfirm: failure?.data.errors.code } });
		const factorId = await accounts.firstAuthenticator(locals.supabase);
		const wrong = factorId
			? await accounts.confirmCode(locals.supabase, { factorId, code: data.code })
			: { error: 'account.errors.codeForDelete' as const };
		if (wrong) return formError(400, wrong.error, locals.locale, {});
		const made = await accounts.createRecoveryCodes(locals.supabase, String(locals.claims!.sub));
		if (!('codes' in made)) return formError(400, made.error, locals.locale, {});
		return {
			success: translate(locals.locale, 'account.recovery.made'),
			recoveryCodes: made.codes
		};
	},
	removeAuthenticator: async ({ request, locals }) => {
		const values = await readForm(request);
		const result = await accounts.removeAuthenticator(locals.supabase, values.factorId ?? '');
		if (result) return formError(400, result.error, locals.locale, {});
		return { success: translate(locals.locale, 'account.mfa.removed') };
	},
	language: async ({ request, locals }) => {
		const values = await readForm(request);
		const { data, failure } = parse(localeSchema, values, locals.locale);
		if (!data) return failure;
		const result = await accounts.setLocale(locals.supabase, data.locale);
		if (result) return formError(400, result.error, locals.locale, values);
		return { success: translate(locals.locale, 'account.language.saved') };
	},
	delete: async ({ request, locals }) => {
		const values = await readForm(request);
		if (values.confirm !== 'yes') {
			return fail(400, {
				errors: { confirm: translate(locals.locale, 'account.errors.confirmDelete') }
			});
		}
		const result = await accounts.deleteAccount(locals.supabase, {
			userId: String(locals.claims!.sub),
			code: values.code?.trim() || null
		});
		if (result) return formError(400, result.error, locals.locale, {});
		redirect(303, `${localizePath('/', locals.locale)}?deleted=1`);
	}
};
