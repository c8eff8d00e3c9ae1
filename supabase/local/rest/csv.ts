/** Rows as CSV (`Accept: text/csv`): a header line, then one line per row (RFC 4180 quoting). */
export function toCsv(rows: Record<string, unknown>[]): string {
	if (rows.length === 0) return '';
	const columns = Object.keys(rows[0]);
	const cell = (value: unknown): string => {
		if (value === null || value === undefined) return '';
		const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
		return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
	};
	return [
		columns.map(cell).join(','),
		...rows.map((r) => columns.map((c) => cell(r[c])).join(','))
	].join('\n');
}
