// Content encodings: charsets, quoted-printable, base64 and RFC 2047 encoded-words.

const SOFT_BREAK = /[ \t]*\r?\n/y;
const HEX_PAIR = /^[0-9A-Fa-f]{2}$/;
const ENCODED_WORD = /=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=/g;

/** Bytes as text in `charset`; undeclared, unknown or invalid UTF-8 falls back to latin1. */
export function decodeText(bytes: Buffer, charset = 'utf-8'): string {
	const label = charset.trim().toLowerCase();
	if (label && !['utf-8', 'utf8', 'us-ascii', 'ascii'].includes(label)) {
		try {
			return new TextDecoder(label).decode(bytes);
		} catch {
			// Unknown label: the UTF-8 attempt below is the best guess left.
		}
	}
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return bytes.toString('latin1');
	}
}

export function decodeQuotedPrintable(input: string): Buffer {
	const out = Buffer.alloc(input.length);
	let n = 0;
	for (let i = 0; i < input.length; i++) {
		const code = input.charCodeAt(i);
		if (code === 0x3d) {
			const hex = input.slice(i + 1, i + 3);
			if (HEX_PAIR.test(hex)) {
				out[n++] = parseInt(hex, 16);
				i += 2;
				continue;
			}
			SOFT_BREAK.lastIndex = i + 1;
			const soft = SOFT_BREAK.exec(input);
			if (soft) {
				i += soft[0].length;
				continue;
			}
			// A lone '=' at the very end is a soft break some encoders leave unterminated.
			if (i === input.length - 1) continue;
		}
		out[n++] = code & 0xff;
	}
	return out.subarray(0, n);
}

export function decodeTransfer(body: string, encoding: string): Buffer {
	switch (encoding.trim().toLowerCase()) {
		case 'base64':
			return Buffer.from(body.replace(/[^A-Za-z0-9+/]/g, ''), 'base64');
		case 'quoted-printable':
			return decodeQuotedPrintable(body);
		default:
			return Buffer.from(body, 'latin1');
	}
}

/** RFC 2047; adjacent words of one charset are joined as bytes so split characters survive. */
export function decodeEncodedWords(value: string): string {
	let out = '';
	let last = 0;
	let pending: { charset: string; bytes: Buffer[] } | null = null;
	const flush = () => {
		if (pending) out += decodeText(Buffer.concat(pending.bytes), pending.charset);
		pending = null;
	};
	for (const match of value.matchAll(ENCODED_WORD)) {
		const gap = value.slice(last, match.index);
		// Whitespace between two encoded-words is folding, not content (RFC 2047 section 6.2).
		if (!pending || /\S/.test(gap)) {
			flush();
			out += gap;
		}
		const charset = match[1].split('*')[0].toLowerCase();
		const text = match[3];
		const bytes =
			match[2].toUpperCase() === 'B'
				? Buffer.from(text, 'base64')
				: decodeQuotedPrintable(text.replaceAll('_', ' '));
		if (pending && pending.charset !== charset) flush();
		pending ??= { charset, bytes: [] };
		pending.bytes.push(bytes);
		last = match.index + match[0].length;
	}
	flush();
	return out + value.slice(last);
}
