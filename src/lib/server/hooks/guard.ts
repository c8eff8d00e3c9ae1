import { json, type Handle, type RequestEvent } from '@sveltejs/kit';
import { localizePath } from '$lib/i18n/locales';
import * as accounts from '$lib/server/accounts';

/** Route groups whose every request, of every method, needs a signed-in organizer. */
const GUARDED = '/(organizer)/';

/**
 * The organizer area's guard, for page views, data requests and form actions alike (SvelteKit
 * runs an action without the layout's `load`, so a layout check alone protects only page views).
 * A visitor goes to log-in; a session that must still be confirmed with an authenticator goes
 * to the code page. Whether it must is decided from the verified token's `aal` and the user's
 * factors as Auth has them, never from the session cookie's copy. Organizer pages are never
 * stored by a browser or proxy.
 */
export const guard: Handle = async ({ event, resolve }) => {
	if (!event.route.id?.startsWith(GUARDED)) return resolve(event);
	const { locals } = event;
	if (!locals.claims) {
		const ended = locals.sessionEnded ? `?ended=${locals.sessionEnded}` : '';
		return away(event, `${localizePath('/auth/login', locals.locale)}${ended}`, 401);
	}
	if (await accounts.needsSecondFactor(locals.supabase, locals.claims))
		return away(event, localizePath('/auth/mfa', locals.locale), 403);
	const response = await resolve(event);
	response.headers.set('cache-control', 'no-store');
	return response;
};

/**
 * Sends the request elsewhere in the form its sender understands: a 303 for a page or a plain
 * form post, SvelteKit's redirect result for `use:enhance` and client-side navigation, and a
 * bare status for any other fetch.
 */
function away(event: RequestEvent, location: string, status: 401 | 403): Response {
	const headers = { 'cache-control': 'no-store' };
	if (event.isDataRequest) return json({ type: 'redirect', location }, { headers });
	if (event.request.headers.get('x-sveltekit-action') === 'true')
		return json({ type: 'redirect', status: 303, location }, { headers });
	const { method, headers: sent } = event.request;
	const page =
		(method === 'GET' || method === 'HEAD') && /text\/html/.test(sent.get('accept') ?? '');
	const form = /form/.test(sent.get('content-type') ?? '');
	if (page || form) return new Response(null, { status: 303, headers: { ...headers, location } });
	return json(
		{ message: status === 401 ? 'Log in first' : 'Second factor needed' },
		{
			status,
			headers
		}
	);
}
