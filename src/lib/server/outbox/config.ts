import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { DEFAULT_FROM } from './sender';

export interface OutboxConfig {
	smtp: SMTPTransport.Options;
	from: string;
	siteUrl: string;
}

type Env = Record<string, string | undefined>;

/**
 * The sender's settings from the environment, or why it cannot run. Without SMTP the e-mails
 * simply wait in the outbox, which is safe: they go out once it is configured.
 */
export function outboxConfig(env: Env): OutboxConfig | { error: string } {
	const host = env.SMTP_HOST?.trim();
	if (!host) return { error: 'SMTP_HOST is not set' };
	// Links in e-mails need an absolute address; adapter-node's ORIGIN is the same thing.
	const siteUrl = (env.PUBLIC_SITE_URL || env.ORIGIN)?.trim();
	if (!siteUrl) return { error: 'PUBLIC_SITE_URL is not set' };
	const secure = /^(1|true|yes)$/i.test(env.SMTP_SECURE?.trim() ?? '');
	return {
		smtp: {
			host,
			port: Number(env.SMTP_PORT) || (secure ? 465 : 587),
			secure,
			auth: env.SMTP_USER ? { user: env.SMTP_USER, pass: env.SMTP_PASS ?? '' } : undefined,
			// Nodemailer waits up to 2 and 10 minutes by default; a claim holds its rows for only
			// 2, so a hanging server must fail fast instead of letting another sender re-claim them.
			connectionTimeout: 10_000,
			greetingTimeout: 10_000,
			socketTimeout: 30_000
		},
		from: env.MAIL_FROM?.trim() || DEFAULT_FROM,
		siteUrl
	};
}
