import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database, Tables, TablesInsert, TablesUpdate } from '$lib/database.types';
import { describeRule, expand, parseRRule, type Occurrence } from '$lib/recurrence';
import type { Locale } from '$lib/i18n/locales';
import { changed, failureOf, type Failure } from './failure';
import { isId } from './ids';

type Client = SupabaseClient<Database>;
// created_by (a user id) and the search vector are not readable through the API.
export type Activity = Omit<Tables<'activities'>, 'created_by' | 'search' | 'sequence'>;

/** Every column the API roles may read (created_by is not one: public reads carry no user id). */
const COLUMNS =
	'id, organization_id, slug, title, summary, description, category, attributes, venue, address, city, online, timezone, first_date, start_time, duration_minutes, rrule, signup_mode, capacity, waitlist, helper_places, signup_opens_days_before, signup_closes_hours_before, status, cancel_reason, published_at, created_at, updated_at';
export type Session = Tables<'sessions'>;
export type ActivityInput = Omit<
	TablesInsert<'activities'>,
	'organization_id' | 'created_by' | 'status' | 'search'
>;

/** How far ahead sessions exist; the horizon moves forward as time passes (extendHorizons). */
export const HORIZON_DAYS = 190;

function fail(where: string, error: { code?: string; message: string } | null): never {
	throw new Error(`activities.${where}: ${error?.code ?? ''} ${error?.message ?? 'no row'}`);
}

/** The window sessions are kept for: from a day ago to the horizon. */
const windowStart = (now: Date) => new Date(now.getTime() - 24 * 3600_000);

/** The occurrences of an activity's rule from now to the horizon (all of them for a course). */
export function occurrences(
	activity: Pick<Activity, 'rrule' | 'first_date' | 'start_time' | 'duration_minutes' | 'timezone'>,
	now = new Date()
): Occurrence[] {
	const rule = activity.rrule ? parseRRule(activity.rrule, activity.timezone) : null;
	return expand({
		rule,
		firstDate: activity.first_date,
		startTime: activity.start_time.slice(0, 5),
		durationMinutes: activity.duration_minutes,
		timeZone: activity.timezone,
		from: windowStart(now),
		until: new Date(now.getTime() + HORIZON_DAYS * 24 * 3600_000)
	});
}

/** Makes the sessions match the rule; hand-edited and past sessions stay as they are. */
export async function syncSessions(supabase: Client, activity: Activity, now = new Date()) {
	const list = occurrences(activity, now).map((o) => ({
		occurrence_date: o.localDate,
		starts_at: o.startsAt.toISOString(),
		ends_at: o.endsAt.toISOString()
	}));
	const { error } = await supabase.rpc('sync_sessions', {
		p_activity: activity.id,
		p_occurrences: list,
		p_from: windowStart(now).toISOString()
	});
	if (error) fail('syncSessions', error);
}

export async function listForOrganization(
	supabase: Client,
	organizationId: string
): Promise<Activity[]> {
	const { data, error } = await supabase
		.from('activities')
		.select(COLUMNS)
		.eq('organization_id', organizationId)
		.order('first_date');
	if (error) fail('listForOrganization', error);
	return data;
}

export async function get(supabase: Client, id: string): Promise<Activity | null> {
	if (!isId(id)) return null;
	const { data, error } = await supabase
		.from('activities')
		.select(COLUMNS)
		.eq('id', id)
		.maybeSingle();
	if (error) fail('get', error);
	return data;
}

export async function sessions(supabase: Client, activityId: string): Promise<Session[]> {
	const { data, error } = await supabase
		.from('sessions')
		.select('*')
		.eq('activity_id', activityId)
		.order('starts_at');
	if (error) fail('sessions', error);
	return data;
}

const SLUG_TAKEN = { '23505': 'activity.errors.slugTaken' } as const;

