import { randomUUID } from 'node:crypto';
import { decodeText } from './encoding.ts';
import { header, leaves, parseEntity, type Header } from './mime.ts';

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
	text: string;
	html: string;
	/** Every http(s) URL in the HTML part's hrefs and in the text part, first occurrence first. */
	links: string[];
	headers: Header[];
	envelope: Envelope;
	size: number;
	raw: string;
}

export interface MessageSummary {
	id: string;
	receivedAt: string;
	from: string;
	to: string[];
	subject: string;
}

const ENTITIES: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
	nbsp: '\u00a0'
};

function decodeEntities(value: string): string {
	return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
		if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? whole;
		const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : +name.slice(1);
		return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
	});
}

export function findLinks(html: string, text: string): string[] {
	const links = new Set<string>();
	const add = (url: string) => {
		if (/^https?:\/\/\S/i.test(url)) links.add(url);
	};
	for (const match of html.matchAll(/\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi)) {
		add(decodeEntities(match[1] ?? match[2] ?? match[3]).trim());
	}
	for (const match of text.matchAll(/https?:\/\/[^\s<>"'`]+/gi)) {
		// Sentence punctuation right after a URL in prose is almost never part of it.
		add(match[0].replace(/[.,;:!?)\]}]+$/, ''));
	}
	return [...links];
}

/** Bare addresses of an address-list header: `"Doe, J" <j@x.no>, k@y.no` → both addresses. */
export function addresses(value: string): string[] {
	const found: string[] = [];
	// Quoted display names may hold commas and brackets, so they are skipped when splitting;
	// ';' splits too, as it ends a group (`team: a@x, b@y;`) and some clients separate with it.
	for (const mailbox of value.match(/(?:"(?:[^"\\]|\\.)*"|<[^>]*>|[^,;"<])+/g) ?? []) {
		const unquoted = mailbox.replace(/"(?:[^"\\]|\\.)*"/g, '');
		const match = /<([^>]*)>/.exec(unquoted) ?? /[^\s<>",;:()]+@[^\s<>",;:()]+/.exec(unquoted);
		const address = (match?.[1] ?? match?.[0])?.trim();
		if (address) found.push(address);
	}
	return found;
}

export function parseMessage(
	raw: Buffer,
	envelope: Envelope,
	meta: { id?: string; receivedAt?: Date } = {}
): MailMessage {
	const entity = parseEntity(raw.toString('latin1'));
	let text = '';
	let html = '';
	for (const leaf of leaves(entity)) {
		if (leaf.disposition === 'attachment') continue;
		// CRLF is SMTP's line ending, not the author's: consumers get plain \n.
		const decoded = () => decodeText(leaf.content, leaf.charset).replace(/\r\n/g, '\n');
		if (leaf.contentType === 'text/html' && !html) html = decoded();
		if (leaf.contentType === 'text/plain' && !text) text = decoded();
	}
	const to = addresses(header(entity.headers, 'to'));
	return {
		id: meta.id ?? randomUUID(),
		receivedAt: (meta.receivedAt ?? new Date()).toISOString(),
		from: header(entity.headers, 'from') || envelope.from,
		to: to.length > 0 ? to : [...envelope.to],
		cc: addresses(header(entity.headers, 'cc')),
		subject: header(entity.headers, 'subject'),
		text,
		html,
		links: findLinks(html, text),
		headers: entity.headers,
		envelope: { from: envelope.from, to: [...envelope.to] },
		size: raw.length,
		raw: decodeText(raw)
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
