import { readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { renderTemplate } from './template.ts';

export type MailKind =
	'confirmation' | 'invite' | 'magic_link' | 'recovery' | 'email_change' | 'reauthentication';

export interface MailerConfig {
	/** SMTP server (the mail catcher locally). */
	host: string;
	port: number;
	senderName: string;
	adminEmail: string;
	/** Project folder: template content paths (`./supabase/templates/…`) are relative to it. */
	workdir: string;
	templates: Partial<Record<MailKind, { subject?: string; contentPath?: string }>>;
}

const DEFAULT_SUBJECTS: Record<MailKind, string> = {
	confirmation: 'Confirm Your Signup',
	invite: 'You have been invited',
	magic_link: 'Your Magic Link',
	recovery: 'Reset Your Password',
	email_change: 'Confirm Email Change',
	reauthentication: 'Confirm reauthentication'
};

const DEFAULT_BODIES: Record<MailKind, string> = {
	confirmation:
		'<h2>Confirm your signup</h2><p><a href="{{ .ConfirmationURL }}">Confirm your mail</a></p><p>{{ .Token }}</p>',
	invite:
		'<h2>You have been invited</h2><p><a href="{{ .ConfirmationURL }}">Accept the invite</a></p><p>{{ .Token }}</p>',
	magic_link:
		'<h2>Magic Link</h2><p><a href="{{ .ConfirmationURL }}">Log In</a></p><p>{{ .Token }}</p>',
	recovery:
		'<h2>Reset Password</h2><p><a href="{{ .ConfirmationURL }}">Reset Password</a></p><p>{{ .Token }}</p>',
	email_change:
		'<h2>Confirm Change of Email</h2><p><a href="{{ .ConfirmationURL }}">Change Email</a></p><p>{{ .Token }}</p>',
	reauthentication: '<h2>Confirm reauthentication</h2><p>Enter the code: {{ .Token }}</p>'
};

export interface MailData {
	SiteURL: string;
	ConfirmationURL: string;
	Token: string;
	TokenHash: string;
	Email: string;
	NewEmail?: string;
	RedirectTo: string;
	Data: Record<string, unknown>;
}

/** Renders the configured template (or Supabase Auth's default) for one mail. */
export async function renderMail(config: MailerConfig, kind: MailKind, data: MailData) {
	const t = config.templates[kind];
	const body = t?.contentPath
		? await readFile(join(config.workdir, t.contentPath), 'utf8')
		: DEFAULT_BODIES[kind];
	// Subjects are templates too, parsed with html/template as hosted Auth does (mailer/template.go).
	const subject = renderTemplate(t?.subject ?? DEFAULT_SUBJECTS[kind], data as never);
	return { subject, html: renderTemplate(body, data as never) };
}

/** Sends one HTML mail over SMTP. */
export async function sendMail(
	config: MailerConfig,
	to: string,
	subject: string,
	html: string
): Promise<void> {
	const from = `${config.senderName} <${config.adminEmail}>`;
	const message = [
		`From: ${encodeHeader(from)}`,
		`To: ${to}`,
		`Subject: ${encodeHeader(subject)}`,
		`Date: ${new Date().toUTCString()}`,
		`Message-ID: <${crypto.randomUUID()}@sammen.local>`,
		'MIME-Version: 1.0',
		'Content-Type: text/html; charset=utf-8',
		'Content-Transfer-Encoding: base64',
		'',
		Buffer.from(html, 'utf8').toString('base64').replace(/.{76}/g, '$&\r\n')
	].join('\r\n');
	await smtp(config.host, config.port, config.adminEmail, to, message);
}

const encodeHeader = (value: string) =>
	/^[\x20-\x7e]*$/.test(value)
		? value
		: `=?utf-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;

/** A minimal SMTP client: one message, no TLS (the catcher is on loopback). */
function smtp(
	host: string,
	port: number,
	from: string,
	to: string,
	message: string
): Promise<void> {
	return new Promise((resolve, reject) => {
		const socket = connect(port, host);
		socket.setTimeout(10_000, () => socket.destroy(new Error('SMTP timeout')));
		const steps = [
			'EHLO sammen.local',
			`MAIL FROM:<${from}>`,
			`RCPT TO:<${to}>`,
			'DATA',
			`${message.replace(/^\./gm, '..')}\r\n.`,
			'QUIT'
		];
		let buffer = '';
		let step = -1;
		socket.on('data', (chunk) => {
			buffer += chunk.toString('utf8');
			for (;;) {
				const nl = buffer.indexOf('\r\n');
				if (nl < 0) return;
				const line = buffer.slice(0, nl);
				buffer = buffer.slice(nl + 2);
				if (/^\d{3}-/.test(line)) continue; // multi-line reply continues
				if (!/^[23]\d\d/.test(line)) {
					socket.destroy();
					return reject(new Error(`SMTP refused: ${line}`));
				}
				step++;
				if (step < steps.length) socket.write(`${steps[step]}\r\n`);
				else socket.end();
			}
		});
		socket.on('error', reject);
		socket.on('close', () =>
			step >= steps.length - 1 ? resolve() : reject(new Error('SMTP closed early'))
		);
	});
}
