import { describe, expect, it } from 'vitest';
import { findLinks } from './links.ts';

describe('findLinks', () => {
	it('takes http(s) hrefs with entities decoded and URLs in text without trailing punctuation', () => {
		const html =
			'<a href="https://x.no/?a=1&amp;b=2">1</a> <a href=mailto:a@b>m</a> <a data-href="https://no">';
		const text = 'See https://y.no/path). And (https://x.no/?a=1&b=2) again, http://z.no.';
		expect(findLinks(html, text)).toEqual([
			'https://x.no/?a=1&b=2',
			'https://y.no/path',
			'http://z.no'
		]);
	});
});
