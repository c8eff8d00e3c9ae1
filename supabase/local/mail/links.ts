// The links a test or a developer wants to follow next: the catcher's own, not part of MIME.

const ENTITIES: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
	nbsp: '\u00a0'
};

function decodeEntities(value: string): string {
	return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
		if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? whole;
		const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : +name.slice(1);
		return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
	});
}

/** Every http(s) URL in the HTML's hrefs (entities decoded), then in the text; no duplicates. */
export function findLinks(html: string, text: string): string[] {
	const links = new Set<string>();
	const add = (url: string) => {
		if (/^https?:\/\/\S/i.test(url)) links.add(url);
	};
	for (const match of html.matchAll(/\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi)) {
		add(decodeEntities(match[1] ?? match[2] ?? match[3]).trim());
	}
	for (const match of text.matchAll(/https?:\/\/[^\s<>"'`]+/gi)) {
		// Sentence punctuation right after a URL in prose is almost never part of it.
		add(match[0].replace(/[.,;:!?)\]}]+$/, ''));
	}
	return [...links];
}
