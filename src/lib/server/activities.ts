import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database, Tables, TablesInsert, TablesUpdate } from '$lib/database.types';
import { expand, parseRRule, type Occurrence } from '$lib/recurrence';
import { isId } from './ids';

type Client = SupabaseClient<Database>;
// activity_visible is a function over the row, which the generated types list as a field.
export type Activity = Omit<Tables<'activities'>, 'activity_visible'>;
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
		.select('*')
		.eq('organization_id', organizationId)
		.order('first_date');
	if (error) fail('listForOrganization', error);
	return data;
}

export async function get(supabase: Client, id: string): Promise<Activity | null> {
	if (!isId(id)) return null;
	const { data, error } = await supabase.from('activities').select('*').eq('id', id).maybeSingle();
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

/** A new draft; its sessions are made at once so the organizer sees the dates. */
export async function create(
	supabase: Client,
	input: { organizationId: string; userId: string; fields: ActivityInput }
) {
	const { data, error } = await supabase
		.from('activities')
		.insert({ ...input.fields, organization_id: input.organizationId, created_by: input.userId })
		.select()
		.single();
	if (error) return { activity: null, error };
	await syncSessions(supabase, data);
	return { activity: data, error: null };
}

export async function update(supabase: Client, id: string, fields: Partial<ActivityInput>) {
	const { data, error } = await supabase
		.from('activities')
		.update(fields)
		.eq('id', id)
		.select()
		.single();
	if (error) return { activity: null, error };
	await syncSessions(supabase, data);
	return { activity: data, error: null };
}

export async function setStatus(
	supabase: Client,
	id: string,
	status: Activity['status'],
	cancelReason?: string
) {
	const fields: TablesUpdate<'activities'> = { status };
	if (status === 'published') fields.published_at = new Date().toISOString();
	if (status === 'cancelled') fields.cancel_reason = cancelReason ?? null;
	const { error } = await supabase.from('activities').update(fields).eq('id', id);
	if (error) fail('setStatus', error);
}

/** A copy as a new draft, with a fresh slug. */
export async function duplicate(supabase: Client, activity: Activity, userId: string) {
	const { id, search, created_at, updated_at, published_at, status, cancel_reason, slug, ...rest } =
		activity;
	void [id, search, created_at, updated_at, published_at, status, cancel_reason];
	return create(supabase, {
		organizationId: activity.organization_id,
		userId,
		fields: { ...rest, slug: `${slug.slice(0, 70)}-${Date.now().toString(36).slice(-6)}` }
	});
}

export async function cancelSession(supabase: Client, sessionId: string, reason: string) {
	const { error } = await supabase
		.from('sessions')
		.update({ status: 'cancelled', cancel_reason: reason, edited: true })
		.eq('id', sessionId);
	if (error) fail('cancelSession', error);
}

export async function moveSession(
	supabase: Client,
	sessionId: string,
	startsAt: Date,
	endsAt: Date
) {
	const { error } = await supabase
		.from('sessions')
		.update({ starts_at: startsAt.toISOString(), ends_at: endsAt.toISOString(), edited: true })
		.eq('id', sessionId);
	if (error) fail('moveSession', error);
}

/** Public: a published activity with its upcoming sessions (RLS keeps drafts out). */
export async function publicActivity(supabase: Client, id: string) {
	if (!isId(id)) return null;
	const { data, error } = await supabase
		.from('activities')
		.select('*, organizations(name, slug), sessions(id, starts_at, ends_at, status, cancel_reason)')
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
 * Moves every repeating activity's horizon forward (new sessions as time passes). Idempotent:
 * several app instances may run it. Called with the secret-key client from the server's init.
 */
export async function extendHorizons(supabase: Client, now = new Date()): Promise<number> {
	const { data, error } = await supabase
		.from('activities')
		.select('*')
		.eq('status', 'published')
		.not('rrule', 'is', null);
	if (error) fail('extendHorizons', error);
	for (const activity of data) await syncSessions(supabase, activity, now);
	return data.length;
}
