// Go template semantics as Supabase Auth renders e-mail templates (Go's text/template and
// html/template docs: actions, if/else if/else, eq with several arguments, trim markers).
import { describe, expect, it } from 'vitest';
import { renderTemplate } from './template';

describe('Go template subset', () => {
	it('substitutes fields and nested data, escaping HTML', () => {
		expect(
			renderTemplate('<a href="{{ .SiteURL }}/x?t={{ .TokenHash }}">{{ .Data.name }}</a>', {
				SiteURL: 'http://localhost:3000',
				TokenHash: 'abc',
				Data: { name: '<b>Kari & Ola</b>' }
			})
		).toBe('<a href="http://localhost:3000/x?t=abc">&lt;b&gt;Kari &amp; Ola&lt;/b&gt;</a>');
	});

	it('branches with if / else if / else and eq', () => {
		const t =
			'{{ if eq .Data.locale "en" }}Hello{{ else if eq .Data.locale "nn" }}Hei (nn){{ else }}Hei{{ end }}';
		expect(renderTemplate(t, { Data: { locale: 'en' } })).toBe('Hello');
		expect(renderTemplate(t, { Data: { locale: 'nn' } })).toBe('Hei (nn)');
		expect(renderTemplate(t, { Data: {} })).toBe('Hei');
	});

	it('eq matches any of several arguments, ne/and/or/not combine', () => {
		expect(renderTemplate('{{ if eq .A "x" "y" }}1{{ end }}', { A: 'y' })).toBe('1');
		expect(
			renderTemplate('{{ if and .A (ne .B "z") }}1{{ else }}0{{ end }}', { A: 'a', B: 'b' })
		).toBe('1');
		expect(renderTemplate('{{ if or .Missing (not .Empty) }}1{{ end }}', { Empty: '' })).toBe('1');
	});

	it('trims white space with {{- and -}}', () => {
		expect(renderTemplate('a  {{- .X -}}  b', { X: '!' })).toBe('a!b');
	});

	it('leaves a missing field empty and refuses an unclosed if', () => {
		expect(renderTemplate('[{{ .Nope }}]', {})).toBe('[]');
		expect(() => renderTemplate('{{ if .A }}x', { A: 1 })).toThrow(/end/);
	});

	it('renders plain text without escaping', () => {
		expect(renderTemplate('{{ .X }}', { X: 'a & b' }, false)).toBe('a & b');
	});
});
