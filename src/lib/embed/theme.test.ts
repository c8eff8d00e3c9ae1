import { describe, expect, it } from 'vitest';
import { contrastOnWhite, readTheme, themeParams } from './theme';

const read = (query: string) => readTheme(new URLSearchParams(query));

describe('embed theme', () => {
	it('has Sammen’s defaults when nothing is asked for', () => {
		expect(read('')).toEqual({
			theme: { accent: null, compact: false, header: true },
			problem: null
		});
	});

	it('takes a dark enough 6-digit hex colour, with or without #, in lower case', () => {
		expect(read('accent=1A5F7A').theme.accent).toBe('#1a5f7a');
		expect(read('accent=%23003366').theme.accent).toBe('#003366');
	});

	it('drops what is not a 6-digit hex colour, and says so', () => {
		for (const bad of ['red', 'fff', '12345g', '1234567', '#12', 'url(x)', '";x:1'])
			expect(read(`accent=${encodeURIComponent(bad)}`)).toMatchObject({
				theme: { accent: null },
				problem: 'embed.errors.accentFormat'
			});
	});

	it('drops a colour that would not keep AA contrast with white', () => {
		expect(read('accent=ffff00')).toMatchObject({
			theme: { accent: null },
			problem: 'embed.errors.accentContrast'
		});
		// #767676 is the lightest grey with 4.5:1 on white; #777777 falls just short.
		expect(read('accent=767676').theme.accent).toBe('#767676');
		expect(read('accent=777777').problem).toBe('embed.errors.accentContrast');
	});

	it('computes WCAG contrast ratios', () => {
		expect(contrastOnWhite('#000000')).toBeCloseTo(21, 5);
		expect(contrastOnWhite('#ffffff')).toBeCloseTo(1, 5);
	});

	it('reads compact=1 and header=0 only', () => {
		expect(read('compact=1&header=0').theme).toMatchObject({ compact: true, header: false });
		expect(read('compact=yes&header=no').theme).toMatchObject({ compact: false, header: true });
	});

	it('writes the theme back as query parameters, defaults left out', () => {
		expect(themeParams({ accent: '#1a5f7a', compact: true, header: false })).toEqual([
			['accent', '1a5f7a'],
			['compact', '1'],
			['header', '0']
		]);
		expect(themeParams({ accent: null, compact: false, header: true })).toEqual([]);
	});
});
