import { describe, expect, it } from 'vitest';
import { translate } from '$lib/i18n/translate';
import { placesText } from './places';

const say = (left: number | null, waitlist: boolean, locale: 'nb' | 'en' = 'nb') => {
	const text = placesText(left, waitlist);
	return text && translate(locale, text.key, { count: text.count });
};

describe('placesText', () => {
	it('counts places left, in both languages', () => {
		expect(say(3, true)).toBe('3 ledige plasser');
		expect(say(1, true)).toBe('1 ledig plass');
		expect(say(3, true, 'en')).toBe('3 places left');
	});

	it('says full, with or without a waiting list; nothing when there is no limit', () => {
		expect(say(0, true)).toBe('Fullt – venteliste');
		expect(say(0, false)).toBe('Fullt');
		expect(say(null, true)).toBeNull();
	});
});
