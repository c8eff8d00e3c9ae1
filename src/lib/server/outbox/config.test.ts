import { describe, expect, it } from 'vitest';
import { outboxConfig } from './config';

describe('outboxConfig', () => {
	it('says why it cannot send without SMTP or a site address', () => {
		expect(outboxConfig({})).toEqual({ error: 'SMTP_HOST is not set' });
		expect(outboxConfig({ SMTP_HOST: 'smtp.example' })).toEqual({
			error: 'PUBLIC_SITE_URL is not set'
		});
	});

	it('uses STARTTLS on 587 by default, with the default sender', () => {
		const config = outboxConfig({ SMTP_HOST: 'smtp.example', PUBLIC_SITE_URL: 'https://s.no' });
		expect(config).toMatchObject({
			smtp: { host: 'smtp.example', port: 587, secure: false, auth: undefined },
			from: 'Sammen <ikke-svar@sammen.local>',
			siteUrl: 'https://s.no'
		});
	});

	it('reads TLS, port, login and sender, and falls back to ORIGIN for links', () => {
		const config = outboxConfig({
			SMTP_HOST: 'smtp.example',
			SMTP_SECURE: 'true',
			SMTP_USER: 'u',
			SMTP_PASS: 'p',
			MAIL_FROM: 'Sammen <post@sammen.no>',
			ORIGIN: 'https://sammen.no'
		});
		expect(config).toMatchObject({
			smtp: { port: 465, secure: true, auth: { user: 'u', pass: 'p' } },
			from: 'Sammen <post@sammen.no>',
			siteUrl: 'https://sammen.no'
		});
		expect(outboxConfig({ SMTP_HOST: 'h', SMTP_PORT: '2525', ORIGIN: 'x' })).toMatchObject({
			smtp: { port: 2525, secure: false }
		});
	});
});
