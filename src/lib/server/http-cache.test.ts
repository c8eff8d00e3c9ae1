import { describe, expect, it } from 'vitest';
import { cached, etagOf } from './http-cache';

const get = (headers: Record<string, string> = {}) =>
	new Request('http://x/feeds/all.ics', { headers });
const options = { type: 'text/plain', lastModified: new Date('2026-11-29T12:00:00.500Z') };

describe('cached', () => {
	it('answers 200 with ETag, Last-Modified and Cache-Control', async () => {
		const response = cached(get(), 'abc', options);
		expect(response.status).toBe(200);
		expect(await response.text()).toBe('abc');
		expect(response.headers.get('etag')).toBe(etagOf('abc'));
		expect(response.headers.get('last-modified')).toBe('Sun, 29 Nov 2026 12:00:00 GMT');
		expect(response.headers.get('cache-control')).toBe('public, max-age=300');
	});

	it('answers 304 with an empty body for the current ETag, 200 for another', async () => {
		const hit = cached(get({ 'if-none-match': `"x", W/${etagOf('abc')}` }), 'abc', options);
		expect(hit.status).toBe(304);
		expect(await hit.text()).toBe('');
		expect(cached(get({ 'if-none-match': etagOf('abd') }), 'abc', options).status).toBe(200);
	});

	it('uses If-Modified-Since only without If-None-Match', () => {
		const since = 'Sun, 29 Nov 2026 12:00:00 GMT';
		expect(cached(get({ 'if-modified-since': since }), 'abc', options).status).toBe(304);
		const older = 'Sun, 29 Nov 2026 11:59:59 GMT';
		expect(cached(get({ 'if-modified-since': older }), 'abc', options).status).toBe(200);
		const both = { 'if-modified-since': since, 'if-none-match': '"other"' };
		expect(cached(get(both), 'abc', options).status).toBe(200);
	});
});
