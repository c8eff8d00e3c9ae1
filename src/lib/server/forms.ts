import { error, fail } from '@sveltejs/kit';
import type { z } from 'zod';
import type { Locale } from '$lib/i18n/locales';
import type { MessageKey } from '$lib/i18n/messages';
import { translate } from '$lib/i18n/translate';
import { fieldErrors } from '$lib/schemas/errors';
import { take, type LimitName } from './rate-limit';

/**
 * The submitted form, or the 400 page: a body that is no readable form (a broken multipart
 * body, another content type) is the sender's mistake, never a 500 (found by tests/fuzz).
 */
export async function formData(request: Request): Promise<FormData> {
	try {
		return await request.formData();
	} catch {
		error(400, 'Unreadable form');
	}
}

/**
 * A submitted form as plain strings (files are not expected here). A field named `__proto__`
 * is dropped: no form has one, and SvelteKit cannot send back values that hold it (a 500 found
 * by tests/fuzz).
 */
export async function readForm(request: Request): Promise<Record<string, string>> {
	const data = await formData(request);
	return Object.fromEntries(
		[...data]
			.filter(([k]) => k !== '__proto__')
			.map(([k, v]) => [k, typeof v === 'string' ? v : ''])
	);
}

/** The values to give back after an error: everything typed except secrets. */
export function keep(values: Record<string, string>, ...omit: string[]): Record<string, string> {
	return Object.fromEntries(
		Object.entries(values).filter(([k]) => !omit.includes(k) && !/password|code/i.test(k))
	);
}

/** Parses `values` with `schema`, or answers 400 with translated field errors and the input. */
export function parse<T extends z.ZodType>(
	schema: T,
	values: Record<string, string>,
	locale: Locale
) {
	const result = schema.safeParse(values);
	if (result.success) return { data: result.data as z.infer<T>, failure: null };
	return {
		data: null,
		failure: fail(400, { values: keep(values), errors: fieldErrors(result.error, locale) })
	};
}

/** A 4xx with one translated message for the whole form, keeping the input. */
export function formError(
	status: number,
	key: MessageKey,
	locale: Locale,
	values: Record<string, string>
) {
	return fail(status, { values: keep(values), message: translate(locale, key) });
}

/**
 * Counts one attempt against each `name: subject` pair (an address, an account, a recipient):
 * a 429 with a translated message, keeping the input, once any of them is used up.
 */
export async function limited(
	checks: [LimitName, string][],
	locale: Locale,
	values: Record<string, string>
) {
	for (const [name, subject] of checks)
		if (!(await take(name, subject)))
			return formError(429, 'auth.errors.rateLimited', locale, values);
	return null;
}

/** The limits of a code typed by a signed-in user (app or recovery code): per address and account. */
export function limitedCode(
	address: string,
	userId: string,
	locale: Locale,
	values: Record<string, string>
) {
	return limited(
		[
			['login', address],
			['account', userId]
		],
		locale,
		values
	);
}

/** The limits of a request that sends an e-mail: per visitor address and per recipient. */
export function limitedMail(
	address: string,
	recipient: string,
	locale: Locale,
	values: Record<string, string>
) {
	return limited(
		[
			['email', address],
			['recipient', recipient]
		],
		locale,
		values
	);
}
