/**
 * Stable reasons for refusing a rule or a request, so a form can translate them:
 * - `malformed`: not `NAME=VALUE` pairs, or a value that does not parse;
 * - `unsupported`: valid RFC 5545, but outside the subset the organizer form can edit;
 * - `out-of-range`: a number or date beyond what we accept (also guards against hostile input);
 * - `invalid-time-zone`: a zone name Intl does not know.
 */
export type RecurrenceErrorCode =
	'malformed' | 'unsupported' | 'out-of-range' | 'invalid-time-zone';

/** The only error this module throws on bad input; anything else is a bug. */
export class RecurrenceError extends Error {
	readonly code: RecurrenceErrorCode;
	/** The RRULE part or input field at fault (`COUNT`, `firstDate`…), when there is one. */
	readonly part: string | undefined;

	constructor(code: RecurrenceErrorCode, message: string, part?: string) {
		super(message);
		this.name = 'RecurrenceError';
		this.code = code;
		this.part = part;
	}
}

export function isRecurrenceError(error: unknown): error is RecurrenceError {
	return error instanceof RecurrenceError;
}
