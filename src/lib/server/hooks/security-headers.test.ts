import type { RequestEvent } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { securityHeaders } from './security-headers';

/** Runs the Handle for `url` with a plain 200 page behind it; the response's headers. */
async function headersFor(url: string) {
	const event = { url: new URL(url) } as RequestEvent;
	const response = await securityHeaders({
		event,
		resolve: async () => new Response('<p>hei</p>', { headers: { 'content-type': 'text/html' } })
	});
	return response.headers;
}

describe('security headers', () => {
	it('over HTTPS, browsers are told never to fall back to HTTP', async () => {
		const headers = await headersFor('https://sammen.example/');
		expect(headers.get('strict-transport-security')).toBe('max-age=63072000; includeSubDomains');
	});

	it('over plain HTTP (local development) no HSTS is sent', async () => {
		expect(
			(await headersFor('http://localhost:3000/')).get('strict-transport-security')
		).toBeNull();
	});

	it('only /embed/* may be framed', async () => {
		const page = await headersFor('https://sammen.example/dashboard');
		expect(page.get('content-security-policy')).toContain("frame-ancestors 'none'");
		expect(page.get('x-frame-options')).toBe('DENY');
		const embed = await headersFor('https://sammen.example/embed/kalender');
		expect(embed.get('content-security-policy')).toContain('frame-ancestors *');
		expect(embed.get('x-frame-options')).toBeNull();
	});

	it('the English embeds may be framed too, and nothing else under /en', async () => {
		const embed = await headersFor('https://sammen.example/en/embed/list?org=x');
		expect(embed.get('content-security-policy')).toContain('frame-ancestors *');
		expect(embed.get('x-frame-options')).toBeNull();
		for (const path of ['/en', '/en/share', '/embedded', '/share', '/en/embedx/list']) {
			const page = await headersFor(`https://sammen.example${path}`);
			expect(page.get('content-security-policy')).toContain("frame-ancestors 'none'");
			expect(page.get('x-frame-options')).toBe('DENY');
		}
	});
});
