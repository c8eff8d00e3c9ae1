/**
 * Cookies are Secure everywhere except on plain-HTTP loopback (`npm start`, tests), where a
 * browser would otherwise drop them.
 */
export function secureCookies(url: URL): boolean {
	return url.protocol === 'https:' || !['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}
