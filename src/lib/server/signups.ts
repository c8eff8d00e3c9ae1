import { createHmac } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { env } from '$env/dynamic/private';
import type { Database } from '$lib/database.types';
import type { Locale } from '$lib/i18n/locales';
import type { SignupForm } from '$lib/schemas/signup';
import { CONSENT_VERSION } from '$lib/signups/consent';
import type { Failure } from './failure';
import { isId } from './ids';

type Client = SupabaseClient<Database>;
export type Signup = Database['public']['Functions']['signup_by_token']['Returns'][number];

/**
 * The manage link's secret for a sign-up form's idempotency key: 256 bits, derived with the
 * server's secret, so a resubmitted form gets the same link (the database keeps only its
 * SHA-256). Someone who sees the key in the page's HTML cannot derive the token.
 */
export function manageToken(idempotencyKey: string): string {
	const secret = env.SAMMEN_TOKEN_SECRET || env.SUPABASE_SECRET_KEY;
	if (!secret) throw new Error('SUPABASE_SECRET_KEY is not set');
	return createHmac('sha256', secret).update(`manage:${idempotencyKey}`).digest('base64url');
}

/** Whether a URL's token is shaped like ours (a forged one never reaches the database). */
export const isToken = (value: string) => /^[A-Za-z0-9_-]{43}$/.test(value);

const REFUSALS: Record<string, Failure> = {
	full: { status: 409, error: 'signup.errors.full' },
	closed: { status: 409, error: 'signup.errors.closed' },
	not_open: { status: 409, error: 'signup.errors.notOpen' },
	session_cancelled: { status: 409, error: 'signup.errors.sessionCancelled' },
	already_signed_up: { status: 409, error: 'signup.errors.already' },
	contact_required: { status: 400, error: 'signup.errors.contact' },
	consent_required: { status: 400, error: 'signup.errors.consent' },
	no_helpers: { status: 400, error: 'signup.errors.generic' },
	wrong_mode: { status: 400, error: 'signup.errors.session' },
	not_found: { status: 404, error: 'signup.errors.session' },
	no_signup: { status: 409, error: 'signup.errors.closed' }
};

function refusal(error: { code?: string; hint?: string | null }): Failure {
	return REFUSALS[error.hint ?? ''] ?? { status: 400, error: 'signup.errors.generic' };
}

/**
 * Signs someone up for a session (or the whole series, `sessionId` null). The answer says
 * whether they got a place or a place in line, and carries the manage link's token.
 */
export async function signUp(
	supabase: Client,
	input: { activityId: string; sessionId: string | null; form: SignupForm; locale: Locale }
): Promise<
	| {
			failure: null;
			status: Database['public']['Enums']['signup_status'];
			position: number | null;
			token: string;
	  }
	| { failure: Failure }
> {
	const { form } = input;
	if (!isId(input.activityId) || (input.sessionId !== null && !isId(input.sessionId)))
		return { failure: REFUSALS.not_found };
	const token = manageToken(form.key);
	const { data, error } = await supabase.rpc('sign_up', {
		p_activity: input.activityId,
		p_session: input.sessionId as string,
		p_name: form.name,
		p_email: form.email,
		p_phone: form.phone,
		p_note: form.note,
		p_first_time: form.firstTime === 'on',
		p_reminder: form.reminder === 'on',
		p_role: form.role,
		p_consent_version: CONSENT_VERSION,
		p_idempotency_key: form.key,
		p_token: token,
		p_locale: input.locale
	});
	if (error) return { failure: refusal(error) };
	const row = data[0];
	return { failure: null, status: row.status, position: row.waitlist_position, token };
}

/** The sign-up behind a manage link, or null when there is none. */
export async function byToken(supabase: Client, token: string): Promise<Signup | null> {
	if (!isToken(token)) return null;
	const { data, error } = await supabase.rpc('signup_by_token', { p_token: token });
	if (error) throw new Error(`signups.byToken: ${error.code} ${error.message}`);
	return data[0] ?? null;
}

/** Cancels the place of a manage link (the next in line gets it). */
export async function cancelByToken(supabase: Client, token: string): Promise<Failure | null> {
	if (!isToken(token)) return REFUSALS.not_found;
	const { error } = await supabase.rpc('cancel_signup_by_token', { p_token: token });
	return error ? refusal(error) : null;
}

/** Deletes the person's data now (the place, if any, goes to the next in line). */
export async function eraseByToken(supabase: Client, token: string): Promise<Failure | null> {
	if (!isToken(token)) return REFUSALS.not_found;
	const { error } = await supabase.rpc('erase_signup_by_token', { p_token: token });
	return error ? refusal(error) : null;
}

export type Places = Database['public']['Functions']['places_left']['Returns'][number];

/** Places left per session of an activity (for a series, one row with no session). */
export async function placesLeft(supabase: Client, activityId: string): Promise<Places[]> {
	const { data, error } = await supabase.rpc('places_left', { p_activity: activityId });
	if (error) throw new Error(`signups.placesLeft: ${error.code} ${error.message}`);
	return data;
}

/** What "download my data" gives: every stored field about the person, and what it was for. */
export function exportOf(signup: Signup) {
	return {
		deleted: signup.deleted,
		status: signup.status,
		waitingListPosition: signup.waitlist_position,
		role: signup.role,
		name: signup.chosen_name,
		email: signup.email,
		phone: signup.phone,
		note: signup.note,
		firstTime: signup.first_time,
		reminder: signup.reminder,
		signedUpAt: signup.created_at,
		activity: signup.activity_title,
		organization: signup.organization_name,
		startsAt: signup.starts_at,
		endsAt: signup.ends_at
	};
}
