/** A cell: text (neutralised), a number, or nothing. */
export type Cell = string | number | null | undefined;

// A spreadsheet runs a cell that starts with one of these as a formula (or, for tab and carriage
// return, may shift it into one): "=HYPERLINK(…)" in a chosen name would run on the organizer's
// machine. OWASP's advice: start such a cell with an apostrophe, which the spreadsheet hides.
const FORMULA_START = /^[=+\-@\t\r]/;

/** What separates cells: a comma (RFC 4180), or a semicolon where the comma is the decimal mark. */
export type Separator = ',' | ';';

/**
 * The separator a spreadsheet expects in this language: Excel in Norwegian (and other languages
 * that write 1,5) splits a file's lines at semicolons and leaves a comma-separated file in one
 * column. LibreOffice and Google Sheets ask or detect either.
 */
export const separatorFor = (locale: string): Separator => (locale === 'en' ? ',' : ';');

/** One cell as RFC 4180 text: formulas neutralised, quoted when it holds a separator, a quote or a line break. */
export function csvCell(value: Cell): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'number') return String(value);
	const text = FORMULA_START.test(value) ? `'${value}` : value;
	// Either separator is quoted whichever is used: the file reads the same wherever it is opened.
	return /[",;\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A whole CSV file (RFC 4180's quoting and CRLF line ends; comma-separated unless told otherwise)
 * with a UTF-8 byte-order mark, without which Excel reads the file as Windows-1252 and garbles æ,
 * ø and å.
 */
export function toCsv(header: string[], rows: Cell[][], separator: Separator = ','): string {
	const lines = [header, ...rows].map((row) => row.map(csvCell).join(separator));
	return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The headers of a CSV download: an attachment, never stored by a browser or proxy. */
export function csvHeaders(filename: string): HeadersInit {
	// The filename is ASCII by construction (dates and fixed words), so no RFC 5987 form is needed.
	return {
		'content-type': 'text/csv; charset=utf-8',
		'content-disposition': `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`,
		'cache-control': 'no-store',
		'x-content-type-options': 'nosniff'
	};
}
