import { describe, expect, it } from 'vitest';
import { cursorOf, readSessionQuery } from './public-api';

const now = new Date('2026-11-29T12:00:00Z');
const read = (query: string) => readSessionQuery(new URLSearchParams(query), now);
const code = (query: string) => {
	const result = read(query);
	return 'error' in result ? result.error.code : null;
};

describe('readSessionQuery', () => {
	it('reads the list filters, a year ahead by default, 50 rows', () => {
		const result = read(
			'category=sport&category=outdoor&attr=substance_free&org=ball-oslo&city=Oslo&mode=online&q=fotball'
		);
		if ('error' in result) throw new Error(result.error.message);
		expect(result.query).toMatchObject({
			categories: ['sport', 'outdoor'],
			attributes: ['substance_free'],
			organization: 'ball-oslo',
			city: 'Oslo',
			online: true,
			words: ['fotball'],
			limit: 50,
			from: now
		});
		expect(result.query.to.getTime() - now.getTime()).toBe(365 * 86_400_000);
	});

	it('reads from and to as Oslo days, to inclusive', () => {
		const result = read('from=2026-12-01&to=2026-12-02');
		if ('error' in result) throw new Error(result.error.message);
		expect(result.query.from.toISOString()).toBe('2026-11-30T23:00:00.000Z');
		expect(result.query.to.toISOString()).toBe('2026-12-02T23:00:00.000Z');
	});

	it('refuses what it does not know (400) instead of widening the query', () => {
		expect(code('category=knitting')).toBe('bad_category');
		expect(code('attr=nope')).toBe('bad_attribute');
		expect(code('from=2026-13-45')).toBe('bad_date');
		expect(code('from=tomorrow')).toBe('bad_date');
		expect(code('from=2026-12-02&to=2026-12-01')).toBe('bad_date');
		expect(code('from=2026-12-01&to=2028-12-01')).toBe('bad_date');
		expect(code('after=bm9wZQ')).toBe('bad_cursor');
		expect(code('limit=0')).toBe('bad_limit');
		expect(code('limit=101')).toBe('bad_limit');
		expect(code('limit=ten')).toBe('bad_limit');
		expect(code('when=someday')).toBe('bad_when');
		expect(code('org=Not A Slug')).toBe('bad_organization');
		expect(code('mode=sometimes')).toBe('bad_mode');
		expect(code('limit=100')).toBeNull();
	});

	it('reads back the cursor it wrote', () => {
		const row = { starts_at: '2026-12-01T17:00:00+00:00', session_id: crypto.randomUUID() };
		const result = read(`after=${cursorOf(row)}`);
		if ('error' in result) throw new Error(result.error.message);
		expect(result.query.after).toEqual({ at: row.starts_at, id: row.session_id });
	});
});
