// A tiny SMTP client over node:net for the tests: they speak real SMTP to the server, byte for
// byte, with nothing in between that could paper over a protocol mistake.
import { connect, type Socket } from 'node:net';

export interface Reply {
	code: number;
	lines: string[];
}

export class SmtpTestClient {
	#socket: Socket;
	#pending = '';
	#replies: Reply[] = [];
	#current: string[] = [];
	#waiting: { resolve(reply: Reply): void; reject(error: Error): void }[] = [];
	#closed: Promise<void>;
	#ended = false;

	private constructor(socket: Socket) {
		this.#socket = socket;
		socket.setEncoding('latin1');
		socket.on('data', (text: string) => this.#receive(text));
		this.#closed = new Promise((resolve) => {
			socket.on('close', () => {
				this.#ended = true;
				for (const waiter of this.#waiting.splice(0)) {
					waiter.reject(new Error('connection closed before the reply'));
				}
				resolve();
			});
		});
		socket.on('error', () => {});
	}

	/** Connects and reads the greeting. */
	static async connect(port: number): Promise<{ client: SmtpTestClient; greeting: Reply }> {
		const socket = connect(port, '127.0.0.1');
		await new Promise<void>((resolve, reject) => {
			socket.once('connect', resolve);
			socket.once('error', reject);
		});
		const client = new SmtpTestClient(socket);
		return { client, greeting: await client.reply() };
	}

	#receive(text: string): void {
		this.#pending += text;
		let end: number;
		while ((end = this.#pending.indexOf('\r\n')) >= 0) {
			const line = this.#pending.slice(0, end);
			this.#pending = this.#pending.slice(end + 2);
			this.#current.push(line.slice(4));
			if (line[3] === '-') continue;
			const reply = { code: Number(line.slice(0, 3)), lines: this.#current };
			this.#current = [];
			const waiter = this.#waiting.shift();
			if (waiter) waiter.resolve(reply);
			else this.#replies.push(reply);
		}
	}

	/** The next complete (possibly multi-line) reply. */
	reply(timeoutMs = 5000): Promise<Reply> {
		const queued = this.#replies.shift();
		if (queued) return Promise.resolve(queued);
		if (this.#ended) return Promise.reject(new Error('connection closed'));
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error('no SMTP reply in time')), timeoutMs);
			this.#waiting.push({
				resolve: (reply) => (clearTimeout(timer), resolve(reply)),
				reject: (error) => (clearTimeout(timer), reject(error))
			});
		});
	}

	write(data: string | Buffer): void {
		this.#socket.write(data);
	}

	command(line: string): Promise<Reply> {
		this.write(`${line}\r\n`);
		return this.reply();
	}

	/**
	 * MAIL, RCPT… and DATA with dot-stuffing; returns the reply to the end of data. A Buffer is
	 * sent byte for byte (8-bit content); a string as UTF-8.
	 */
	async send(from: string, to: string[], message: string | Buffer): Promise<Reply> {
		const steps: [string, number][] = [
			[`MAIL FROM:<${from}>`, 250],
			...to.map((address): [string, number] => [`RCPT TO:<${address}>`, 250]),
			['DATA', 354]
		];
		for (const [line, code] of steps) {
			const reply = await this.command(line);
			if (reply.code !== code) throw new Error(`${line} → ${reply.code} ${reply.lines.join(' ')}`);
		}
		const text = Buffer.isBuffer(message) ? message.toString('latin1') : message;
		const body = text.replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..');
		const data = `${body}${body.endsWith('\r\n') ? '' : '\r\n'}.\r\n`;
		this.write(Buffer.isBuffer(message) ? Buffer.from(data, 'latin1') : data);
		return this.reply();
	}

	/** Resolves when the server has closed the connection. */
	closed(): Promise<void> {
		return this.#closed;
	}

	destroy(): void {
		this.#socket.destroy();
	}
}

/** EHLO'd client; the caller destroys it. */
export async function greetedClient(port: number): Promise<SmtpTestClient> {
	const { client } = await SmtpTestClient.connect(port);
	const reply = await client.command('EHLO test.local');
	if (reply.code !== 250) throw new Error(`EHLO → ${reply.code}`);
	return client;
}

/** Reproducible junk bytes (a linear congruential generator), so a failure can be replayed. */
export function noise(length: number, seed: number): Buffer {
	const bytes = Buffer.alloc(length);
	for (let i = 0; i < length; i++) {
		seed = (seed * 1103515245 + 12345) >>> 0;
		bytes[i] = seed >>> 24;
	}
	return bytes;
}
