import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

const marked = new Marked({ async: false, gfm: true, breaks: true });

/**
 * Organizers' Markdown (activity descriptions) as safe HTML. Whatever the Markdown holds, the
 * output keeps only text formatting and links: no script, no inline handlers or styles, no
 * images or iframes (they would load from third parties, which would learn who reads what).
 * Links get rel="noopener nofollow" and only http(s) and mailto: schemes.
 */
export function renderMarkdown(markdown: string): string {
	const html = marked.parse(markdown) as string;
	return sanitizeHtml(html, {
		allowedTags: [
			'p',
			'br',
			'strong',
			'em',
			'del',
			'a',
			'ul',
			'ol',
			'li',
			'h2',
			'h3',
			'h4',
			'blockquote',
			'code',
			'pre',
			'hr'
		],
		allowedAttributes: { a: ['href', 'rel'] },
		allowedSchemes: ['http', 'https', 'mailto'],
		allowedSchemesAppliedToAttributes: ['href'],
		allowProtocolRelative: false,
		disallowedTagsMode: 'discard',
		transformTags: {
			a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener nofollow' } }),
			// Page headings stop at h1/h2: an organizer's headings start at h3 … h4.
			h1: 'h3',
			h2: 'h3',
			h5: 'h4',
			h6: 'h4'
		}
	});
}
