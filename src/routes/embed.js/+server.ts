import script from '$lib/embed/host-script.js?raw';
import type { RequestHandler } from './$types';

/**
 * The script other sites include to embed Sammen (`<script src="…/embed.js" async>`). Its
 * address never changes, so it is cached for a day and then revalidated, not made immutable.
 */
export const GET: RequestHandler = () =>
	new Response(script, {
		headers: {
			'content-type': 'text/javascript; charset=utf-8',
			'cache-control': 'public, max-age=86400, stale-while-revalidate=604800',
			// Any site may load it; it reads nothing of theirs.
			'cross-origin-resource-policy': 'cross-origin'
		}
	});
