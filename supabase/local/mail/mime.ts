// MIME primitives. Bodies travel as "binary strings" (latin1: one char per byte) until a
// part's charset is known, so 8-bit content survives splitting and transfer decoding intact.

import { decodeEncodedWords, decodeText, decodeTransfer } from './encoding.ts';

export interface Header {
	name: string;
	/** Unfolded, charset-decoded, RFC 2047 encoded-words decoded. */
	value: string;
}

export interface Entity {
	headers: Header[];
	/** Still transfer-encoded, as a binary string. */
	body: string;
}

export interface Leaf {
	contentType: string;
	charset: string;
	disposition: string;
	/** Transfer-decoded bytes. */
	content: Buffer;
}

const MAX_DEPTH = 20;

/** Splits at the first empty line; unfolds header continuation lines. */
export function parseEntity(input: string): Entity {
	let head = input;
	let body = '';
	const leadingBlank = /^\r?\n/.exec(input);
	const separator = /\r?\n\r?\n/.exec(input);
	if (leadingBlank) {
		head = '';
		body = input.slice(leadingBlank[0].length);
	} else if (separator) {
		head = input.slice(0, separator.index);
		body = input.slice(separator.index + separator[0].length);
	}
	const folded: string[] = [];
	for (const line of head.split(/\r?\n/)) {
		if (/^[ \t]/.test(line) && folded.length > 0) folded[folded.length - 1] += line;
		else folded.push(line);
	}
	const headers: Header[] = [];
	for (const line of folded) {
		const colon = line.indexOf(':');
		if (colon <= 0) continue;
		const raw = Buffer.from(line.slice(colon + 1), 'latin1');
		headers.push({
			name: line.slice(0, colon).trim(),
			value: decodeEncodedWords(decodeText(raw)).trim()
		});
	}
	return { headers, body };
}

export function header(headers: Header[], name: string): string {
	const wanted = name.toLowerCase();
	return headers.find((h) => h.name.toLowerCase() === wanted)?.value ?? '';
}

/** `type/sub; a=b; c="d;e"` → the lower-cased value and its parameters. */
export function parseParams(value: string): { value: string; params: Record<string, string> } {
	const parts: string[] = [];
	let current = '';
	let quoted = false;
	for (let i = 0; i < value.length; i++) {
		const ch = value[i];
		if (quoted && ch === '\\') current += value[++i] ?? '';
		else if (ch === '"') quoted = !quoted;
		else if (ch === ';' && !quoted) {
			parts.push(current);
			current = '';
		} else current += ch;
	}
	parts.push(current);
	const params: Record<string, string> = {};
	for (const part of parts.slice(1)) {
		const eq = part.indexOf('=');
		if (eq > 0) params[part.slice(0, eq).trim().toLowerCase()] = part.slice(eq + 1).trim();
	}
	return { value: parts[0].trim().toLowerCase(), params };
}

function splitMultipart(body: string, boundary: string): string[] {
	const delimiter = `--${boundary}`;
	const parts: string[] = [];
	let current: string[] | null = null;
	for (const line of body.split(/\r?\n/)) {
		const trimmed = line.replace(/[ \t]+$/, '');
		if (trimmed === delimiter || trimmed === `${delimiter}--`) {
			if (current) parts.push(current.join('\r\n'));
			if (trimmed !== delimiter) return parts;
			current = [];
		} else current?.push(line);
	}
	// Unterminated multipart (a truncated message): keep what arrived.
	if (current) parts.push(current.join('\r\n'));
	return parts;
}

/** The non-multipart parts of an entity, depth first, in document order. */
export function leaves(entity: Entity, depth = 0): Leaf[] {
	const type = parseParams(header(entity.headers, 'content-type') || 'text/plain');
	const boundary = type.params.boundary;
	if (type.value.startsWith('multipart/') && boundary && depth < MAX_DEPTH) {
		return splitMultipart(entity.body, boundary).flatMap((part) =>
			leaves(parseEntity(part), depth + 1)
		);
	}
	return [
		{
			contentType: type.value,
			charset: type.params.charset ?? 'utf-8',
			disposition: parseParams(header(entity.headers, 'content-disposition')).value,
			content: decodeTransfer(entity.body, header(entity.headers, 'content-transfer-encoding'))
		}
	];
}
