import { continueAuth, startAuth, type AuthResult, type AuthStep } from './auth.ts';
import { DataReader } from './data.ts';
import type { Envelope } from './message.ts';

export interface SessionOptions {
	hostname: string;
	maxMessageBytes: number;
	write(text: string): void;
	close(): void;
	/** Throws to refuse the message (the client gets a 451 and may retry). */
	deliver(envelope: Envelope, raw: Buffer): void;
}

const LF = 0x0a;
// RFC 5321 allows 512 octets; AUTH PLAIN with long credentials needs more, so be generous.
const MAX_COMMAND_LINE = 4096;
const MAX_RECIPIENTS = 1000;
const PATH = /^\s*(?:<([^<>]*)>|([^\s<>]+))\s*(.*)$/;
const EXTENSIONS = ['8BITMIME', 'SMTPUTF8', 'PIPELINING', 'AUTH PLAIN LOGIN', 'HELP'];
const NOT_IMPLEMENTED = new Set(['EXPN', 'TURN', 'ETRN', 'ATRN', 'BDAT', 'STARTTLS', 'SEND']);

/**
 * One SMTP conversation (RFC 5321 subset). Bytes go in through `feed` in whatever pieces TCP
 * delivers; every complete line is handled at once, so pipelined commands work in one chunk.
 */
export class SmtpSession {
	#options: SessionOptions;
	#buffer: Buffer = Buffer.alloc(0);
	#closed = false;
	#greeted = false;
	#authenticated = false;
	#auth: AuthStep | null = null;
	#from: string | null = null;
	#to: string[] = [];
	/** Set between DATA's 354 and the end of the message. */
	#data: DataReader | null = null;
	#discardingLine = false;

	constructor(options: SessionOptions) {
		this.#options = options;
	}

	greet(): void {
		this.#reply(220, `${this.#options.hostname} ESMTP mail catcher ready`);
	}

	timeout(): void {
		this.#reply(421, `${this.#options.hostname} idle too long, closing connection`);
		this.#close();
	}

	feed(chunk: Buffer): void {
		if (this.#closed) return;
		this.#buffer = this.#buffer.length ? Buffer.concat([this.#buffer, chunk]) : chunk;
		while (this.#step());
	}

	/** Handles one line, or the data lines available; false when more input is needed. */
	#step(): boolean {
		if (this.#closed) return false;
		if (!this.#data) return this.#line();
		const { rest, done } = this.#data.read(this.#buffer);
		this.#buffer = rest;
		if (done) this.#endData(this.#data);
		return done;
	}

	#reply(code: number, ...lines: string[]): void {
		const text = lines.map((line, i) => `${code}${i < lines.length - 1 ? '-' : ' '}${line}\r\n`);
		this.#options.write(text.join(''));
	}

	#tooBig(): void {
		this.#reply(552, `Message exceeds fixed maximum size of ${this.#options.maxMessageBytes}`);
	}

	#close(): void {
		this.#closed = true;
		this.#buffer = Buffer.alloc(0);
		this.#options.close();
	}

