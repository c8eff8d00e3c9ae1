import type { SupabaseClient } from '@supabase/supabase-js';
import { Constants, type Database } from '$lib/database.types';

type Client = SupabaseClient<Database>;

/** The menu's window: what an organization offers in the next four weeks. */
export const MENU_DAYS = 28;
/** Bounds on every public list: no query here returns an unbounded number of rows. */
export const LIMITS = {
	organizations: 500,
	activities: 50,
	sessionsPerActivity: 3,
	menuSessions: 1000
};

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function fail(where: string, error: { code?: string; message: string }): never {
	throw new Error(`organizationPages.${where}: ${error.code ?? ''} ${error.message}`);
}

/** Public: an approved organization by its slug, with its contact details (RLS hides the rest). */
export async function getPublic(supabase: Client, slug: string) {
	if (slug.length > 60 || !SLUG.test(slug)) return null;
	const { data, error } = await supabase
		.from('organizations')
		.select(
			'id, slug, name, description, kind, approaches, contact_email, contact_phone, website, city, region'
		)
		.eq('slug', slug)
		.eq('status', 'approved')
		.maybeSingle();
	if (error) fail('getPublic', error);
	return data;
}

/**
 * Public: an organization's published activities, each with its next few dates (cancelled ones
 * included, so visitors see them), the soonest first; activities with no date ahead come last.
 */
export async function listUpcomingActivities(
	supabase: Client,
	input: { organizationId: string; now?: Date }
) {
	const now = (input.now ?? new Date()).toISOString();
	const { data, error } = await supabase
		.from('activities')
		.select(
			'id, title, summary, category, venue, city, online, timezone, start_time, sessions(id, occurrence_date, starts_at, ends_at, status, cancel_reason, edited)'
		)
		.eq('organization_id', input.organizationId)
		.eq('status', 'published')
		.gt('sessions.ends_at', now)
		.order('starts_at', { referencedTable: 'sessions' })
		.limit(LIMITS.sessionsPerActivity, { referencedTable: 'sessions' })
		.order('title')
		.limit(LIMITS.activities);
	if (error) fail('listUpcomingActivities', error);
	const next = (a: (typeof data)[number]) => a.sessions[0]?.starts_at ?? '\uffff';
	return data.sort((a, b) => next(a).localeCompare(next(b)));
}

export type MenuActivity = {
	id: string;
	title: string;
	category: Database['public']['Enums']['activity_category'];
	timezone: string;
	dates: string[];
};

export type MenuOrganization = {
	slug: string;
	name: string;
	kind: Database['public']['Enums']['organization_kind'];
	approaches: Database['public']['Enums']['approach'][];
	city: string | null;
	activities: MenuActivity[];
};

/**
 * The menu of alternatives: every approved organization, each with the published activities it
 * holds in the next four weeks and their dates. One query for the organizations, one for the
 * sessions in the window (with their activity), joined here, not one query per organization.
 */
export async function listMenu(supabase: Client, input: { now?: Date } = {}) {
	const from = input.now ?? new Date();
	const until = new Date(from.getTime() + MENU_DAYS * 24 * 3600_000);
	const [organizations, sessions] = await Promise.all([
		supabase
			.from('organizations')
			.select('id, slug, name, kind, approaches, city')
			.eq('status', 'approved')
			.order('name')
			.limit(LIMITS.organizations),
		supabase
			.from('sessions')
			.select('starts_at, activities!inner(id, title, category, timezone, organization_id)')
			.eq('status', 'scheduled')
			.eq('activities.status', 'published')
			.gte('starts_at', from.toISOString())
			.lt('starts_at', until.toISOString())
			.order('starts_at')
			.limit(LIMITS.menuSessions)
	]);
	if (organizations.error) fail('listMenu', organizations.error);
	if (sessions.error) fail('listMenu', sessions.error);
	return groupMenu(organizations.data, sessions.data);
}

/** Joins sessions to their activities and organizations (pure, so it is tested on its own). */
export function groupMenu(
	organizations: (Omit<MenuOrganization, 'activities'> & { id: string })[],
	sessions: {
		starts_at: string;
		activities: Omit<MenuActivity, 'dates'> & { organization_id: string };
	}[]
): MenuOrganization[] {
	const byOrganization = new Map<string, Map<string, MenuActivity>>();
	for (const { starts_at, activities: a } of sessions) {
		let offers = byOrganization.get(a.organization_id);
		if (!offers) byOrganization.set(a.organization_id, (offers = new Map()));
		let activity = offers.get(a.id);
		if (!activity) {
			activity = {
				id: a.id,
				title: a.title,
				category: a.category,
				timezone: a.timezone,
				dates: []
			};
			offers.set(a.id, activity);
		}
		activity.dates.push(starts_at);
	}
	return organizations.map(({ id, ...organization }) => ({
		...organization,
		activities: [...(byOrganization.get(id)?.values() ?? [])]
	}));
}

export type Approach = Database['public']['Enums']['approach'];

/**
 * The menu's groups: one per approach, in the schema's order, each organization under every
 * approach it has; organizations that name none come last under `other`. Empty groups are left out.
 */
export function groupByApproach<T extends { approaches: Approach[] }>(
	organizations: T[]
): { approach: Approach | 'other'; organizations: T[] }[] {
	const groups = [...Constants.public.Enums.approach, 'other' as const].map((approach) => ({
		approach,
		organizations: organizations.filter((o) =>
			approach === 'other' ? o.approaches.length === 0 : o.approaches.includes(approach)
		)
	}));
	return groups.filter((g) => g.organizations.length > 0);
}
