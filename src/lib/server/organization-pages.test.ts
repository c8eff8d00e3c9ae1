import { describe, expect, it } from 'vitest';
import { groupByApproach, groupMenu } from './organization-pages';

const org = (id: string, approaches: ('peer_led' | 'twelve_step' | 'for_relatives')[]) => ({
	id,
	slug: id,
	name: `Org ${id}`,
	kind: 'ngo' as const,
	approaches,
	city: 'Oslo'
});

describe('the menu', () => {
	it('joins the offers to their organizations, in the order given, with their count', () => {
		const row = (
			organization: string,
			id: string,
			next: string,
			dates: number,
			offers: number
		) => ({
			organization_id: organization,
			activity_id: id,
			title: `Tilbud ${id}`,
			category: 'sport' as const,
			timezone: 'Europe/Oslo',
			next_start: next,
			dates,
			offers
		});
		const menu = groupMenu(
			[org('a', ['peer_led']), org('b', []), org('c', [])],
			[
				row('a', 'x', '2026-12-01T17:00:00Z', 4, 5),
				row('c', 'z', '2026-12-02T17:00:00Z', 1, 1),
				row('a', 'y', '2026-12-03T17:00:00Z', 1, 5)
			]
		);
		expect(menu.map((o) => o.slug)).toEqual(['a', 'b', 'c']);
		expect(menu[0].activities).toEqual([
			{
				id: 'x',
				title: 'Tilbud x',
				category: 'sport',
				timezone: 'Europe/Oslo',
				next: '2026-12-01T17:00:00Z',
				dates: 4
			},
			{
				id: 'y',
				title: 'Tilbud y',
				category: 'sport',
				timezone: 'Europe/Oslo',
				next: '2026-12-03T17:00:00Z',
				dates: 1
			}
		]);
		expect(menu[0].offers).toBe(5);
		expect(menu[1]).toMatchObject({ activities: [], offers: 0 });
		expect(menu[2].offers).toBe(1);
		expect(menu[0]).not.toHaveProperty('id');
	});

	it('puts an organization under each of its approaches, in the schema order', () => {
		const groups = groupByApproach([
			org('a', ['twelve_step', 'peer_led']),
			org('b', ['peer_led']),
			org('c', [])
		]);
		expect(groups.map((g) => [g.approach, g.organizations.map((o) => o.id)])).toEqual([
			['peer_led', ['a', 'b']],
			['twelve_step', ['a']],
			['other', ['c']]
		]);
	});
});