	#resetTransaction(): void {
		this.#from = null;
		this.#to = [];
		this.#data = null;
	}

	/** Command lines end in LF (CR optional, for people typing into netcat). */
	#line(): boolean {
		const end = this.#buffer.indexOf(LF);
		if (end < 0) {
			if (this.#buffer.length > MAX_COMMAND_LINE) {
				if (!this.#discardingLine) this.#reply(500, 'Line too long');
				this.#discardingLine = true;
				this.#buffer = Buffer.alloc(0);
			}
			return false;
		}
		const raw = this.#buffer.subarray(0, end);
		this.#buffer = this.#buffer.subarray(end + 1);
		if (this.#discardingLine) this.#discardingLine = false;
		else if (raw.length > MAX_COMMAND_LINE) this.#reply(500, 'Line too long');
		else this.#handle(raw.toString('utf8').replace(/\r$/, ''));
		return true;
	}

	#endData(data: DataReader): void {
		const envelope = { from: this.#from ?? '', to: this.#to };
		this.#resetTransaction();
		if (data.oversize) return this.#tooBig();
		try {
			this.#options.deliver(envelope, data.raw);
			this.#reply(250, 'OK: message queued');
		} catch {
			this.#reply(451, 'Local error in processing');
		}
	}

	#handle(line: string): void {
		if (this.#auth) return this.#authResult(continueAuth(this.#auth, line));
		const space = line.indexOf(' ');
		const verb = (space < 0 ? line : line.slice(0, space)).toUpperCase();
		const arg = space < 0 ? '' : line.slice(space + 1).trim();
		switch (verb) {
			case 'EHLO':
			case 'HELO':
				return this.#hello(verb, arg);
			case 'MAIL':
				return this.#mail(arg);
			case 'RCPT':
				return this.#rcpt(arg);
			case 'DATA':
				if (arg) return this.#reply(501, 'Syntax: DATA (no parameters)');
				if (this.#to.length === 0) return this.#reply(503, 'Need RCPT command first');
				this.#data = new DataReader(this.#options.maxMessageBytes);
				return this.#reply(354, 'End data with <CR><LF>.<CR><LF>');
			case 'RSET':
				this.#resetTransaction();
				return this.#reply(250, 'OK');
			case 'NOOP':
				return this.#reply(250, 'OK');
			case 'VRFY':
				return this.#reply(252, 'Cannot verify user, but will accept message');
			case 'HELP':
				return this.#reply(214, 'Commands: EHLO HELO MAIL RCPT DATA RSET NOOP VRFY AUTH QUIT');
			case 'AUTH':
				if (!this.#greeted) return this.#reply(503, 'Send EHLO first');
				if (this.#authenticated) return this.#reply(503, 'Already authenticated');
				if (this.#from !== null) return this.#reply(503, 'Not during a mail transaction');
				return this.#authResult(startAuth(arg));
			case 'QUIT':
				this.#reply(221, 'Bye');
				return this.#close();
		}
		if (NOT_IMPLEMENTED.has(verb)) return this.#reply(502, 'Command not implemented');
		this.#reply(500, 'Syntax error, command unrecognized');
	}

	#hello(verb: string, domain: string): void {
		if (!domain) return this.#reply(501, `Syntax: ${verb} hostname`);
		this.#resetTransaction();
		this.#greeted = true;
		const host = this.#options.hostname;
		if (verb === 'HELO') return this.#reply(250, host);
		this.#reply(
			250,
			`${host} greets ${domain}`,
			...EXTENSIONS,
			`SIZE ${this.#options.maxMessageBytes}`
		);
	}

	#mail(arg: string): void {
		if (!this.#greeted) return this.#reply(503, 'Send EHLO or HELO first');
		if (this.#from !== null) return this.#reply(503, 'Nested MAIL command');
		const path = /^FROM:(.*)$/i.exec(arg);
		const match = path && PATH.exec(path[1]);
		if (!match) return this.#reply(501, 'Syntax: MAIL FROM:<address>');
		const size = /(?:^|\s)SIZE=(\d+)/i.exec(match[3]);
		if (size && Number(size[1]) > this.#options.maxMessageBytes) return this.#tooBig();
		this.#from = (match[1] ?? match[2]).trim();
		this.#reply(250, 'OK');
	}

	#rcpt(arg: string): void {
		if (this.#from === null) return this.#reply(503, 'Need MAIL command first');
		const path = /^TO:(.*)$/i.exec(arg);
		const address = path && PATH.exec(path[1]);
		const to = address && (address[1] ?? address[2]).trim();
		if (!to) return this.#reply(501, 'Syntax: RCPT TO:<address>');
		if (this.#to.length >= MAX_RECIPIENTS) return this.#reply(452, 'Too many recipients');
		this.#to.push(to);
		this.#reply(250, 'OK');
	}

	#authResult(result: AuthResult): void {
		this.#auth = result.next ?? null;
		if (result.code === 235) this.#authenticated = true;
		this.#reply(result.code, result.text);
	}
}
