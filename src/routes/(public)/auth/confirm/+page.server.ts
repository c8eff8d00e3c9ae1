import { redirect } from '@sveltejs/kit';
import { localizePath } from '$lib/i18n/locales';
import * as accounts from '$lib/server/accounts';
import { nextFromLink, safeNext, withNext } from '$lib/server/next-path';
import type { Actions, PageServerLoad } from './$types';

const TYPES = new Set(['signup', 'invite', 'magiclink', 'recovery', 'email_change', 'email']);

const linkOf = (url: URL) => {
	const tokenHash = url.searchParams.get('token_hash') ?? '';
	const type = url.searchParams.get('type') ?? '';
	return tokenHash && TYPES.has(type) ? { tokenHash, type: type as accounts.LinkType } : null;
};

/**
 * Where every Auth e-mail links. Opening the link only shows a button: mail scanners that fetch
 * links would otherwise use up the one-time token before the person does.
 * - `valid`: whether the link carries a token at all.
 */
export const load: PageServerLoad = ({ url }) => ({
	valid: linkOf(url) !== null,
	type: url.searchParams.get('type')
});

export const actions: Actions = {
	/**
	 * Verifies the token hash with Supabase Auth, which opens a session in this browser (a PKCE
	 * link would only work in the browser that asked for it), then goes on to the right page.
	 */
	default: async ({ url, locals }) => {
		const link = linkOf(url);
		const result = link ? await accounts.confirmLink(locals.supabase, link) : null;
		if (!result || result.error) return { failed: true };
		if (link!.type === 'recovery') redirect(303, localizePath('/auth/reset', locals.locale));
		// Back to where sign-up or log-in started (an invitation), if it was a path on this site.
		const next =
			nextFromLink(url.searchParams.get('next'), url.origin) ??
			(link!.type === 'signup' ? safeNext(result.next) : null);
		if (result.needsCode) redirect(303, withNext(localizePath('/auth/mfa', locals.locale), next));
		redirect(303, next ?? localizePath('/dashboard', locals.locale));
	}
};
