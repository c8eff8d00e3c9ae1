import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';
import { localParts } from '$lib/format';
import type { Locale } from '$lib/i18n/locales';
import type { MessageKey } from '$lib/i18n/messages';
import { translate } from '$lib/i18n/translate';
import * as activities from './activities';
import { separatorFor, toCsv } from './csv';
import { failureOf, FORBIDDEN, type Failure } from './failure';
import { isId } from './ids';
import { NO_COUNTS, type Attendee, type Counts } from '$lib/types/signups';

export { NO_COUNTS, type Attendee, type Counts };

// The organizer's side of sign-ups: counts, the attendee and waiting lists, check-in, removing
// and promoting, messages, the read log, headcounts and failed mails. Every rule is checked in
// the database functions (supabase/migrations/*_signups.sql); this module turns their answers
// and refusals (`hint`) into data and message keys.

type Client = SupabaseClient<Database>;
type Status = Attendee['status'];
type Role = Attendee['role'];

/** A sign-up's URL key: a session's id, or `series` for an activity signed up to as a whole. */
export const SERIES = 'series';

const NOT_FOUND: Failure = { status: 404, error: 'error.notFound' };

/** The database's refusals by hint; anything else by SQLSTATE (failure.ts). */
const BY_HINT: Record<string, Failure> = {
	forbidden: FORBIDDEN,
	aal2_required: { status: 403, error: 'attendees.errors.aal2' },
	aal2: { status: 403, error: 'attendees.errors.aal2' },
	not_found: NOT_FOUND,
	not_confirmed: { status: 409, error: 'attendees.errors.notConfirmed' },
	not_waitlisted: { status: 409, error: 'attendees.errors.notWaitlisted' },
	bad_message: { status: 400, error: 'attendees.errors.message' }
};

/** A database error as a Failure: by its hint first, then by its code. */
export function refusal(error: { code?: string; hint?: string | null } | null): Failure | null {
	if (!error) return null;
	return BY_HINT[error.hint ?? ''] ?? failureOf(error);
}

/** The session a URL's key names: null for `series`, else its id if it is one. */
export function sessionOf(key: string): string | null | undefined {
	if (key === SERIES) return null;
	return isId(key) ? key : undefined;
}

/** Sign-up counts per session (key `series` for a whole series), for any organizer of the activity. */
export async function countSignups(
	supabase: Client,
	{ activityId }: { activityId: string }
): Promise<{ data: Record<string, Counts> } | Failure> {
	if (!isId(activityId)) return NOT_FOUND;
	const { data, error } = await supabase.rpc('signup_counts', { p_activity: activityId });
	if (error) return refusal(error)!;
	const counts: Record<string, Counts> = {};
	for (const row of data)
		counts[row.session_id ?? SERIES] = {
			confirmed: row.confirmed,
			waitlisted: row.waitlisted,
			helpers: row.helpers,
			firstTimers: row.first_timers,
			attended: row.attended,
			noShows: row.no_shows
		};
	return { data: counts };
}

/**
 * The people signed up for a session (or series) with names and contacts. Needs a session
 * confirmed with an authenticator; the database writes each call to the read log (`purpose`).
 */
export async function listAttendees(
	supabase: Client,
	input: { activityId: string; sessionId: string | null; purpose: 'list' | 'export' }
): Promise<{ data: Attendee[] } | Failure> {
	if (!isId(input.activityId)) return NOT_FOUND;
	const { data, error } = await supabase.rpc('session_signups', {
		p_activity: input.activityId,
		// A whole series is the null session; the generated type does not know it may be null.
		p_session: input.sessionId as string,
		p_purpose: input.purpose
	});
	if (error) return refusal(error)!;
	return {
		data: data.map((r) => ({
			id: r.signup_id,
			role: r.role,
			status: r.status,
			position: r.waitlist_position ?? null,
			name: r.chosen_name,
			email: r.email ?? null,
			phone: r.phone ?? null,
			note: r.note ?? null,
			firstTime: r.first_time,
			createdAt: r.created_at
		}))
	};
}

const HOLDS_PLACE: Status[] = ['confirmed', 'attended', 'no_show'];

