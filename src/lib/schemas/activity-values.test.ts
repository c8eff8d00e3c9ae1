import { describe, expect, it } from 'vitest';
import { activityValues } from './activity';

const form = (entries: [string, string][]) => {
	const data = new FormData();
	for (const [k, v] of entries) data.append(k, v);
	return data;
};

describe('activityValues', () => {
	it('makes the short name from the title when it is left empty', () => {
		expect(
			activityValues(
				form([
					['title', 'Tur i marka'],
					['slug', '']
				])
			).slug
		).toBe('tur-i-marka');
	});

	it('keeps a short name the organizer wrote', () => {
		expect(
			activityValues(
				form([
					['title', 'Tur i marka'],
					['slug', 'min-tur']
				])
			).slug
		).toBe('min-tur');
	});
});
