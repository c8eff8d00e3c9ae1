import { describe, expect, it } from 'vitest';
import { readFilters } from '$lib/discovery/filters';
import { embedQuery, shareLinks } from './links';

const filters = readFilters(
	new URLSearchParams('org=fjellvenner&category=outdoor&after=2026-01-01T10:00:00Z_x')
).filters;
const theme = { accent: '#1a5f7a', compact: true, header: true };

describe('share links', () => {
	it('puts the filters, then the theme, in the embed query', () => {
		expect(embedQuery(filters, theme)).toBe(
			'?category=outdoor&org=fjellvenner&accent=1a5f7a&compact=1'
		);
	});

	it('makes every address absolute, in the chosen language', () => {
		const links = shareLinks(
			'https://sammen.example',
			{ filters, view: 'month', theme, locale: 'en' },
			'Sammen – activities'
		);
		expect(links.embed).toBe(
			'https://sammen.example/en/embed/month?category=outdoor&org=fjellvenner&accent=1a5f7a&compact=1'
		);
		expect(links.ics).toBe(
			'https://sammen.example/feeds/sessions.ics?category=outdoor&org=fjellvenner'
		);
		expect(links.webcal).toBe(
			'webcal://sammen.example/feeds/sessions.ics?category=outdoor&org=fjellvenner'
		);
		expect(links.json).toBe(
			'https://sammen.example/api/v1/sessions?category=outdoor&org=fjellvenner'
		);
		expect(links.script).toContain('data-sammen-embed="month?category=outdoor&amp;org=fjellvenner');
		expect(links.script).toContain('data-sammen-lang="en"');
		expect(links.script).toContain('<script src="https://sammen.example/embed.js" async></script>');
		expect(links.iframe).toContain('title="Sammen – activities"');
	});

	it('escapes the title inside the codes', () => {
		const links = shareLinks(
			'http://localhost:3000',
			{ filters, view: 'list', theme, locale: 'nb' },
			'"><script>'
		);
		expect(links.iframe).not.toContain('"><script>');
		expect(links.script).not.toContain('"><script>');
	});
});
