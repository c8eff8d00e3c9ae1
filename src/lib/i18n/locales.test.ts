import { describe, expect, it } from 'vitest';
import { localeFromPath, localizePath, stripLocale } from './locales';

describe('locale from the URL', () => {
	it('is Bokmål at the root and English under /en', () => {
		expect(localeFromPath('/')).toBe('nb');
		expect(localeFromPath('/organisasjoner')).toBe('nb');
		expect(localeFromPath('/en')).toBe('en');
		expect(localeFromPath('/en/')).toBe('en');
		expect(localeFromPath('/en/organizations')).toBe('en');
	});

	it('does not take a path that merely starts with "en" for English', () => {
		expect(localeFromPath('/english-course')).toBe('nb');
		expect(stripLocale('/english-course')).toBe('/english-course');
	});

	it('strips and adds the prefix', () => {
		expect(stripLocale('/en')).toBe('/');
		expect(stripLocale('/en/a/b')).toBe('/a/b');
		expect(localizePath('/a/b', 'en')).toBe('/en/a/b');
		expect(localizePath('/en/a/b', 'nb')).toBe('/a/b');
		expect(localizePath('/', 'en')).toBe('/en');
		expect(localizePath('/en', 'nb')).toBe('/');
	});
});