/** The lists an organizer works from: participants and volunteers apart, each with its waiting list. */
export function groupAttendees(list: Attendee[]) {
	const of = (role: Role, statuses: Status[]) =>
		list.filter((a) => a.role === role && statuses.includes(a.status));
	return {
		participants: of('participant', HOLDS_PLACE),
		waiting: of('participant', ['waitlisted']),
		helpers: of('helper', HOLDS_PLACE),
		helpersWaiting: of('helper', ['waitlisted']),
		cancelled: list.filter((a) => a.status === 'cancelled')
	};
}

export type Change = 'attended' | 'no_show' | 'remove' | 'promote';
const RESULT: Record<Change, Status> = {
	attended: 'attended',
	no_show: 'no_show',
	remove: 'cancelled',
	promote: 'confirmed'
};

/**
 * Marks attendance, removes (the first in line gets the place) or promotes by hand. The database
 * answers with the sign-up's status afterwards: any other than the one asked for means nothing
 * changed (an attended sign-up cannot be removed), which is a failure.
 */
export async function changeSignup(
	supabase: Client,
	{ signupId, change }: { signupId: string; change: Change }
): Promise<Failure | null> {
	if (!isId(signupId)) return NOT_FOUND;
	const { data, error } = await supabase.rpc('update_signup', {
		p_signup: signupId,
		p_action: change
	});
	if (error) return refusal(error);
	return data === RESULT[change] ? null : { status: 409, error: 'attendees.errors.unchanged' };
}

/** Mails everyone confirmed or waiting for a session (or series); nobody reached is a failure. */
export async function messageSignups(
	supabase: Client,
	input: { activityId: string; sessionId: string | null; subject: string; body: string }
): Promise<Failure | null> {
	if (!isId(input.activityId)) return NOT_FOUND;
	const { data, error } = await supabase.rpc('message_signups', {
		p_activity: input.activityId,
		p_session: input.sessionId as string,
		p_subject: input.subject,
		p_body: input.body
	});
	if (error) return refusal(error);
	return data > 0 ? null : { status: 409, error: 'attendees.errors.nobodyToMessage' };
}

/** The read log of attendee lists (who, when, what), for the organization's owners and admins. */
export async function listReads(supabase: Client, { organizationId }: { organizationId: string }) {
	if (!isId(organizationId)) return NOT_FOUND;
	const { data, error } = await supabase.rpc('attendee_audit', { p_organization: organizationId });
	if (error) return refusal(error)!;
	return { data };
}

/** E-mails to participants not sent for a day or more; empty for anyone but owners and admins. */
export async function listFailedMails(
	supabase: Client,
	{ organizationId }: { organizationId: string }
) {
	if (!isId(organizationId)) return [];
	const { data, error } = await supabase.rpc('failed_mails', { p_organization: organizationId });
	return error
		? []
		: data.map(({ id, template, created_at, attempts }) => ({
				id,
				template,
				created_at,
				attempts
			}));
}

export interface HeadcountRow {
	sessionId: string | null;
	startsAt: string | null;
	cancelled: boolean;
	signups: number;
	attended: number;
	firstTimers: number;
	helpers: number;
	helpersAttended: number;
}

/**
 * Counts per session that survive the purge of names: sign-ups, attendance, first-timers and
 * volunteers. Never people. `held` counts the sessions that have taken place and were not cancelled.
 */
export async function getHeadcounts(
	supabase: Client,
	{ activityId, now = new Date() }: { activityId: string; now?: Date }
): Promise<{ data: { rows: HeadcountRow[]; totals: HeadcountTotals } } | Failure> {
	if (!isId(activityId)) return NOT_FOUND;
	const { data, error } = await supabase.rpc('activity_headcounts', { p_activity: activityId });
	if (error) return refusal(error)!;
	const bySession = new Map<string, HeadcountRow>();
	for (const r of data) {
		const key = r.session_id ?? SERIES;
		const row = bySession.get(key) ?? {
			sessionId: r.session_id ?? null,
			startsAt: r.starts_at ?? null,
			cancelled: r.session_status === 'cancelled',
			signups: 0,
			attended: 0,
			firstTimers: 0,
			helpers: 0,
			helpersAttended: 0
		};
		if (r.role === 'helper') {
			row.helpers += r.signups;
			row.helpersAttended += r.attended;
		} else {
			row.signups += r.signups;
			row.attended += r.attended;
		}
		row.firstTimers += r.first_timers;
		bySession.set(key, row);
	}
	const rows = [...bySession.values()];
	return { data: { rows, totals: totalsOf(rows, now) } };
}

