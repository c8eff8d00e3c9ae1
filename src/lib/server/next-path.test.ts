import { describe, expect, it } from 'vitest';
import { nextFromLink, safeNext, withNext } from './next-path';

describe('safeNext', () => {
	it.each([
		'/invitations/abc123',
		'/en/invitations/abc123',
		'/dashboard',
		'/',
		'/organizations/1?tab=members#top'
	])('keeps the same-site path %s', (path) => {
		expect(safeNext(path)).toBe(path);
	});

	it.each([
		['another site', 'https://evil.example/'],
		['a scheme', 'javascript:alert(1)'],
		['a data scheme', 'data:text/html,hi'],
		['protocol-relative', '//evil.example'],
		['protocol-relative with more slashes', '///evil.example'],
		['a backslash after the slash', '/\\evil.example'],
		['a backslash later', '/ok\\..\\x'],
		['a relative path', 'invitations/abc'],
		['a tab that browsers drop', '/\t/evil.example'],
		['a newline', '/\n/evil.example'],
		['a space', '/ /evil.example'],
		['an encoded slash', '/%2F%2Fevil.example'],
		['an encoded backslash', '/%5cevil.example'],
		['empty', ''],
		['too long', `/${'a'.repeat(600)}`],
		['not a string', ['/dashboard']],
		['nothing', null]
	])('refuses %s', (_why, value) => {
		expect(safeNext(value)).toBeNull();
	});
});

describe('withNext', () => {
	it('adds the encoded path, or nothing', () => {
		expect(withNext('/auth/login', '/invitations/a b')).toBe(
			'/auth/login?next=%2Finvitations%2Fa%20b'
		);
		expect(withNext('/auth/login?method=link', '/x')).toBe('/auth/login?method=link&next=%2Fx');
		expect(withNext('/auth/mfa', null)).toBe('/auth/mfa');
	});
});

describe('nextFromLink', () => {
	const origin = 'https://sammen.no';
	it("takes the path of Auth's RedirectTo on this site, however the template encoded it", () => {
		expect(nextFromLink('https://sammen.no/invitations/abc', origin)).toBe('/invitations/abc');
		// Go's html/template query-escapes a value in an href (decoded by URLSearchParams).
		const encoded = new URLSearchParams('next=https%3a%2f%2fsammen.no%2fen%2finvitations%2fabc');
		expect(nextFromLink(encoded.get('next'), origin)).toBe('/en/invitations/abc');
		expect(nextFromLink('/invitations/abc', origin)).toBe('/invitations/abc');
	});
	it.each([
		['the bare site URL (nothing was asked for)', 'https://sammen.no'],
		['the English front page', 'https://sammen.no/en'],
		['another origin', 'https://evil.example/invitations/abc'],
		['another port', 'https://sammen.no:8443/invitations/abc'],
		['a scheme', 'javascript:alert(1)'],
		['protocol-relative', '//evil.example/x'],
		['not a URL', 'no'],
		['nothing', null]
	])('refuses %s', (_why, value) => {
		expect(nextFromLink(value, origin)).toBeNull();
	});
});
