import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMailCatcher, type MailCatcher } from './index.ts';
import { SmtpSession } from './session.ts';
import { greetedClient, noise, SmtpTestClient, type Reply } from './test-client.ts';

let catcher: MailCatcher;

beforeAll(async () => {
	catcher = await startMailCatcher();
});
afterAll(() => catcher.stop());
beforeEach(() => {
	catcher.store.clear();
});

const plain = (subject: string, body = 'Hello there.') =>
	`From: sender@example.no\r\nTo: kari@example.no\r\nSubject: ${subject}\r\n\r\n${body}\r\n`;

/** Reads replies until one has `code`, returning all of them. */
async function repliesUntil(client: SmtpTestClient, code: number): Promise<Reply[]> {
	const replies: Reply[] = [];
	while (replies.at(-1)?.code !== code) replies.push(await client.reply());
	return replies;
}

describe('SMTP limits and hostile input', () => {
	it('refuses a message over 10 MB with 552 and keeps the session usable', async () => {
		const client = await greetedClient(catcher.smtpPort);
		expect((await client.command('MAIL FROM:<a@example.no> SIZE=20000000')).code).toBe(552);
		expect((await client.command('MAIL FROM:<a@example.no>')).code).toBe(250);
		expect((await client.command('RCPT TO:<b@example.no>')).code).toBe(250);
		expect((await client.command('DATA')).code).toBe(354);
		const line = `${'x'.repeat(998)}\r\n`;
		client.write(`Subject: Huge\r\n\r\n${line.repeat(10_600)}.\r\n`);
		expect((await client.reply(20_000)).code).toBe(552);
		expect((await client.send('a@example.no', ['b@example.no'], plain('Small'))).code).toBe(250);
		client.destroy();
		expect(catcher.store.list().map((m) => m.subject)).toEqual(['Small']);
	});

	it('survives binary garbage and overlong lines, and keeps serving', async () => {
		const client = await greetedClient(catcher.smtpPort);
		const garbage = noise(200_000, 42);
		client.write(garbage);
		client.write(Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28, 0x0d, 0x0a]));
		client.write('A'.repeat(10_000));
		client.write('\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\nNOOP\r\n');
		const replies = await repliesUntil(client, 250);
		expect(replies.length).toBeGreaterThan(1);
		expect(replies.slice(0, -1).every((r) => r.code >= 500)).toBe(true);
		client.destroy();

		const other = await greetedClient(catcher.smtpPort);
		expect((await other.send('a@example.no', ['b@example.no'], plain('Still here'))).code).toBe(
			250
		);
		other.destroy();
		expect(catcher.store.list().map((m) => m.subject)).toEqual(['Still here']);
	});

	it('shrugs off a client that vanishes in the middle of DATA', async () => {
		const client = await greetedClient(catcher.smtpPort);
		await client.command('MAIL FROM:<a@example.no>');
		await client.command('RCPT TO:<b@example.no>');
		await client.command('DATA');
		client.write('Subject: Cut off\r\n\r\npartial');
		client.destroy();
		const other = await greetedClient(catcher.smtpPort);
		expect((await other.command('NOOP')).code).toBe(250);
		other.destroy();
		expect(catcher.store.list()).toEqual([]);
	});
});

describe('SmtpSession framing', () => {
	function session(maxMessageBytes = 1_000_000) {
		const written: string[] = [];
		const delivered: string[] = [];
		const smtp = new SmtpSession({
			hostname: 'localhost',
			maxMessageBytes,
			write: (text) => written.push(text.slice(0, 3)),
			close: () => written.push('closed'),
			deliver: (_envelope, raw) => delivered.push(raw.toString('latin1'))
		});
		smtp.greet();
		return { smtp, written, delivered };
	}
	const HEAD = 'EHLO x\r\nMAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\n';

	it('produces the same conversation when every byte arrives alone', () => {
		const { smtp, written, delivered } = session();
		const input = `${HEAD}S: y\r\n\r\n..dot\r\n.\r\nQUIT\r\n`;
		for (const byte of Buffer.from(input)) smtp.feed(Buffer.from([byte]));
		expect(written).toEqual(['220', '250', '250', '250', '354', '250', '221', 'closed']);
		expect(delivered).toEqual(['S: y\r\n\r\n.dot\r\n']);
	});

	it('streams a huge line without CRLF, unstuffing it and finding a CRLF split by a chunk', () => {
		const { smtp, written, delivered } = session();
		const line = `.${'z'.repeat(150_000)}`;
		const input = Buffer.from(`${HEAD}${line}\r\n.\r\n`);
		const cut = input.indexOf('\r\n.\r\n') + 1;
		for (const [start, end] of [
			[0, 70_000],
			[70_000, cut],
			[cut, input.length]
		]) {
			smtp.feed(input.subarray(start, end));
		}
		expect(written).toEqual(['220', '250', '250', '250', '354', '250']);
		expect(delivered).toEqual([`${line.slice(1)}\r\n`]);
	});

	it('does not end the message at a bare LF dot line', () => {
		const { smtp, delivered } = session();
		smtp.feed(Buffer.from(`${HEAD}a\n.\nb\r\n.\r\n`));
		expect(delivered).toEqual(['a\n.\nb\r\n']);
	});
});
