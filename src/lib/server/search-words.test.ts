import { describe, expect, it } from 'vitest';
import { MAX_WORDS, searchWords } from './search-words';

describe('searchWords', () => {
	it('keeps Norwegian and English words, lower-cased', () => {
		expect(searchWords('Tur i Marka')).toEqual(['tur', 'i', 'marka']);
		expect(searchWords('Pårørende-kurs')).toEqual(['pårørende', 'kurs']);
		expect(searchWords('Shared meals')).toEqual(['shared', 'meals']);
	});

	it.each([
		["'; drop table activities; --", ['drop', 'table', 'activities']],
		['fotball & (tur | !yoga):*', ['fotball', 'tur', 'yoga']],
		['"quoted" \\back\\slash', ['quoted', 'back', 'slash']],
		['\u0000nul\u0000', ['nul']],
		['🙂 kaffe ☕', ['kaffe']],
		['   ', []],
		['', []]
	])('reduces hostile input %j to plain words', (input, words) => {
		expect(searchWords(input)).toEqual(words);
	});

	it('bounds a 10,000-character search', () => {
		const words = searchWords('a'.repeat(10_000) + ' ' + 'ord '.repeat(5000));
		expect(words.length).toBeLessThanOrEqual(MAX_WORDS);
		expect(words.every((w) => w.length <= 40)).toBe(true);
	});

	it('drops repeated words', () => {
		expect(searchWords('tur tur TUR')).toEqual(['tur']);
	});
});
