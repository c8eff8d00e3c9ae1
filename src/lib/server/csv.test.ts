import { describe, expect, it } from 'vitest';
import { csvCell, csvHeaders, separatorFor, toCsv } from './csv';

describe('csvCell', () => {
	it('neutralises every cell a spreadsheet would take for a formula', () => {
		expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
		expect(csvCell('+47 900 00 000')).toBe("'+47 900 00 000");
		expect(csvCell('-1+2')).toBe("'-1+2");
		expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
		expect(csvCell('\tx')).toBe("'\tx");
		expect(csvCell('\r=x')).toBe(`"'\r=x"`);
	});

	it('leaves ordinary text alone, a formula character later in it included', () => {
		expect(csvCell('Kari Nordmann')).toBe('Kari Nordmann');
		expect(csvCell('a=b')).toBe('a=b');
		expect(csvCell('Ærlig, ødslig og åpen')).toBe('"Ærlig, ødslig og åpen"');
	});

	it('quotes per RFC 4180: commas, quotes and line breaks', () => {
		expect(csvCell('a,b')).toBe('"a,b"');
		expect(csvCell('si "hei"')).toBe('"si ""hei"""');
		expect(csvCell('to\nlinjer')).toBe('"to\nlinjer"');
	});

	it('writes numbers as they are and nothing as an empty cell', () => {
		expect(csvCell(3)).toBe('3');
		expect(csvCell(null)).toBe('');
		expect(csvCell(undefined)).toBe('');
		expect(csvCell('')).toBe('');
	});
});

describe('toCsv', () => {
	it('starts with a byte-order mark and ends every line with CRLF', () => {
		const text = toCsv(
			['Navn', 'Plass'],
			[
				['Åse', 1],
				['=1+1', null]
			]
		);
		expect(text).toBe("\uFEFFNavn,Plass\r\nÅse,1\r\n'=1+1,\r\n");
		expect(new TextEncoder().encode(text).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
	});
});

describe('the separator', () => {
	it('is a semicolon in Norwegian (Excel splits there) and a comma in English', () => {
		expect(separatorFor('nb')).toBe(';');
		expect(separatorFor('en')).toBe(',');
		expect(toCsv(['Navn', 'Plass'], [['Åse, Oslo', 1]], ';')).toBe(
			'\uFEFFNavn;Plass\r\n"Åse, Oslo";1\r\n'
		);
	});

	it('quotes a cell holding either separator, whichever the file uses', () => {
		expect(csvCell('a;b')).toBe('"a;b"');
		expect(toCsv(['x'], [['a;b'], ['c,d']], ',')).toBe('\uFEFFx\r\n"a;b"\r\n"c,d"\r\n');
	});
});

describe('csvHeaders', () => {
	it('is an attachment that is never stored, with a safe filename', () => {
		const headers = new Headers(csvHeaders('deltakere "x"\r\n.csv'));
		expect(headers.get('content-disposition')).toBe('attachment; filename="deltakere__x___.csv"');
		expect(headers.get('cache-control')).toBe('no-store');
		expect(headers.get('content-type')).toBe('text/csv; charset=utf-8');
	});
});
