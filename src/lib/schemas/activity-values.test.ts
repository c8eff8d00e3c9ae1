import { describe, expect, it } from 'vitest';
import { activitySchema, activityValues } from './activity';

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

describe('activitySchema start_time', () => {
	// As the form posts it: every field, most of them empty.
	const EMPTY = [
		'summary',
		'description',
		'address',
		'city',
		'capacity',
		'helper_places',
		'signup_opens_days_before',
		'signup_closes_hours_before'
	];
	const parse = (startTime: string) =>
		activitySchema.safeParse(
			activityValues(
				form([
					['title', 'Tur i marka'],
					['category', 'sport'],
					['first_date', '2026-12-01'],
					['duration_minutes', '90'],
					['start_time', startTime],
					['venue', 'Sognsvann'],
					...EMPTY.map((name): [string, string] => [name, ''])
				])
			)
		);

	it.each([
		['18:30', '18:30'],
		['18.30', '18:30'],
		['9.30', '09:30'],
		[' 07:05 ', '07:05']
	])('takes %j as people write it (→ %s)', (input, stored) => {
		const result = parse(input);
		expect(result.error?.issues ?? []).toEqual([]);
		expect(result.success && result.data.start_time).toBe(stored);
	});

	it.each(['24:00', '18-30', '1830', '18:3', ''])(
		'refuses %j with the format in words',
		(input) => {
			const result = parse(input);
			expect(result.success).toBe(false);
			expect(result.error?.issues.find((i) => i.path[0] === 'start_time')?.message).toBe(
				'activity.errors.startTime'
			);
		}
	);
});
