const ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;'
};

/** Escapes text and attribute values alike (names come from organizations, not from us). */
export function escapeHtml(value: string): string {
	return value.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** A paragraph of plain text: escaped as a whole, its line breaks kept as `<br>`. */
export function paragraph(text: string): string {
	return `<p>${text.split('\n').map(escapeHtml).join('<br>')}</p>`;
}

/** A subject on one line: a line break in a name must not start a new header, nor look like one. */
export function oneLine(value: string): string {
	return value.replace(/\s+/g, ' ').trim();
}

/** The HTML document around already escaped body parts. */
export function htmlDocument(lang: string, subject: string, body: string[]): string {
	return [
		'<!doctype html>',
		`<html lang="${lang}">`,
		`<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
		'<body style="font-family: sans-serif; font-size: 16px; line-height: 1.5">',
		...body,
		'</body>',
		'</html>'
	].join('\n');
}
