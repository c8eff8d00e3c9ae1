import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';
import type { Attribute, Category } from '$lib/discovery/filters';
import type { FeedSession } from './feeds';

type Client = SupabaseClient<Database>;

/** Rows a feed holds at most; feed_sessions() caps at the same number. */
export const FEED_LIMIT = 2000;
const DAY = 86_400_000;

/** The feeds' window: the past 30 days (so cancellations reach calendars) to a year ahead. */
export const feedWindow = (now: Date) => ({
	from: new Date(now.getTime() - 30 * DAY),
	to: new Date(now.getTime() + 365 * DAY)
});

export interface SessionQuery {
	from: Date;
	to: Date;
	activity?: string;
	session?: string;
	organization?: string;
	categories?: Category[];
	attributes?: Attribute[];
	city?: string;
	online?: boolean;
	words?: string[];
	after?: { at: string; id: string };
	limit?: number;
}

/** Public sessions for a feed or the JSON API (public.feed_sessions: no attendee data exists there). */
export async function listSessions(supabase: Client, query: SessionQuery): Promise<FeedSession[]> {
	// No organization has a short name that is no slug (and a NUL byte would make Postgres refuse).
	if (query.organization !== undefined && !isSlug(query.organization)) return [];
	const { data, error } = await supabase.rpc('feed_sessions', {
		p_from: query.from.toISOString(),
		p_to: query.to.toISOString(),
		p_activity: query.activity,
		p_session: query.session,
		p_organization: query.organization,
		p_categories: query.categories?.length ? query.categories : undefined,
		p_attributes: query.attributes?.length ? query.attributes : undefined,
		p_city: query.city || undefined,
		p_online: query.online,
		p_words: query.words?.length ? query.words : undefined,
		p_after_at: query.after?.at,
		p_after_id: query.after?.id,
		p_limit: query.limit ?? FEED_LIMIT
	});
	if (error) throw new Error(`feedSessions.listSessions: ${error.code} ${error.message}`);
	return data;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);

/**
 * A public activity (published or cancelled, of an approved organization), or null. The status
 * is checked here too: an organizer's own session would let RLS show a draft.
 */
export async function getActivity(supabase: Client, id: string) {
	if (!isUuid(id)) return null;
	const { data, error } = await supabase
		.from('activities')
		.select(
			'id, title, summary, category, attributes, venue, address, city, online, timezone, status, cancel_reason, signup_mode, updated_at, organizations!inner(slug, name, discreet, status)'
		)
		.eq('id', id)
		.in('status', ['published', 'cancelled'])
		.eq('organizations.status', 'approved')
		.maybeSingle();
	if (error) throw new Error(`feedSessions.getActivity: ${error.code} ${error.message}`);
	return data;
}

/**
 * Whether a value can be an organization's short name. One that cannot is no organization; a NUL
 * byte in it made Postgres refuse the query (22021): a 500 found by tests/fuzz.
 */
const isSlug = (value: string) => value.length <= 60 && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(value);

/** An approved organization's name and discretion, or null. */
export async function getOrganization(supabase: Client, slug: string) {
	if (!isSlug(slug)) return null;
	const { data, error } = await supabase
		.from('organizations')
		.select('slug, name, discreet')
		.eq('slug', slug)
		.eq('status', 'approved')
		.maybeSingle();
	if (error) throw new Error(`feedSessions.getOrganization: ${error.code} ${error.message}`);
	return data;
}
