import { describe, expect, it } from 'vitest';
import { flatten, catalogues } from '$lib/i18n/messages';
import { whatToExpect, type ExpectInput } from './what-to-expect';

const base: ExpectInput = {
	category: 'dialogue_group',
	attributes: [],
	signup_mode: 'per_session',
	online: false,
	venue: 'Frivilligsentralen',
	address: null
};
const lines = (groups: ReturnType<typeof whatToExpect>) => groups.flatMap((g) => g.lines);

describe('what to expect', () => {
	it('says only what the fields say', () => {
		const groups = whatToExpect(base, []);
		expect(groups.map((g) => g.heading)).toEqual([
			'expect.formatHeading',
			'expect.whoHeading',
			'expect.accessHeading'
		]);
		expect(lines(groups)).toEqual([
			'expect.format.dialogue_group',
			'expect.signup.per_session',
			'expect.everyone',
			'expect.askAccess'
		]);
	});

	it('reads the attributes and the approaches', () => {
		const groups = whatToExpect(
			{
				...base,
				attributes: [
					'no_sharing_required',
					'substance_free',
					'women_only',
					'beginners_welcome',
					'wheelchair_accessible',
					'drop_in'
				],
				online: true
			},
			['peer_led', 'professional_led']
		);
		expect(lines(groups)).toEqual([
			'expect.format.dialogue_group',
			'expect.dropIn',
			'expect.noSharing',
			'expect.substanceFree',
			'expect.peerLed',
			'expect.professionalLed',
			'expect.womenOnly',
			'expect.beginners',
			'expect.online',
			'expect.wheelchair'
		]);
	});

	it('makes no access claim for an activity that is only online', () => {
		const groups = whatToExpect({ ...base, online: true, venue: null }, []);
		expect(lines(groups)).toContain('expect.online');
		expect(lines(groups)).not.toContain('expect.askAccess');
	});

	it('has every sentence in both catalogues', () => {
		const keys = new Set([...Object.keys(flatten(catalogues.nb))]);
		const all = whatToExpect(
			{ ...base, attributes: ['youth', 'families', 'free_of_charge', 'english_spoken'] },
			['peer_led']
		);
		for (const key of lines(all).concat(all.map((g) => g.heading)))
			expect(keys.has(key), key).toBe(true);
	});
});
