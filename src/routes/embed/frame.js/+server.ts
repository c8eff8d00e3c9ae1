import script from '$lib/embed/frame-script.js?raw';
import type { RequestHandler } from './$types';

/**
 * The embed pages' only script (they ship no app JavaScript): it posts the content's height to
 * the host page. A file of our own origin, because the CSP allows no inline script.
 */
export const GET: RequestHandler = () =>
	new Response(script, {
		headers: {
			'content-type': 'text/javascript; charset=utf-8',
			'cache-control': 'public, max-age=86400, stale-while-revalidate=604800'
		}
	});
