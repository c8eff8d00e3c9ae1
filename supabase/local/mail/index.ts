import { parseMessage } from './message.ts';
import { startSmtpServer } from './smtp.ts';
import { MailStore } from './store.ts';
import { startWebServer } from './web.ts';

export { DEFAULT_MAX_MESSAGE_BYTES } from './smtp.ts';
export { MailStore } from './store.ts';
export type { Envelope, MailMessage, MessageSummary } from './message.ts';

export interface MailCatcherOptions {
	/** 0 or absent picks a free port; the one chosen is reported back. */
	smtpPort?: number;
	webPort?: number;
	/** Larger messages are refused with 552 (default 10 MB). */
	maxMessageBytes?: number;
	/** Older messages are forgotten past this many (default 1000). */
	maxMessages?: number;
}

export interface MailCatcher {
	smtpPort: number;
	webPort: number;
	/** `smtp://127.0.0.1:<port>` */
	smtpUrl: string;
	/** `http://127.0.0.1:<port>`: the message list, and the JSON API under /api/v1. */
	webUrl: string;
	store: MailStore;
	/** Closes both servers and every open connection; safe to call more than once. */
	stop(): Promise<void>;
}

/**
 * The local stand-in for Supabase's Inbucket/Mailpit: every mail sent to the SMTP port
 * (nodemailer's smtp-server) is parsed with mailparser, kept in memory and shown on the web
 * port. Both listen on 127.0.0.1 only.
 */
export async function startMailCatcher(options: MailCatcherOptions = {}): Promise<MailCatcher> {
	const store = new MailStore({ maxMessages: options.maxMessages });
	const smtp = await startSmtpServer({
		port: options.smtpPort ?? 0,
		maxMessageBytes: options.maxMessageBytes,
		onMessage: async (envelope, raw) => store.add(await parseMessage(raw, envelope))
	});
	let web;
	try {
		web = await startWebServer({ port: options.webPort ?? 0, store });
	} catch (error) {
		await smtp.close();
		throw error;
	}
	let stopping: Promise<void> | undefined;
	return {
		smtpPort: smtp.port,
		webPort: web.port,
		smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
		webUrl: `http://127.0.0.1:${web.port}`,
		store,
		stop: () => (stopping ??= Promise.all([smtp.close(), web.close()]).then(() => undefined))
	};
}
