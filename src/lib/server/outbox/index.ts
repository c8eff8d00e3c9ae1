import { createTransport } from 'nodemailer';
import { building } from '$app/environment';
import { env as privateEnv } from '$env/dynamic/private';
import { env as publicEnv } from '$env/dynamic/public';
import { adminClient } from '../supabase-admin';
import { outboxConfig } from './config';
import { startOutboxSender } from './sender';

export { deliverDue, startOutboxSender } from './sender';
export { renderMail } from './render';

type Sender = { stop(): Promise<void> };

// Kept on globalThis so that a module reloaded by Vite in development stops the sender it
// started before, instead of leaving two of them running.
const KEY = Symbol.for('sammen.outbox.sender');
const registry = globalThis as typeof globalThis & { [KEY]?: Sender };

/**
 * Starts sending the outbox (call from `init` in hooks.server.ts). Reads SMTP_HOST, SMTP_PORT,
 * SMTP_USER, SMTP_PASS, SMTP_SECURE, MAIL_FROM and PUBLIC_SITE_URL (a PUBLIC_ variable is only
 * in $env/dynamic/public). Without them it logs why and sends nothing; the mails wait.
 */
export function startOutbox({
	// A participant waits for their confirmation: look for new mail every few seconds (one cheap
	// query when there is none).
	intervalMs = Number(privateEnv.SAMMEN_OUTBOX_INTERVAL_MS) || 3_000
} = {}): Sender {
	const idle: Sender = { stop: async () => {} };
	if (building) return idle;
	const config = outboxConfig({ ...privateEnv, PUBLIC_SITE_URL: publicEnv.PUBLIC_SITE_URL });
	if ('error' in config) {
		console.warn(`outbox: not sending e-mails (${config.error})`);
		return idle;
	}
	let supabase;
	try {
		// Service role: the outbox is in `private` and its functions are granted to no user's role.
		supabase = adminClient();
	} catch (error) {
		console.warn(`outbox: not sending e-mails (${(error as Error).message})`);
		return idle;
	}
	void registry[KEY]?.stop();
	const sender = startOutboxSender({
		supabase,
		transport: createTransport(config.smtp),
		siteUrl: config.siteUrl,
		from: config.from,
		intervalMs
	});
	registry[KEY] = sender;
	return sender;
}
