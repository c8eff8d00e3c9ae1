/** An error answered in PostgREST's shape: `{ code, details, hint, message }`. */
export class ApiError extends Error {
	status: number;
	code: string;
	details: string | null;
	hint: string | null;
	constructor(
		status: number,
		code: string,
		message: string,
		details: string | null = null,
		hint: string | null = null
	) {
		super(message);
		this.status = status;
		this.code = code;
		this.details = details;
		this.hint = hint;
	}
	body() {
		return { code: this.code, details: this.details, hint: this.hint, message: this.message };
	}
}

/**
 * PGRST100: a query parameter that does not parse. PostgREST reports the parameter, its text and
 * where its parser stopped, e.g. `"failed to parse select parameter (id,)" (line 1, column 4)`.
 */
export function parseError(what: string, input: string, details: string, column = 1): ApiError {
	const message = `"failed to parse ${what} (${input})" (line 1, column ${column})`;
	return new ApiError(400, 'PGRST100', message, details);
}

interface PgError {
	code?: string;
	message?: string;
	detail?: string;
	hint?: string;
}

/**
 * HTTP status for a Postgres error, as PostgREST's error table gives it
 * (PostgREST docs: Errors > SQLSTATE codes; src/PostgREST/Error.hs).
 */
export function statusForSqlState(code: string, authenticated: boolean): number {
	if (code === '42501') return authenticated ? 403 : 401;
	// RAISE … USING ERRCODE = 'PT402' chooses the HTTP status (PostgREST docs: Raise errors).
	const custom = /^PT([1-5]\d\d)$/.exec(code);
	if (custom) return Number(custom[1]);
	const exact: Record<string, number> = {
		'23503': 409,
		'23505': 409,
		'25006': 405,
		'42883': 404,
		'42P01': 404,
		'42P17': 500,
		P0001: 400
	};
	if (exact[code]) return exact[code];
	const prefix: Record<string, number> = {
		'08': 503,
		'09': 500,
		'0L': 403,
		'0P': 403,
		'25': 500,
		'28': 403,
		'2D': 500,
		'38': 500,
		'39': 500,
		'3B': 500,
		'40': 500,
		'53': 503,
		'54': 413,
		'55': 500,
		'57': 500,
		'58': 500,
		F0: 500,
		HV: 500,
		P0: 500,
		XX: 500
	};
	return prefix[code.slice(0, 2)] ?? 400;
}

/** A Postgres error as PostgREST answers it. */
export function fromPostgres(error: PgError, authenticated: boolean): ApiError {
	const code = error.code ?? 'XX000';
	return new ApiError(
		statusForSqlState(code, authenticated),
		code,
		error.message ?? 'Unknown error',
		error.detail ?? null,
		error.hint ?? null
	);
}

export const isPgError = (error: unknown): error is PgError & { name: string } =>
	!!error &&
	typeof error === 'object' &&
	typeof (error as PgError).code === 'string' &&
	(error as { name?: string }).name === 'PostgresError';

/** The name in `names` nearest to `wanted`, if it is near enough to be a typo. */
export function closest(wanted: string, names: string[]): string | null {
	let best: string | null = null;
	let bestDistance = Infinity;
	for (const name of names) {
		const d = levenshtein(wanted.toLowerCase(), name.toLowerCase());
		if (d < bestDistance) [best, bestDistance] = [name, d];
	}
	return best !== null && bestDistance <= Math.max(1, Math.floor(wanted.length / 3)) ? best : null;
}

function levenshtein(a: string, b: string): number {
	if (a.length > 64 || b.length > 64) return Infinity;
	let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
	for (let i = 1; i <= a.length; i++) {
		const row = [i];
		for (let j = 1; j <= b.length; j++) {
			row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
		}
		prev = row;
	}
	return prev[b.length];
}
