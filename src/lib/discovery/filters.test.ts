import { describe, expect, it } from 'vitest';
import { filterQuery, isFiltered, readFilters } from './filters';

const read = (query: string) => readFilters(new URLSearchParams(query));

describe('readFilters', () => {
	it('reads every filter from the URL', () => {
		const { filters, problems } = read(
			'q=tur&category=outdoor&category=sport&attr=substance_free&org=fri-vei&city=Bergen&when=dates&from=2026-12-01&to=2026-12-14&mode=online'
		);
		expect(filters).toMatchObject({
			q: 'tur',
			category: ['outdoor', 'sport'],
			attr: ['substance_free'],
			org: 'fri-vei',
			city: 'Bergen',
			when: 'dates',
			from: '2026-12-01',
			to: '2026-12-14',
			mode: 'online'
		});
		expect(problems).toEqual([]);
	});

	it('drops values that are not filters, and keeps odd dates to report them', () => {
		const { filters, problems } = read(
			'category=nope&attr=%27;drop&org=%3Cscript%3E&when=soon&mode=x&after=garbage&when=dates&from=31.12.2026'
		);
		expect(filters).toMatchObject({
			category: [],
			attr: [],
			org: '',
			when: 'upcoming',
			mode: 'any',
			after: ''
		});
		expect(problems).toEqual([]);
		const dated = read('when=dates&from=31.12.2026&to=2026-13-45');
		expect(dated.filters.from).toBe('31.12.2026');
		expect(dated.problems.map((p) => p.field)).toEqual(['from', 'to']);
	});

	it('bounds long text', () => {
		expect(read(`q=${'a'.repeat(5000)}`).filters.q).toHaveLength(200);
	});
});

describe('filterQuery', () => {
	it('writes the filters back, defaults left out, so links round-trip', () => {
		const query = 'q=tur&category=outdoor&attr=free_of_charge&when=week&mode=inperson';
		const { filters } = read(query);
		expect(filterQuery(filters)).toBe(`?${query}`);
		expect(read(filterQuery(filters).slice(1)).filters).toEqual(filters);
		expect(filterQuery(read('').filters)).toBe('');
	});

	it('applies a change (the next page) without losing the filters', () => {
		const { filters } = read('city=Oslo');
		expect(
			filterQuery(filters, {
				after: '2026-12-01T17:00:00+00:00_0b9f7f3e-1c1a-4c61-9d1e-000000000001'
			})
		).toBe(
			'?city=Oslo&after=2026-12-01T17%3A00%3A00%2B00%3A00_0b9f7f3e-1c1a-4c61-9d1e-000000000001'
		);
	});

	it('knows whether anything narrows the list', () => {
		expect(isFiltered(read('').filters)).toBe(false);
		expect(isFiltered(read('mode=online').filters)).toBe(true);
	});
});
