import { randomUUID } from 'node:crypto';
import libmime from 'libmime';
import {
	simpleParser,
	type AddressObject,
	type HeaderLines,
	type ParsedMail,
	type SimpleParserOptions
} from 'mailparser';
import { findLinks } from './links.ts';

export interface Header {
	name: string;
	/** Unfolded and decoded. */
	value: string;
}

export interface Envelope {
	/** MAIL FROM (empty for the null sender `<>`). */
	from: string;
	/** RCPT TO, including Bcc recipients that appear in no header. */
	to: string[];
}

export interface MailMessage {
	id: string;
	/** ISO 8601. */
	receivedAt: string;
	/** The decoded From header, display name included. */
	from: string;
	/** Addresses of the To header (the envelope recipients when it has none). */
	to: string[];
	cc: string[];
	subject: string;
	/** The text/plain parts that are not attachments, with \n line ends; '' when there is none. */
	text: string;
	/** The text/html parts that are not attachments; '' when there is none. */
	html: string;
	/** Every http(s) URL in the HTML part's hrefs and in the text part, first occurrence first. */
	links: string[];
	/** Every header line of the message, in order. */
	headers: Header[];
	envelope: Envelope;
	/** Bytes, as received. */
	size: number;
	/** The message as received, read as UTF-8. */
	raw: string;
}

export interface MessageSummary {
	id: string;
	receivedAt: string;
	from: string;
	to: string[];
	subject: string;
}

// The catcher shows what was sent: no text made from the HTML (a mail without a text part has
// none), no HTML made from the text, and cid: links left alone. Text comes with \n line ends.
const PARSER_OPTIONS: SimpleParserOptions = {
	skipHtmlToText: true,
	skipTextToHtml: true,
	keepCidLinks: true
};

/** The bare addresses of a parsed address header, groups (`team: a@x, b@y;`) flattened. */
function addresses(header: AddressObject | AddressObject[] | undefined): string[] {
	return [header ?? []]
		.flat()
		.flatMap((list) => list.value)
		.flatMap((entry) => entry.group ?? [entry])
		.flatMap((entry) => (entry.address ? [entry.address] : []));
}

/** Every header line in order, unfolded and decoded (8-bit as UTF-8, RFC 2047 encoded-words). */
function decodedHeaders(lines: HeaderLines): Header[] {
	const headers: Header[] = [];
	for (const { line } of lines) {
		const colon = line.indexOf(':');
		if (colon <= 0) continue;
		// mailparser hands header lines over as binary strings, one character per byte.
		const value = Buffer.from(line.slice(colon + 1).replace(/\r?\n(?=[ \t])/g, ''), 'latin1');
		headers.push({ name: line.slice(0, colon).trim(), value: decodeWords(value.toString('utf8')) });
	}
	return headers;
}

function decodeWords(value: string): string {
	try {
		return libmime.decodeWords(value).trim();
	} catch {
		// A malformed encoded-word is shown as sent rather than losing the header.
		return value.trim();
	}
}

/** Parses one received message with mailparser; rejects with a 554 if mailparser gives up. */
export async function parseMessage(
	raw: Buffer,
	envelope: Envelope,
	meta: { id?: string; receivedAt?: Date } = {}
): Promise<MailMessage> {
	let parsed: ParsedMail;
	try {
		parsed = await simpleParser(raw, PARSER_OPTIONS);
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		throw Object.assign(new Error(`Message could not be parsed: ${reason}`), { responseCode: 554 });
	}
	const headers = decodedHeaders(parsed.headerLines ?? []);
	const to = addresses(parsed.to);
	const text = parsed.text ?? '';
	const html = parsed.html || '';
	return {
		id: meta.id ?? randomUUID(),
		receivedAt: (meta.receivedAt ?? new Date()).toISOString(),
		from: headers.find((h) => h.name.toLowerCase() === 'from')?.value || envelope.from,
		to: to.length > 0 ? to : [...envelope.to],
		cc: addresses(parsed.cc),
		subject: parsed.subject ?? '',
		text,
		html,
		links: findLinks(html, text),
		headers,
		envelope: { from: envelope.from, to: [...envelope.to] },
		size: raw.length,
		raw: raw.toString('utf8')
	};
}

export function summarize(message: MailMessage): MessageSummary {
	const { id, receivedAt, from, to, subject } = message;
	return { id, receivedAt, from, to, subject };
}

/** Whether `address` received the message by any route: To, Cc or the envelope (Bcc). */
export function isAddressedTo(message: MailMessage, address: string): boolean {
	const wanted = address.trim().toLowerCase();
	return [...message.to, ...message.cc, ...message.envelope.to].some(
		(candidate) => candidate.toLowerCase() === wanted
	);
}
