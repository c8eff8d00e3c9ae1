import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMailCatcher, type MailCatcher } from './index.ts';
import { greetedClient, noise, SmtpTestClient, type Reply } from './test-client.ts';

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

/** Reads replies until the server closes the connection, returning all of them. */
async function repliesUntilClosed(client: SmtpTestClient): Promise<Reply[]> {
	const replies: Reply[] = [];
	for (;;) {
		try {
			replies.push(await client.reply(10_000));
		} catch {
			return replies;
		}
	}
}

/** A fresh connection still gets a message through: one hostile client harmed nobody else. */
async function stillServing(subject: string): Promise<void> {
	const other = await greetedClient(catcher.smtpPort);
	expect((await other.send('a@example.no', ['b@example.no'], plain(subject))).code).toBe(250);
	other.destroy();
	expect(catcher.store.list().map((m) => m.subject)).toEqual([subject]);
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

	it('takes 1000 recipients and refuses the next with 452', async () => {
		const client = await greetedClient(catcher.smtpPort);
		const rcpt = Array.from({ length: 1001 }, (_, i) => `RCPT TO:<r${i}@example.no>\r\n`);
		client.write(`MAIL FROM:<a@example.no>\r\n${rcpt.join('')}`);
		const codes: number[] = [];
		for (let i = 0; i < 1002; i++) codes.push((await client.reply(20_000)).code);
		expect(codes.slice(0, 1001).every((code) => code === 250)).toBe(true);
		expect(codes[1001]).toBe(452);
		expect((await client.command('DATA')).code).toBe(354);
		client.write(`${plain('Many')}.\r\n`);
		expect((await client.reply()).code).toBe(250);
		client.destroy();
		const [message] = catcher.store.list();
		expect(message.envelope.to).toHaveLength(1000);
		expect(message.envelope.to.at(-1)).toBe('r999@example.no');
	});

	// The hand-written server answered every bad line with 500 and kept talking; smtp-server
	// answers 500 up to ten unknown commands, then 421 and hangs up, which costs a garbage-spewing
	// client its connection and nobody else anything.
	it('answers binary garbage with 500s, then 421 and a closed connection, and keeps serving', async () => {
		const client = await greetedClient(catcher.smtpPort);
		client.write(noise(200_000, 42));
		client.write(Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28, 0x0d, 0x0a]));
		const replies = await repliesUntilClosed(client);
		expect(replies.slice(0, -1).map((r) => r.code)).toEqual(Array(9).fill(500));
		expect(replies.at(-1)?.code).toBe(421);
		await stillServing('After garbage');
	});

	// Was "500 Line too long" with the session kept; smtp-server (limit 16 KB) answers 421 and
	// closes, as a line that long is never a real client.
	it('answers an overlong command line with 421 and closes the connection', async () => {
		const client = await greetedClient(catcher.smtpPort);
		client.write('A'.repeat(20_000));
		expect(await repliesUntilClosed(client)).toEqual([
			{ code: 421, lines: ['Error: Command line too long'] }
		]);
		await stillServing('After a long line');
	});

	// Was 500 per header line; smtp-server recognises a browser's cross-protocol request and
	// hangs up at once, so a web page can never drive the catcher.
	it('hangs up on an HTTP request with 421', async () => {
		const client = await greetedClient(catcher.smtpPort);
		client.write('POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\nMAIL FROM:<a@example.no>\r\n');
		const replies = await repliesUntilClosed(client);
		expect(replies.map((r) => r.code)).toEqual([421]);
		await stillServing('After HTTP');
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

	it('refuses a message mailparser gives up on (over 1000 parts) with 554 and stores nothing', async () => {
		const client = await greetedClient(catcher.smtpPort);
		const parts = '--x\r\nContent-Type: text/plain\r\n\r\npart\r\n'.repeat(1100);
		const message = `Subject: Parts\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n${parts}--x--\r\n`;
		const reply = await client.send('a@example.no', ['b@example.no'], message);
		expect(reply.code).toBe(554);
		expect(reply.lines.join(' ')).toMatch(/could not be parsed/);
		expect(catcher.store.list()).toEqual([]);
		expect((await client.send('a@example.no', ['b@example.no'], plain('Next'))).code).toBe(250);
		client.destroy();
		expect(catcher.store.list().map((m) => m.subject)).toEqual(['Next']);
	});
});

describe('SMTP framing', () => {
	const HEAD = 'EHLO x\r\nMAIL FROM:<a@b.no>\r\nRCPT TO:<c@d.no>\r\nDATA\r\n';

	async function codes(client: SmtpTestClient, count: number): Promise<number[]> {
		const result: number[] = [];
		for (let i = 0; i < count; i++) result.push((await client.reply(10_000)).code);
		return result;
	}

	it('produces the same conversation when every byte arrives alone', async () => {
		const { client } = await SmtpTestClient.connect(catcher.smtpPort);
		for (const byte of Buffer.from(`${HEAD}S: y\r\n\r\n..dot\r\n.\r\nQUIT\r\n`)) {
			client.write(Buffer.from([byte]));
			await sleep(1);
		}
		expect(await codes(client, 6)).toEqual([250, 250, 250, 354, 250, 221]);
		await client.closed();
		expect(catcher.store.list()[0].raw).toBe('S: y\r\n\r\n.dot\r\n');
	});

	// The line is dot-stuffed (`..`). RFC 5321 also has a server drop the dot of a lone `.z…`,
	// which no conforming client sends; the hand-written server did, smtp-server keeps it.
	it('streams a huge line without CRLF, unstuffing it and finding a CRLF split by a chunk', async () => {
		const { client } = await SmtpTestClient.connect(catcher.smtpPort);
		const line = `..${'z'.repeat(150_000)}`;
		const input = Buffer.from(`${HEAD}${line}\r\n.\r\n`);
		const cut = input.indexOf('\r\n.\r\n') + 1;
		for (const [start, end] of [
			[0, 70_000],
			[70_000, cut],
			[cut, input.length]
		]) {
			client.write(input.subarray(start, end));
			await sleep(20);
		}
		expect(await codes(client, 5)).toEqual([250, 250, 250, 354, 250]);
		client.destroy();
		expect(catcher.store.list()[0].raw).toBe(`${line.slice(1)}\r\n`);
	});

	it('does not end the message at a bare LF dot line (no SMTP smuggling)', async () => {
		const { client } = await SmtpTestClient.connect(catcher.smtpPort);
		client.write(`${HEAD}a\n.\nMAIL FROM:<x@y.no>\r\nb\r\n.\r\n`);
		expect(await codes(client, 5)).toEqual([250, 250, 250, 354, 250]);
		client.destroy();
		expect(catcher.store.list().map((m) => m.raw)).toEqual(['a\n.\nMAIL FROM:<x@y.no>\r\nb\r\n']);
	});
});
