import { createHash } from 'node:crypto';

/** A strong ETag for a body: the same bytes, the same tag, on every server instance. */
export const etagOf = (body: string) =>
	`"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;

/** Whether `If-None-Match` names `etag` (a list, `*`, or weak forms as RFC 9110 13.1.2 allows). */
function matches(header: string, etag: string): boolean {
	if (header.trim() === '*') return true;
	return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/**
 * A cacheable response: `ETag`, `Last-Modified` (when known), `Cache-Control`, and 304 with an
 * empty body when the client's copy is current. `If-None-Match` wins over `If-Modified-Since`
 * (RFC 9110 13.2.2): the date alone misses a removed row, the hash does not.
 */
export function cached(
	request: Request,
	body: string | (() => string),
	options: {
		type: string;
		lastModified: Date | null;
		headers?: Record<string, string>;
		/**
		 * A tag made from what the body is made of: then `body` may be a function, called only
		 * when the client's copy is not current (a 304 never builds the body).
		 */
		etag?: string;
	}
): Response {
	const etag = options.etag ?? etagOf(typeof body === 'string' ? body : body());
	const headers: Record<string, string> = {
		'content-type': options.type,
		'cache-control': 'public, max-age=300',
		etag,
		...options.headers
	};
	// HTTP dates have whole seconds: compare (and send) the second the change happened in.
	const modified = options.lastModified
		? new Date(Math.floor(options.lastModified.getTime() / 1000) * 1000)
		: null;
	if (modified) headers['last-modified'] = modified.toUTCString();
	const noneMatch = request.headers.get('if-none-match');
	const since = Date.parse(request.headers.get('if-modified-since') ?? '');
	const fresh = noneMatch
		? matches(noneMatch, etag)
		: !!modified && !Number.isNaN(since) && modified.getTime() <= since;
	if (fresh) {
		delete headers['content-type'];
		return new Response(null, { status: 304, headers });
	}
	return new Response(typeof body === 'string' ? body : body(), { status: 200, headers });
}
