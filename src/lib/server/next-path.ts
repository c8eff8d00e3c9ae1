/**
 * Where to go after logging in (`?next=`), if it is a path on this site and nothing else.
 * Anything that a browser could read as another origin is refused: `//host` and `/\host`
 * (protocol-relative), backslashes anywhere, a scheme (`javascript:`, `https:`), whitespace and
 * control characters (browsers drop tabs and newlines, so `/\t/host` would become `//host`),
 * and percent-encoded slashes or backslashes at the start. The answer is the path as given.
 */
export function safeNext(value: unknown): string | null {
	if (typeof value !== 'string' || value.length < 1 || value.length > 512) return null;
	if (!value.startsWith('/') || value.startsWith('//')) return null;
	if (value.includes('\\')) return null;
	// eslint-disable-next-line no-control-regex -- refusing control characters is the point
	if (/[\u0000-\u0020\u007f-\u00a0\u2028\u2029]/.test(value)) return null;
	if (/^\/%(2f|5c)/i.test(value)) return null;
	const base = 'http://sammen.invalid';
	let url: URL;
	try {
		url = new URL(value, base);
	} catch {
		return null;
	}
	if (url.origin !== base) return null;
	return value;
}

/** `path` with `?next=` (or `&next=`) added when there is somewhere to go back to. */
export function withNext(path: string, next: string | null): string {
	if (!next) return path;
	return `${path}${path.includes('?') ? '&' : '?'}next=${encodeURIComponent(next)}`;
}

/**
 * `next` from an e-mail link, where Auth's `RedirectTo` stands: an absolute URL. Its path is
 * used when it is on `origin` and is somewhere other than the front page (Auth gives the bare
 * site URL when nothing was asked for); a plain path is checked as `safeNext` checks it.
 */
export function nextFromLink(value: unknown, origin: string): string | null {
	if (typeof value !== 'string') return null;
	if (value.startsWith('/')) return safeNext(value);
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return null;
	}
	if (url.origin !== origin) return null;
	const path = `${url.pathname}${url.search}`;
	if (path === '/' || path === '/en' || path === '/en/') return null;
	return safeNext(path);
}
