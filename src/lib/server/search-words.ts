/** At most this many words of a search count; the rest is ignored (a query stays small). */
export const MAX_WORDS = 8;
const MAX_WORD_LENGTH = 40;

/**
 * The visitor's search text as plain words (letters and digits of any script, lower case), so
 * nothing typed reaches the database's query syntax: quotes, operators, NUL, emoji and the rest
 * only separate words. An empty list means "no search".
 */
export function searchWords(text: string | null | undefined): string[] {
	if (!text) return [];
	const words = text
		.slice(0, 2000)
		.normalize('NFKC')
		.toLowerCase()
		.match(/[\p{L}\p{N}]+/gu);
	return [...new Set(words ?? [])].slice(0, MAX_WORDS).map((w) => w.slice(0, MAX_WORD_LENGTH));
}
