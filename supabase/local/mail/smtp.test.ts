import { connect } from 'node:net';
import { createTransport } from 'nodemailer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMailCatcher, type MailCatcher } from './index.ts';
import { greetedClient, SmtpTestClient } from './test-client.ts';

let catcher: MailCatcher;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
	catcher = await startMailCatcher();
});
afterAll(() => catcher.stop());
beforeEach(() => {
	catcher.store.clear();
});

const plain = (subject: string, body = 'Hello there.') =>
	`From: sender@example.no\r\nTo: kari@example.no\r\nSubject: ${subject}\r\n\r\n${body}\r\n`;

describe('SMTP conversation', () => {
	it('greets with 220 and advertises the extensions on EHLO', async () => {
		const { client, greeting } = await SmtpTestClient.connect(catcher.smtpPort);
		expect(greeting.code).toBe(220);
		const ehlo = await client.command('EHLO client.example');
		expect(ehlo.code).toBe(250);
		expect(ehlo.lines).toEqual(
			expect.arrayContaining(['8BITMIME', 'SMTPUTF8', 'SIZE 10485760', 'AUTH PLAIN LOGIN'])
		);
		// Nodemailer upgrades whenever STARTTLS is offered; the catcher has no certificate to offer.
		expect(ehlo.lines).not.toContain('STARTTLS');
		expect((await client.command('HELO client.example')).code).toBe(250);
		expect((await client.command('QUIT')).code).toBe(221);
		await client.closed();
	});

	// smtp-server's default answers such a client "421 You talk too soon" after a 100 ms pause
	// before every greeting; the catcher greets at once (see PromptSMTPServer in smtp.ts).
	it('serves a client that speaks before the greeting', async () => {
		const socket = connect(catcher.smtpPort, '127.0.0.1');
		socket.write('EHLO early\r\nNOOP\r\nQUIT\r\n');
		let received = '';
		socket.on('data', (chunk) => (received += chunk));
		await new Promise((resolve) => socket.on('close', resolve));
		const codes = received
			.split('\r\n')
			.filter((line) => /^\d{3} /.test(line))
			.map((line) => Number(line.slice(0, 3)));
		expect(codes).toEqual([220, 250, 250, 221]);
	});

	it('stores a plain message with its envelope', async () => {
		const client = await greetedClient(catcher.smtpPort);
		const reply = await client.send(
			'bounce@example.no',
			['kari@example.no', 'ola@example.no'],
			plain('Plain')
		);
		client.destroy();
		expect(reply.code).toBe(250);
		const [message] = catcher.store.list();
		expect(message.subject).toBe('Plain');
		expect(message.from).toBe('sender@example.no');
		expect(message.to).toEqual(['kari@example.no']);
		expect(message.envelope).toEqual({
			from: 'bounce@example.no',
			to: ['kari@example.no', 'ola@example.no']
		});
		expect(message.text).toBe('Hello there.\n');
	});

	it('accepts the null sender <> that bounces and auto-replies use', async () => {
		const client = await greetedClient(catcher.smtpPort);
		expect((await client.send('', ['kari@example.no'], plain('Bounce'))).code).toBe(250);
		client.destroy();
		expect(catcher.store.list()[0].envelope).toEqual({ from: '', to: ['kari@example.no'] });
	});

	it('removes dot-stuffing and keeps lines that start with a dot', async () => {
		const client = await greetedClient(catcher.smtpPort);
		const body = '.hidden line\r\n..two dots\r\n.\r\nafter a lone dot';
		expect((await client.send('a@example.no', ['b@example.no'], plain('Dots', body))).code).toBe(
			250
		);
		client.destroy();
		expect(catcher.store.list()[0].text).toBe('.hidden line\n..two dots\n.\nafter a lone dot\n');
	});

	it('accepts two messages in one session, newest first in the store', async () => {
		const client = await greetedClient(catcher.smtpPort);
		expect((await client.send('a@example.no', ['b@example.no'], plain('First'))).code).toBe(250);
		expect((await client.send('a@example.no', ['b@example.no'], plain('Second'))).code).toBe(250);
		client.destroy();
		expect(catcher.store.list().map((m) => m.subject)).toEqual(['Second', 'First']);
	});

	it('handles a whole pipelined conversation arriving in one chunk', async () => {
		const { client } = await SmtpTestClient.connect(catcher.smtpPort);
		const transaction = (subject: string) =>
			`MAIL FROM:<a@example.no>\r\nRCPT TO:<b@example.no>\r\nRCPT TO:<c@example.no>\r\nDATA\r\n${plain(subject)}.\r\n`;
		client.write(`EHLO pipe\r\n${transaction('One')}${transaction('Two')}QUIT\r\n`);
		const codes: number[] = [];
		for (let i = 0; i < 12; i++) codes.push((await client.reply()).code);
		expect(codes).toEqual([250, 250, 250, 250, 354, 250, 250, 250, 250, 354, 250, 221]);
		await client.closed();
		expect(catcher.store.list().map((m) => m.subject)).toEqual(['Two', 'One']);
	});

	it('reassembles commands and data split across TCP chunks', async () => {
		const { client } = await SmtpTestClient.connect(catcher.smtpPort);
		const conversation = `EHLO split\r\nMAIL FROM:<a@example.no>\r\nRCPT TO:<b@example.no>\r\nDATA\r\n${plain('Split', 'x')}.\r\nQUIT\r\n`;
		// Cut inside a verb, between CR and LF, and inside the <CRLF>.<CRLF> terminator.
		const cuts = [2, 12, 13, 40, conversation.indexOf('\r\n.\r\n') + 1, conversation.length - 8];
		let start = 0;
		for (const cut of [...cuts, conversation.length]) {
			client.write(conversation.slice(start, cut));
			start = cut;
			await sleep(15);
		}
		const codes: number[] = [];
		for (let i = 0; i < 6; i++) codes.push((await client.reply()).code);
		expect(codes).toEqual([250, 250, 250, 354, 250, 221]);
		expect(catcher.store.list()[0].text).toBe('x\n');
	});

	it('answers out-of-order commands with 503 and recovers', async () => {
		const { client } = await SmtpTestClient.connect(catcher.smtpPort);
		expect((await client.command('MAIL FROM:<a@example.no>')).code).toBe(503);
		expect((await client.command('EHLO order')).code).toBe(250);
		expect((await client.command('DATA')).code).toBe(503);
		expect((await client.command('RCPT TO:<b@example.no>')).code).toBe(503);
		expect((await client.command('MAIL FROM:<a@example.no>')).code).toBe(250);
		expect((await client.command('MAIL FROM:<a@example.no>')).code).toBe(503);
		expect((await client.command('DATA')).code).toBe(503);
		expect((await client.command('RCPT TO:<b@example.no>')).code).toBe(250);
		expect((await client.command('RSET')).code).toBe(250);
		expect((await client.command('DATA')).code).toBe(503);
		expect((await client.send('a@example.no', ['b@example.no'], plain('Recovered'))).code).toBe(
			250
		);
		client.destroy();
		expect(catcher.store.list().map((m) => m.subject)).toEqual(['Recovered']);
	});

	it('answers the other commands as specified', async () => {
		const client = await greetedClient(catcher.smtpPort);
		expect((await client.command('NOOP')).code).toBe(250);
		expect((await client.command('VRFY kari')).code).toBe(252);
		expect((await client.command('HELP')).code).toBe(214);
		expect((await client.command('FROBNICATE')).code).toBe(500);
		// The hand-written server said 502 (not implemented) to these; smtp-server treats a
		// command it lacks or has disabled (STARTTLS: loopback needs no TLS) as unrecognised.
		expect((await client.command('EXPN list')).code).toBe(500);
		expect((await client.command('STARTTLS')).code).toBe(500);
		expect((await client.command('MAIL TO:<a@example.no>')).code).toBe(501);
		expect((await client.command('AUTH CRAM-MD5')).code).toBe(504);
		expect((await client.command('QUIT')).code).toBe(221);
		await client.closed();
	});

	it('accepts AUTH PLAIN and AUTH LOGIN with any credentials', async () => {
		const plainAuth = await greetedClient(catcher.smtpPort);
		const token = Buffer.from('\0user\0secret').toString('base64');
		expect((await plainAuth.command(`AUTH PLAIN ${token}`)).code).toBe(235);
		expect((await plainAuth.send('a@example.no', ['b@example.no'], plain('Authed'))).code).toBe(
			250
		);
		plainAuth.destroy();

		const login = await greetedClient(catcher.smtpPort);
		expect(await login.command('AUTH LOGIN')).toEqual({ code: 334, lines: ['VXNlcm5hbWU6'] });
		expect((await login.command(Buffer.from('user').toString('base64'))).code).toBe(334);
		expect((await login.command(Buffer.from('secret').toString('base64'))).code).toBe(235);
		expect((await login.command('AUTH PLAIN')).code).toBe(503);
		login.destroy();
	});

	it('takes mail from nodemailer as the app sends it: AUTH, 8-bit subject, HTML and an attachment', async () => {
		// As src/lib/server/outbox/config.ts builds it with SMTP_USER set: no TLS options at all.
		const transport = createTransport({
			host: '127.0.0.1',
			port: catcher.smtpPort,
			secure: false,
			auth: { user: 'sammen', pass: 'secret' }
		});
		const info = await transport.sendMail({
			from: 'Sammen <ikke-svar@sammen.local>',
			to: 'kari@example.no',
			bcc: 'arkiv@example.no',
			subject: 'Du er påmeldt – æøå',
			text: 'Hei!\nSe påmeldingen: https://sammen.test/signup/abc',
			html: '<p>Hei!</p><a href="https://sammen.test/signup/abc?x=1&amp;y=2">Se påmeldingen</a>',
			attachments: [
				{
					filename: 'invitasjon.ics',
					content: 'BEGIN:VCALENDAR\r\nURL:https://calendar.example/\r\nEND:VCALENDAR\r\n',
					contentType: 'text/calendar; method=REQUEST; charset=utf-8'
				}
			]
		});
		transport.close();
		expect(info.accepted).toEqual(['kari@example.no', 'arkiv@example.no']);
		expect(catcher.store.list()).toHaveLength(1);
		expect(catcher.store.list()[0]).toMatchObject({
			from: 'Sammen <ikke-svar@sammen.local>',
			to: ['kari@example.no'],
			subject: 'Du er påmeldt – æøå',
			text: 'Hei!\nSe påmeldingen: https://sammen.test/signup/abc',
			html: '<p>Hei!</p><a href="https://sammen.test/signup/abc?x=1&amp;y=2">Se påmeldingen</a>',
			links: ['https://sammen.test/signup/abc?x=1&y=2', 'https://sammen.test/signup/abc'],
			envelope: { from: 'ikke-svar@sammen.local', to: ['kari@example.no', 'arkiv@example.no'] }
		});
	});
});
