// Known XSS payloads (OWASP XSS Filter Evasion Cheat Sheet; PortSwigger XSS cheat sheet) through
// the Markdown renderer: none may leave script, handlers, styles or dangerous URLs behind.
// The output is judged as a browser reads it: parsed by parse5 (the WHATWG HTML parser, not
// the sanitiser's own htmlparser2, so the two do not share blind spots), with entities decoded
// in attribute values; a URL's scheme is read as the URL parser reads it, after dropping the
// control characters and whitespace it ignores.
import { parseFragment } from 'parse5';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';

interface Element {
	tagName: string;
	namespaceURI: string;
	attrs: { name: string; value: string }[];
	childNodes?: Node[];
	content?: { childNodes: Node[] };
}
type Node = Element | { nodeName: string; childNodes?: Node[] };

function elementsOf(html: string): Element[] {
	const found: Element[] = [];
	const walk = (nodes: Node[] = []) => {
		for (const node of nodes) {
			if ('tagName' in node) found.push(node);
			walk(node.childNodes);
			if ('content' in node) walk(node.content?.childNodes);
		}
	};
	walk(parseFragment(html).childNodes as Node[]);
	return found;
}

const HTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'data', 'poster', 'srcset']);
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto']);
const FORBIDDEN = new Set([
	...['script', 'style', 'iframe', 'frame', 'object', 'embed', 'form', 'input', 'button'],
	...['meta', 'base', 'link', 'img', 'body', 'svg', 'math', 'details', 'template', 'textarea']
]);

/** The scheme a browser would see, or null for a relative URL. */
function schemeOf(url: string): string | null {
	// The URL parser drops leading and trailing C0 controls and spaces and every tab and newline;
	// dropping every control character and whitespace is stricter still.
	const bare = url.replace(
		// eslint-disable-next-line no-control-regex
		/[\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f\u3000\ufeff]/g,
		''
	);
	return /^([a-z][a-z0-9+.-]*):/i.exec(bare)?.[1].toLowerCase() ?? null;
}

/** Every way the parsed output could run script or load from elsewhere, as readable strings. */
function dangersIn(html: string): string[] {
	const dangers: string[] = [];
	for (const element of elementsOf(html)) {
		const tag = element.tagName.toLowerCase();
		if (element.namespaceURI !== HTML_NAMESPACE) dangers.push(`<${tag}> outside HTML`);
		if (FORBIDDEN.has(tag)) dangers.push(`<${tag}>`);
		for (const { name, value } of element.attrs) {
			const attribute = name.toLowerCase();
			if (attribute.startsWith('on')) dangers.push(`${tag}[${attribute}]`);
			if (attribute === 'style') dangers.push(`${tag}[style]`);
			if (!URL_ATTRIBUTES.has(attribute)) continue;
			const scheme = schemeOf(value);
			if (scheme !== null && !SAFE_SCHEMES.has(scheme)) {
				dangers.push(`${tag}[${attribute}] scheme ${scheme}: ${JSON.stringify(value)}`);
			}
			// Protocol-relative (//host, or /\host, which browsers read the same way).
			if (scheme === null && /^[\\/]{2}/.test(value.trim())) {
				dangers.push(`${tag}[${attribute}] protocol-relative: ${JSON.stringify(value)}`);
			}
		}
	}
	return dangers;
}

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
	'<a href="https://ok.example" onmouseover="alert(1)">lenke</a>',
	// Entity-encoded and whitespace-obfuscated schemes: a browser decodes the entities, then its
	// URL parser drops the tabs, newlines and leading controls and runs what is left.
	'<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">klikk</a>',
	'<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">klikk</a>',
	'<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)">klikk</a>',
	'<a href="javascript&colon;alert(1)">klikk</a>',
	'<a href="javascript&#x3A;alert(1)">klikk</a>',
	'<a href="java&Tab;script:alert(1)">klikk</a>',
	'<a href="jav&#x0A;ascript:alert(1)">klikk</a>',
	'<a href="jav&#x0D;ascript:alert(1)">klikk</a>',
	'<a href="&NewLine;javascript:alert(1)">klikk</a>',
	'<a href="&#x20;&#14;javascript:alert(1)">klikk</a>',
	'<a href=" &#x01; javascript:alert(1)">klikk</a>',
	'<a href="jav\tascript:alert(1)">klikk</a>',
	'<a href="java\u0000script:alert(1)">klikk</a>',
	'<a href="data&colon;text/html,&lt;script&gt;alert(1)&lt;/script&gt;">klikk</a>',
	'<a href="vbscript&#58;msgbox(1)">klikk</a>',
	'<a href=//evil.example/>klikk</a>',
	'<a href="/\\evil.example/">klikk</a>',
	'<svg><a xlink:href="javascript:alert(1)"><text>klikk</text></a></svg>',
	'<img src="jav&#x09;ascript:alert(1)">',
	'<button formaction="javascript:alert(1)">x</button>',
	'[klikk](&#106;avascript:alert(1))',
	'[klikk](jav&#x09;ascript:alert(1))',
	'[klikk](<javascript:alert(1)>)',
	'[klikk](javascript&colon;alert(1))',
	'<javascript:alert(1)>',
	'[klikk][1]\n\n[1]: javascript:alert(1)',
	'[klikk](//evil.example/x)'
];

describe('renderMarkdown', () => {
	it.each(payloads)('neutralises %s', (payload) => {
		const html = renderMarkdown(`Tekst før\n\n${payload}\n\nTekst etter`);
		expect(dangersIn(html), html).toEqual([]);
		// The same, as text (kept: they say what was meant, and fail with the HTML in view).
		expect(html).not.toMatch(
			/<script|<img|<svg|<iframe|<object|<embed|<form|<input|<meta|<base|<link|<style|<math|<details|<body/i
		);
		// No handler or style inside any tag (the same words as plain, escaped text are harmless).
		expect(html).not.toMatch(/<[^>]*\son\w+\s*=/i);
		expect(html).not.toMatch(/<[^>]*style=/i);
		expect(html).not.toMatch(/href="\s*(javascript|data|vbscript):/i);
		expect(html).toContain('Tekst før');
	});

	it('judges the parsed output, not its spelling: the check itself finds what a browser would run', () => {
		expect(dangersIn('<a href="jav&#x9;ascript:alert(1)">x</a>')).toHaveLength(1);
		expect(dangersIn('<a href="&#x6A;avascript&colon;alert(1)">x</a>')).toHaveLength(1);
		expect(dangersIn('<a href=" \n java\tscript:alert(1)">x</a>')).toHaveLength(1);
		expect(dangersIn('<a href="//evil.example">x</a>')).toHaveLength(1);
		// svg outside HTML and forbidden, a outside HTML, its onclick.
		expect(dangersIn('<p><svg><a onclick=x></a></svg></p>')).toHaveLength(4);
		expect(dangersIn('<div style="color:red" onmouseover=x></div>')).toHaveLength(2);
		expect(dangersIn('<a href="https://ok.example">ok</a> <a href="mailto:a@b.c">ok</a>')).toEqual(
			[]
		);
		expect(dangersIn('<a href="/side?x=javascript:1">ok</a> <a href="#top">ok</a>')).toEqual([]);
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
