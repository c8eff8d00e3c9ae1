import type { MessageKey } from '$lib/i18n/messages';

/** Why a write did not happen: an HTTP status for `fail()` and a message key to translate. */
export interface Failure {
	status: 400 | 403 | 404 | 409 | 429;
	error: MessageKey;
}

export const FORBIDDEN: Failure = { status: 403, error: 'org.errors.forbidden' };

const BY_CODE: Record<string, Failure> = {
	// Refused by Row Level Security, a grant, or a function's own check (second factor too).
	'42501': FORBIDDEN,
	P0002: { status: 404, error: 'error.notFound' },
	// `.single()` on a write that changed no row: refused or gone.
	PGRST116: FORBIDDEN,
	PT429: { status: 429, error: 'auth.errors.rateLimited' },
	'23505': { status: 409, error: 'auth.errors.generic' },
	'23514': { status: 400, error: 'auth.errors.generic' }
};

/**
 * Maps a database error to a Failure, so routes never decode SQLSTATEs. `special` names the
 * message for codes that mean something particular to the caller (a taken slug is 23505).
 */
export function failureOf(
	error: { code?: string } | null,
	special: Partial<Record<string, MessageKey>> = {}
): Failure | null {
	if (!error) return null;
	const code = error.code ?? '';
	const known = BY_CODE[code] ?? { status: 400, error: 'auth.errors.generic' };
	return special[code] ? { ...known, error: special[code] } : known;
}

/**
 * The result of a write that reported its changed rows: a database error, or — when Row Level
 * Security let nothing change — FORBIDDEN (never a silent success).
 */
export function changed(
	result: { data: unknown[] | null; error: { code?: string } | null },
	special?: Partial<Record<string, MessageKey>>
): Failure | null {
	if (result.error) return failureOf(result.error, special);
	return result.data?.length ? null : FORBIDDEN;
}
