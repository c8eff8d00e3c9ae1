import type { MailMessage } from './message.ts';

// Everything printed comes from whoever sent the mail, so every value goes through escapeHtml.
const ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;'
};

export function escapeHtml(value: string): string {
	return value.replace(/[&<>"']/g, (ch) => ESCAPES[ch]);
}

/**
 * No script anywhere. The srcdoc iframe inherits this policy, so mail HTML gets inline styles
 * and images (newsletters look right) but no scripts, forms, fonts or connections.
 */
export const PAGE_CSP = [
	"default-src 'none'",
	"script-src 'none'",
	"style-src 'unsafe-inline'",
	'img-src data: http: https:',
	"frame-src 'self'",
	"base-uri 'none'",
	"form-action 'none'",
	"frame-ancestors 'none'"
].join('; ');

const STYLE = `
body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 72rem; padding: 1rem; color: #1a1a1a; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 0.4rem 0.6rem; border-bottom: 1px solid #ccc; vertical-align: top; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; }
dt { font-weight: 600; } dd { margin: 0; overflow-wrap: anywhere; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f4f4f4; padding: 1rem; }
iframe { width: 100%; height: 36rem; border: 1px solid #ccc; background: #fff; }
a { color: #0645ad; } a:focus-visible { outline: 3px solid #1a1a1a; outline-offset: 2px; }
`;

function page(title: string, body: string): string {
	return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

function time(iso: string): string {
	const shown = iso.replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
	return `<time datetime="${escapeHtml(iso)}">${escapeHtml(shown)}</time>`;
}

export function listPage(messages: MailMessage[]): string {
	const rows = messages.map(
		(m) => `<tr>
<td>${time(m.receivedAt)}</td>
<td>${escapeHtml(m.to.join(', '))}</td>
<td><a href="/messages/${encodeURIComponent(m.id)}">${escapeHtml(m.subject || '(no subject)')}</a></td>
</tr>`
	);
	const table = messages.length
		? `<table>
<caption>${messages.length} message${messages.length === 1 ? '' : 's'}, newest first</caption>
<thead><tr><th scope="col">Received</th><th scope="col">To</th><th scope="col">Subject</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`
		: '<p>No mail yet. Messages sent to the local SMTP server appear here.</p>';
	return page('Local mail', `<h1>Local mail</h1>\n${table}`);
}

export function messagePage(message: MailMessage): string {
	const id = encodeURIComponent(message.id);
	const headers = message.headers
		.map((h) => `<dt>${escapeHtml(h.name)}</dt><dd>${escapeHtml(h.value)}</dd>`)
		.join('\n');
	const links = message.links
		.map((url) => `<li><a href="${escapeHtml(url)}" rel="noreferrer">${escapeHtml(url)}</a></li>`)
		.join('\n');
	const sections = [
		`<p><a href="/">All messages</a> · <a href="/messages/${id}/raw">Raw source</a></p>`,
		`<h1>${escapeHtml(message.subject || '(no subject)')}</h1>`,
		`<p>Received ${time(message.receivedAt)}</p>`,
		`<section aria-labelledby="headers"><h2 id="headers">Headers</h2>\n<dl>\n${headers}\n</dl></section>`,
		`<section aria-labelledby="links"><h2 id="links">Links</h2>\n${
			links ? `<ul>\n${links}\n</ul>` : '<p>No links.</p>'
		}</section>`,
		`<section aria-labelledby="text"><h2 id="text">Text part</h2>\n${
			message.text ? `<pre>${escapeHtml(message.text)}</pre>` : '<p>No text part.</p>'
		}</section>`,
		// sandbox="" drops scripts, forms, popups and same-origin access for the mail's HTML.
		`<section aria-labelledby="html"><h2 id="html">HTML part</h2>\n${
			message.html
				? `<iframe sandbox="" referrerpolicy="no-referrer" title="HTML part of the message" srcdoc="${escapeHtml(message.html)}"></iframe>`
				: '<p>No HTML part.</p>'
		}</section>`
	];
	return page(`${message.subject || '(no subject)'} · Local mail`, sections.join('\n'));
}

export function notFoundPage(): string {
	return page('Not found · Local mail', '<h1>Not found</h1>\n<p><a href="/">All messages</a></p>');
}
