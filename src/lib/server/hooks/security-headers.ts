import type { Handle } from '@sveltejs/kit';
import { stripLocale } from '$lib/i18n/locales';

/**
 * Headers for every response. Only /embed/* (and its English twin /en/embed/*) may be framed by
 * other sites, without X-Frame-Options (it has no "any site" value); every other page refuses framing. (kit.csp would overwrite a CSP set by a route, so framing is decided here.)
 */
export const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	// event.url is the address as asked for: /en/embed/… reaches the same pages through reroute.
	const framable = stripLocale(event.url.pathname).startsWith('/embed/');
	const csp = response.headers.get('content-security-policy');
	const frameAncestors = framable ? 'frame-ancestors *' : "frame-ancestors 'none'";
	if (csp) response.headers.set('content-security-policy', `${csp}; ${frameAncestors}`);
	else response.headers.set('content-security-policy', frameAncestors);
	if (!framable) response.headers.set('x-frame-options', 'DENY');
	response.headers.set('x-content-type-options', 'nosniff');
	// Over HTTPS (behind the TLS proxy, ORIGIN says so), browsers must never fall back to HTTP.
	if (event.url.protocol === 'https:')
		response.headers.set('strict-transport-security', 'max-age=63072000; includeSubDomains');
	// same-origin, not no-referrer: with no-referrer browsers send `Origin: null` on form posts,
	// which SvelteKit's cross-site check rightly refuses. Other sites still learn nothing.
	response.headers.set('referrer-policy', 'same-origin');
	response.headers.set(
		'permissions-policy',
		'camera=(), microphone=(), geolocation=(), interest-cohort=()'
	);
	return response;
};