export interface HeadcountTotals {
	held: number;
	signups: number;
	attended: number;
	firstTimers: number;
	helpers: number;
}

function totalsOf(rows: HeadcountRow[], now: Date): HeadcountTotals {
	const sum = (pick: (r: HeadcountRow) => number) => rows.reduce((n, r) => n + pick(r), 0);
	return {
		held: rows.filter((r) => !r.cancelled && r.startsAt && new Date(r.startsAt) < now).length,
		signups: sum((r) => r.signups),
		attended: sum((r) => r.attended),
		firstTimers: sum((r) => r.firstTimers),
		helpers: sum((r) => r.helpers)
	};
}

/** `2026-12-08 18:00` in the activity's time zone: sorts as text and reads in any spreadsheet. */
const stamp = (instant: string | null, timeZone: string) => {
	if (!instant) return '';
	const { date, time } = localParts(instant, timeZone);
	return `${date} ${time}`;
};

/** The attendee list as a CSV file in the organizer's language (formulas neutralised). */
export function attendeesCsv(
	list: Attendee[],
	{ locale, timeZone }: { locale: Locale; timeZone: string }
) {
	const t = (key: MessageKey) => translate(locale, key);
	const header = (
		[
			'name',
			'email',
			'phone',
			'role',
			'status',
			'position',
			'firstTime',
			'note',
			'createdAt'
		] as const
	).map((c) => t(`attendees.csv.${c}`));
	return toCsv(
		header,
		list.map((a) => [
			a.name,
			a.email,
			a.phone,
			t(`attendees.role.${a.role}`),
			t(`attendees.status.${a.status}`),
			a.position,
			t(a.firstTime ? 'attendees.csv.yes' : 'attendees.csv.no'),
			a.note,
			stamp(a.createdAt, timeZone)
		]),
		separatorFor(locale)
	);
}

/** The headcounts as a CSV file: one line a session, counts only. */
export function headcountsCsv(
	rows: HeadcountRow[],
	{ locale, timeZone }: { locale: Locale; timeZone: string }
) {
	const t = (key: MessageKey) => translate(locale, key);
	const header = (
		[
			'date',
			'cancelled',
			'signups',
			'attended',
			'firstTimers',
			'helpers',
			'helpersAttended'
		] as const
	).map((c) => t(`headcounts.csv.${c}`));
	return toCsv(
		header,
		rows.map((r) => [
			r.startsAt ? stamp(r.startsAt, timeZone) : t('headcounts.series'),
			t(r.cancelled ? 'attendees.csv.yes' : 'attendees.csv.no'),
			r.signups,
			r.attended,
			r.firstTimers,
			r.helpers,
			r.helpersAttended
		]),
		separatorFor(locale)
	);
}

/**
 * The activity and session a URL names, as the caller may see them: `series` only for an
 * activity signed up to as a whole, a session only of this activity. Null when there is none.
 */
export async function getScope(
	supabase: Client,
	{ activityId, sessionKey }: { activityId: string; sessionKey: string }
) {
	const sessionId = sessionOf(sessionKey);
	const activity = await activities.get(supabase, activityId);
	if (!activity || sessionId === undefined || activity.signup_mode === 'none') return null;
	if ((activity.signup_mode === 'whole_series') !== (sessionId === null)) return null;
	if (sessionId === null) return { activity, sessionId, session: null };
	const { data, error } = await supabase
		.from('sessions')
		.select('id, starts_at, ends_at, status, cancel_reason, edited')
		.eq('id', sessionId)
		.eq('activity_id', activity.id)
		.maybeSingle();
	if (error) throw new Error(`signups-admin.getScope: ${error.code} ${error.message}`);
	return data ? { activity, sessionId, session: data } : null;
}
