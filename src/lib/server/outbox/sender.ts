import type { SupabaseClient } from '@supabase/supabase-js';
import type { SendMailOptions } from 'nodemailer';
import type { Database } from '$lib/database.types';
import { addressOf, DEFAULT_FROM, renderMail, type OutboxRow } from './render';

export { DEFAULT_FROM } from './render';

/** What the sender needs of a nodemailer transport (a fake in tests). */
export interface MailTransport {
	sendMail(mail: SendMailOptions): Promise<unknown>;
}

export interface DeliverOptions {
	/** A service-role client: `outbox_claim` and `outbox_report` are executable by no other role. */
	supabase: SupabaseClient<Database>;
	transport: MailTransport;
	siteUrl: string;
	from?: string;
	limit?: number;
	log?: (line: string) => void;
}

/** `outbox_claim` locks rows for 2 minutes; past this, another sender may claim them too. */
const CLAIM_BUDGET_MS = 90_000;

/**
 * The failure as stored in `last_error`: the error code and the first line of the message,
 * short, with the token cut out (an SMTP server may echo what it was sent).
 */
export function describeError(error: unknown, secrets: string[] = []): string {
	const e = error as { code?: unknown; responseCode?: unknown; message?: unknown };
	const parts = [e?.code, e?.responseCode].filter((p) => p !== undefined && p !== null);
	let message = String(e?.message ?? error).split('\n')[0];
	for (const secret of secrets) if (secret) message = message.replaceAll(secret, '[redacted]');
	return [...parts, message.slice(0, 200)].join(' ').trim() || 'unknown error';
}

/** Nodemailer's error code (`ECONNECTION`, `EENVELOPE` …): safe to log, unlike the message. */
function errorCode(error: unknown): string {
	const code = (error as { code?: unknown })?.code;
	return typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code) ? code : 'error';
}

/** Claims due e-mails, sends them one by one, and reports each as sent or failed. */
export async function deliverDue(
	options: DeliverOptions
): Promise<{ sent: number; failed: number }> {
	const { supabase, transport, siteUrl, from = DEFAULT_FROM, limit = 20 } = options;
	const log = options.log ?? ((line: string) => console.warn(line));
	const claimedAt = Date.now();
	const { data, error } = await supabase.rpc('outbox_claim', { p_limit: limit });
	if (error) throw new Error(`outbox_claim: ${error.code} ${error.message}`);
	const rows = (data ?? []) as unknown as OutboxRow[];
	let sent = 0;
	let failed = 0;
	for (const row of rows) {
		// Left locked, these are claimed again once the lock ends; sending now could double them.
		if (Date.now() - claimedAt > CLAIM_BUDGET_MS) break;
		let failure: string | null = null;
		let code = '';
		let secrets: string[] = [];
		try {
			// The address may come back in an SMTP error ("550 <ola@…> unknown"): failed_mails
			// shows last_error to the organization's admins, who need no one's address for it.
			secrets = [row.to_email];
			const mail = renderMail(row, siteUrl, { organizer: addressOf(from) });
			secrets.push(...mail.secrets);
			await transport.sendMail({
				// One Message-ID per outbox row, the same on every attempt: a mail sent again after a
				// crash between sending and reporting (at-least-once) can be recognised as the same.
				messageId: `<outbox-${row.id}@sammen>`,
				from,
				to: row.to_email,
				subject: mail.subject,
				text: mail.text,
				html: mail.html,
				attachments: mail.attachments
			});
		} catch (err) {
			failure = describeError(err, secrets);
			code = errorCode(err);
		}
		if (failure === null) sent++;
		else {
			failed++;
			// A row id and an error code only: no address, subject or token in the logs.
			log(`outbox: e-mail ${row.id} failed (attempt ${row.attempts}, ${code})`);
		}
		const report = await supabase.rpc('outbox_report', {
			p_id: row.id,
			p_error: failure ?? undefined
		});
		// Unreported, the row is claimed again after its lock: a sent mail may then go out twice.
		if (report.error) log(`outbox: could not report e-mail ${row.id} (${report.error.code})`);
	}
	return { sent, failed };
}

export interface SenderOptions extends DeliverOptions {
	intervalMs: number;
}

/**
 * Runs `deliverDue` now and then every `intervalMs` after the previous run ended, so runs never
 * overlap. Errors are logged and swallowed: the loop outlives an outage of Supabase or SMTP.
 */
export function startOutboxSender(options: SenderOptions): { stop(): Promise<void> } {
	const log = options.log ?? ((line: string) => console.warn(line));
	let stopped = false;
	let timer: ReturnType<typeof setTimeout> | undefined;
	let running: Promise<void> = Promise.resolve();
	const run = async () => {
		let full = false;
		try {
			const { sent, failed } = await deliverDue({ ...options, log });
			// A full batch sent means more may be due: go on at once. After failures, wait: SMTP
			// may be down, and hurrying would only spend the backlog's attempts.
			full = failed === 0 && sent >= (options.limit ?? 20);
		} catch (error) {
			// Only the claim throws: its message is Supabase's, about the request, never about a row.
			log(`outbox: run failed (${describeError(error).slice(0, 160)})`);
		}
		if (stopped) return;
		timer = setTimeout(() => (running = run()), full ? 0 : options.intervalMs);
		// The sender alone must not keep the process alive at shutdown.
		timer.unref?.();
	};
	running = run();
	return {
		async stop() {
			stopped = true;
			clearTimeout(timer);
			await running;
		}
	};
}
