import { describe, expect, it } from 'vitest';
import { escapeHtml, renderMail } from './render';

const data = { organization: 'Turlaget', token: 'tok-123_abc', role: 'organizer' };

describe('renderMail (invitation)', () => {
	it('renders in Norwegian with a link at the root', () => {
		const mail = renderMail({ template: 'invitation', locale: 'nb', data }, 'https://sammen.no/');
		expect(mail.subject).toBe('Du er invitert til Sammen');
		expect(mail.text).toContain('https://sammen.no/invitations/tok-123_abc');
		expect(mail.text).toContain('som arrangør');
		expect(mail.html).toContain('<html lang="nb">');
		expect(mail.html).toContain('<a href="https://sammen.no/invitations/tok-123_abc">');
		expect(mail.secrets).toContain('tok-123_abc');
	});

	it('renders in English with the /en prefix', () => {
		const mail = renderMail(
			{ template: 'invitation', locale: 'en', data: { ...data, role: 'admin' } },
			'https://sammen.no'
		);
		expect(mail.subject).toBe('You are invited to Sammen');
		expect(mail.text).toContain('https://sammen.no/en/invitations/tok-123_abc');
		expect(mail.text).toContain('as an administrator');
		expect(mail.html).toContain('<html lang="en">');
		expect(mail.html).toContain('href="https://sammen.no/en/invitations/tok-123_abc"');
	});

	it('escapes an organization name in the HTML and keeps the subject on one line', () => {
		const organization = 'Lag <script>alert("x")</script>\r\nBcc: a@b.c & co';
		const mail = renderMail(
			{ template: 'invitation', locale: 'nb', data: { ...data, organization } },
			'https://sammen.no'
		);
		expect(mail.html).not.toContain('<script>');
		expect(mail.html).toContain('Lag &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
		expect(mail.html).toContain('&amp; co');
		expect(mail.subject).not.toMatch(/[\r\n]/);
		expect(mail.text).toContain('<script>'); // plain text is not HTML: shown as written
	});

	it('never says what the platform is for (discreet mode)', () => {
		for (const locale of ['nb', 'en']) {
			const mail = renderMail({ template: 'invitation', locale, data }, 'https://sammen.no');
			expect(`${mail.subject}\n${mail.text}`).not.toMatch(/rus|avhengig|recover|addict|sober/i);
		}
	});

	it('falls back to Norwegian for an unknown locale, and refuses what it cannot render', () => {
		const mail = renderMail({ template: 'invitation', locale: 'de', data }, 'https://sammen.no');
		expect(mail.subject).toMatch(/^Du er invitert/);
		expect(() => renderMail({ template: 'other', locale: 'nb', data }, 'x')).toThrow(/template/);
		expect(() =>
			renderMail({ template: 'invitation', locale: 'nb', data: { organization: 'A' } }, 'x')
		).toThrow('render: data.token missing');
	});

	it('escapes every HTML-significant character', () => {
		expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
			'&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;'
		);
	});
});
