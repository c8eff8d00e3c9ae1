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
	it('joins sessions to their activities and organizations, dates in order', () => {
		const menu = groupMenu(
			[org('a', ['peer_led']), org('b', [])],
			[
				{
					starts_at: '2026-12-01T17:00:00Z',
					activities: {
						id: 'x',
						title: 'Fotball',
						category: 'sport',
						timezone: 'Europe/Oslo',
						organization_id: 'a'
					}
				},
				{
					starts_at: '2026-12-08T17:00:00Z',
					activities: {
						id: 'x',
						title: 'Fotball',
						category: 'sport',
						timezone: 'Europe/Oslo',
						organization_id: 'a'
					}
				},
				{
					starts_at: '2026-12-03T17:00:00Z',
					activities: {
						id: 'y',
						title: 'Middag',
						category: 'social_meals',
						timezone: 'Europe/Oslo',
						organization_id: 'a'
					}
				}
			]
		);
		expect(menu.map((o) => o.slug)).toEqual(['a', 'b']);
		expect(menu[0].activities).toEqual([
			{
				id: 'x',
				title: 'Fotball',
				category: 'sport',
				timezone: 'Europe/Oslo',
				dates: ['2026-12-01T17:00:00Z', '2026-12-08T17:00:00Z']
			},
			{
				id: 'y',
				title: 'Middag',
				category: 'social_meals',
				timezone: 'Europe/Oslo',
				dates: ['2026-12-03T17:00:00Z']
			}
		]);
		expect(menu[1].activities).toEqual([]);
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
