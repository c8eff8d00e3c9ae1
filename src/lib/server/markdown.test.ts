// Known XSS payloads (OWASP XSS Filter Evasion Cheat Sheet; PortSwigger XSS cheat sheet) through
// the Markdown renderer: none may leave script, handlers, styles or dangerous URLs behind.
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';

const payloads = [
	'<script>alert(1)</script>',
	'<img src=x onerror=alert(1)>',
	'<svg onload=alert(1)>',
	'<svg><script>alert(1)</script></svg>',
	'<iframe src="javascript:alert(1)"></iframe>',
	'<a href="javascript:alert(1)">klikk</a>',
	'<a href="JaVaScRiPt:alert(1)">klikk</a>',
	'<a href="jav&#x09;ascript:alert(1)">klikk</a>',
	'<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">klikk</a>',
	'<a href="vbscript:msgbox(1)">klikk</a>',
	'[klikk](javascript:alert(1))',
	'[klikk](JAVASCRIPT:alert(1))',
	'[klikk](data:text/html,<script>alert(1)</script>)',
	'![bilde](https://tracker.example/pixel.gif)',
	'![x](x" onerror="alert(1))',
	'<p style="background:url(javascript:alert(1))">tekst</p>',
	'<div onclick="alert(1)">tekst</div>',
	'<body onload=alert(1)>',
	'<input autofocus onfocus=alert(1)>',
	'<details open ontoggle=alert(1)>',
	'<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
	'<form action="javascript:alert(1)"><button>x</button></form>',
	'<object data="javascript:alert(1)"></object>',
	'<embed src="javascript:alert(1)">',
	'<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
	'<base href="javascript:alert(1)//">',
	'<link rel="stylesheet" href="https://evil.example/x.css">',
	'"><script>alert(1)</script>',
	'<scr<script>ipt>alert(1)</scr</script>ipt>',
	'<a href="https://ok.example" onmouseover="alert(1)">lenke</a>'
];

describe('renderMarkdown', () => {
	it.each(payloads)('neutralises %s', (payload) => {
		const html = renderMarkdown(`Tekst før\n\n${payload}\n\nTekst etter`);
		expect(html).not.toMatch(
			/<script|<img|<svg|<iframe|<object|<embed|<form|<input|<meta|<base|<link|<style|<math|<details|<body/i
		);
		// No handler or style inside any tag (the same words as plain, escaped text are harmless).
		expect(html).not.toMatch(/<[^>]*\son\w+\s*=/i);
		expect(html).not.toMatch(/<[^>]*style=/i);
		expect(html).not.toMatch(/href="\s*(javascript|data|vbscript):/i);
		expect(html).toContain('Tekst før');
	});

	it('keeps ordinary formatting and links, with rel="noopener nofollow"', () => {
		const html = renderMarkdown(
			'**Fotball** på *tirsdager*.\n\n- baller\n- vann\n\n[Kart](https://kart.example/bane)'
		);
		expect(html).toContain('<strong>Fotball</strong>');
		expect(html).toContain('<em>tirsdager</em>');
		expect(html).toContain('<li>baller</li>');
		expect(html).toContain('<a href="https://kart.example/bane" rel="noopener nofollow">Kart</a>');
	});

	it('demotes headings below the page’s own', () => {
		expect(renderMarkdown('# Stor\n\n## Mindre')).toBe('<h3>Stor</h3>\n<h3>Mindre</h3>\n');
	});

	it('escapes text that only looks like HTML', () => {
		expect(renderMarkdown('1 < 2 & 3 > 2')).toContain('1 &lt; 2 &amp; 3 &gt; 2');
	});
});
