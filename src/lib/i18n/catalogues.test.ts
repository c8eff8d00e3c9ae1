import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { catalogues, flatten } from './messages';
import { translate } from './translate';

function argumentsOf(elements: MessageFormatElement[], found = new Set<string>()): Set<string> {
	for (const el of elements) {
		if (el.type === TYPE.literal || el.type === TYPE.pound) continue;
		if ('value' in el && typeof el.value === 'string') found.add(`${el.value}:${TYPE[el.type]}`);
		if ('options' in el) {
			for (const option of Object.values(el.options)) argumentsOf(option.value, found);
		}
		if (el.type === TYPE.tag) argumentsOf(el.children, found);
	}
	return found;
}

describe('message catalogues', () => {
	const nb = flatten(catalogues.nb);
	const en = flatten(catalogues.en);

	it('have the same keys in nb and en', () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(nb).sort());
	});

	it('use the same ICU arguments in nb and en', () => {
		for (const key of Object.keys(nb)) {
			const a = [...argumentsOf(parse(nb[key]))].sort();
			const b = [...argumentsOf(parse(en[key] ?? ''))].sort();
			expect(b, key).toEqual(a);
		}
	});

	it('has no empty message', () => {
		for (const [key, value] of [...Object.entries(nb), ...Object.entries(en)]) {
			expect(value.trim(), key).not.toBe('');
		}
	});
});

describe('translate', () => {
	it('formats plurals per locale', () => {
		expect(translate('nb', 'home.organizationCount', { count: 1 })).toBe('1 organisasjon');
		expect(translate('en', 'home.organizationCount', { count: 3 })).toBe('3 organizations');
		expect(translate('en', 'home.organizationCount', { count: 0 })).toBe('No organizations yet');
	});

	it('does not depend on a global locale', () => {
		const results = ['nb', 'en', 'nb', 'en'].map((l) => translate(l as 'nb' | 'en', 'home.title'));
		expect(results).toEqual([
			'Finn et fellesskap',
			'Find a community',
			'Finn et fellesskap',
			'Find a community'
		]);
	});
});