/** A new draft; its sessions are made at once so the organizer sees the dates. */
export async function create(
	supabase: Client,
	input: { organizationId: string; userId: string; fields: ActivityInput }
): Promise<{ activity: Activity; failure: null } | { activity: null; failure: Failure }> {
	const { data, error } = await supabase
		.from('activities')
		.insert({ ...input.fields, organization_id: input.organizationId, created_by: input.userId })
		.select(COLUMNS)
		.single();
	if (error) return { activity: null, failure: failureOf(error, SLUG_TAKEN)! };
	await syncSessions(supabase, data);
	return { activity: data, failure: null };
}

/** Saves an organizer's edit; the sessions follow the new rule. */
export async function update(
	supabase: Client,
	id: string,
	fields: Partial<ActivityInput>
): Promise<Failure | null> {
	if (!isId(id)) return { status: 404, error: 'error.notFound' };
	const result = await supabase.from('activities').update(fields).eq('id', id).select(COLUMNS);
	const failure = changed(result, SLUG_TAKEN);
	if (failure) return failure;
	await syncSessions(supabase, result.data![0]);
	return null;
}

/** Publishes, cancels (with the reason shown to visitors) or archives an activity. */
export async function setStatus(
	supabase: Client,
	id: string,
	status: Activity['status'],
	cancelReason?: string
): Promise<Failure | null> {
	const fields: TablesUpdate<'activities'> = { status };
	if (status === 'published') fields.published_at = new Date().toISOString();
	if (status === 'cancelled') fields.cancel_reason = cancelReason ?? null;
	return changed(await supabase.from('activities').update(fields).eq('id', id).select('id'));
}

/** A copy as a new draft, with a fresh slug. */
export async function duplicate(supabase: Client, activity: Activity, userId: string) {
	const { id, created_at, updated_at, published_at, status, cancel_reason, slug, ...rest } =
		activity;
	void [id, created_at, updated_at, published_at, status, cancel_reason];
	return create(supabase, {
		organizationId: activity.organization_id,
		userId,
		fields: { ...rest, slug: `${slug.slice(0, 70)}-${Date.now().toString(36).slice(-6)}` }
	});
}

type SessionChange = Pick<
	TablesUpdate<'sessions'>,
	'status' | 'cancel_reason' | 'starts_at' | 'ends_at'
>;

/**
 * Changes one session of `activityId` by hand (it then keeps its change when the rule changes).
 * A session of another activity is "not found", one the caller may not change is refused.
 */
async function editSession(
	supabase: Client,
	ids: { activityId: string; sessionId: string },
	change: SessionChange
): Promise<Failure | null> {
	const notFound: Failure = { status: 404, error: 'activity.errors.sessionNotFound' };
	if (!isId(ids.sessionId) || !isId(ids.activityId)) return notFound;
	const { data, error } = await supabase
		.from('sessions')
		.select('id')
		.eq('id', ids.sessionId)
		.eq('activity_id', ids.activityId)
		.maybeSingle();
	if (error) return failureOf(error);
	if (!data) return notFound;
	return changed(
		await supabase
			.from('sessions')
			.update({ ...change, edited: true })
			.eq('id', ids.sessionId)
			.eq('activity_id', ids.activityId)
			.select('id')
	);
}

/** Cancels one date of an activity, with the reason visitors see. */
export function cancelSession(
	supabase: Client,
	input: { activityId: string; sessionId: string; reason: string }
) {
	return editSession(supabase, input, { status: 'cancelled', cancel_reason: input.reason });
}

/** Moves one date of an activity to another time. */
export function moveSession(
	supabase: Client,
	input: { activityId: string; sessionId: string; startsAt: Date; endsAt: Date }
) {
	return editSession(supabase, input, {
		starts_at: input.startsAt.toISOString(),
		ends_at: input.endsAt.toISOString()
	});
}

