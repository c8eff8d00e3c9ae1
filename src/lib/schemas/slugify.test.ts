import { describe, expect, it } from 'vitest';
import { slugify } from './slugify';

describe('slugify', () => {
	it.each([
		['Innebandy på tirsdager', 'innebandy-pa-tirsdager'],
		['Kurs for pårørende – fire kvelder', 'kurs-for-parorende-fire-kvelder'],
		['Ærlig talt: Øl-fri fest!', 'aerlig-talt-ol-fri-fest'],
		['Café Crème', 'cafe-creme'],
		['  --  ', ''],
		['🙂', '']
	])('%s → %s', (title, slug) => {
		expect(slugify(title)).toBe(slug);
	});

	it('keeps within the length and never ends on a hyphen', () => {
		const slug = slugify('Lang tittel '.repeat(20), 20);
		expect(slug.length).toBeLessThanOrEqual(20);
		expect(slug).not.toMatch(/-$/);
	});
});
