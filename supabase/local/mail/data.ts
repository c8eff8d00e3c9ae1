const CRLF = Buffer.from('\r\n');
const DOT = 0x2e;
// A "line" without CRLF is flushed in pieces past this, so memory stays bounded.
const MAX_PARTIAL_LINE = 64 * 1024;

/**
 * The DATA phase of one message: undoes dot-stuffing and finds the `<CRLF>.<CRLF>` end. Only
 * CRLF ends a line, so a bare LF can never end the message early (SMTP smuggling).
 */
export class DataReader {
	#maxBytes: number;
	#chunks: Buffer[] = [];
	#size = 0;
	#oversize = false;
	#midLine = false;

	constructor(maxBytes: number) {
		this.#maxBytes = maxBytes;
	}

	/** True when the message went over the limit; its content was dropped on the way. */
	get oversize(): boolean {
		return this.#oversize;
	}

	get raw(): Buffer {
		return Buffer.concat(this.#chunks);
	}

	/** Consumes complete lines of `input`; `rest` is what follows the terminator or is unfinished. */
	read(input: Buffer): { rest: Buffer; done: boolean } {
		let rest = input;
		for (;;) {
			const end = rest.indexOf(CRLF);
			if (end < 0) break;
			let line = rest.subarray(0, end);
			rest = rest.subarray(end + 2);
			if (!this.#midLine && line[0] === DOT) {
				if (line.length === 1) return { rest, done: true };
				line = line.subarray(1);
			}
			this.#midLine = false;
			this.#append(line);
			this.#append(CRLF);
		}
		if (rest.length > MAX_PARTIAL_LINE) {
			const stuffed = !this.#midLine && rest[0] === DOT ? 1 : 0;
			// Keep the last byte: it may be the CR of a CRLF split across chunks.
			this.#append(rest.subarray(stuffed, -1));
			rest = rest.subarray(-1);
			this.#midLine = true;
		}
		return { rest, done: false };
	}

	#append(bytes: Buffer): void {
		this.#size += bytes.length;
		if (this.#size > this.#maxBytes) {
			// Keep reading to the terminator, but stop holding the message in memory.
			this.#oversize = true;
			this.#chunks = [];
		}
		if (!this.#oversize) this.#chunks.push(bytes);
	}
}