/** Public: a published activity with its upcoming sessions (RLS keeps drafts out). */
export async function publicActivity(supabase: Client, id: string) {
	if (!isId(id)) return null;
	const { data, error } = await supabase
		.from('activities')
		.select(
			`${COLUMNS}, organizations(name, slug), sessions(id, starts_at, ends_at, status, cancel_reason)`
		)
		.eq('id', id)
		.in('status', ['published', 'cancelled'])
		.order('starts_at', { referencedTable: 'sessions' })
		.maybeSingle();
	if (error) fail('publicActivity', error);
	return data;
}

/** Published activities of approved organizations, soonest first (the public list). */
export async function listPublished(supabase: Client) {
	const { data, error } = await supabase
		.from('activities')
		.select('id, title, summary, category, city, online, status, organizations(name)')
		.eq('status', 'published')
		.order('first_date');
	if (error) fail('listPublished', error);
	return data;
}

/**
 * Keeps every published activity's sessions in place: repeating ones get the dates that came
 * within the horizon as time passes, and single-date ones that have not passed get their one
 * session (so activities published without the app, like the demo data, have dates from the
 * first run). Idempotent: several app instances may run it. Called with the secret-key client
 * from the server's init; returns how many activities it synced.
 */
const HORIZON_PAGE = 500;

export async function extendHorizons(supabase: Client, now = new Date()): Promise<number> {
	const since = windowStart(now).toISOString().slice(0, 10);
	let synced = 0;
	// Page by page: the API returns at most max_rows rows per request.
	for (let page = 0; ; page++) {
		const { data, error } = await supabase
			.from('activities')
			.select(COLUMNS)
			.eq('status', 'published')
			.or(`rrule.not.is.null,first_date.gte.${since}`)
			.order('id')
			.range(page * HORIZON_PAGE, (page + 1) * HORIZON_PAGE - 1);
		if (error) fail('extendHorizons', error);
		for (const activity of data) await syncSessions(supabase, activity, now);
		synced += data.length;
		if (data.length < HORIZON_PAGE) return synced;
	}
}

/** How many upcoming dates the public activity page lists. */
export const PAGE_SESSIONS = 12;

/**
 * Public: a published (or cancelled) activity for its page, with its organization's public
 * details (approaches, contact) and the next dates, cancelled and moved ones included.
 * Two bounded queries, sent together (the dates' query needs only the id; RLS shows dates only
 * with a visible activity); RLS hides drafts and everything of organizations not approved.
 */
export async function getPublicPage(supabase: Client, input: { id: string; now?: Date }) {
	if (!isId(input.id)) return null;
	const [{ data: activity, error }, { data: upcoming, error: sessionsError }] = await Promise.all([
		supabase
			.from('activities')
			.select(
				`${COLUMNS}, organizations(id, name, slug, approaches, contact_email, contact_phone, website, retention_days, discreet)`
			)
			.eq('id', input.id)
			.in('status', ['published', 'cancelled'])
			.maybeSingle(),
		supabase
			.from('sessions')
			.select('id, occurrence_date, starts_at, ends_at, status, cancel_reason, edited')
			.eq('activity_id', input.id)
			.gt('ends_at', (input.now ?? new Date()).toISOString())
			.order('starts_at')
			.limit(PAGE_SESSIONS)
	]);
	if (error) fail('getPublicPage', error);
	if (!activity?.organizations) return null;
	if (sessionsError) fail('getPublicPage', sessionsError);
	return { activity, organization: activity.organizations, sessions: upcoming };
}

/** An activity's repeat rule in words ("hver tirsdag kl. 18.00"), or null for a single date. */
export function scheduleOf(
	activity: Pick<Activity, 'rrule' | 'timezone' | 'start_time'>,
	locale: Locale
): string | null {
	if (!activity.rrule) return null;
	return describeRule(parseRRule(activity.rrule, activity.timezone), {
		locale,
		timeZone: activity.timezone,
		startTime: activity.start_time.slice(0, 5)
	});
}
