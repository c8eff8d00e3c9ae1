import type { SupabaseClient } from '@supabase/supabase-js';
import { Constants, type Database } from '$lib/database.types';

type Client = SupabaseClient<Database>;

/** The menu's window: what an organization offers in the next four weeks. */
export const MENU_DAYS = 28;
/** Bounds on every public list: no query here returns an unbounded number of rows. */
export const LIMITS = {
	organizations: 500,
	activities: 50,
	sessionsPerActivity: 3
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
	/** Its next date in the window. */
	next: string;
	/** How many dates it has in the window. */
	dates: number;
};

export type MenuOrganization = {
	slug: string;
	name: string;
	kind: Database['public']['Enums']['organization_kind'];
	approaches: Database['public']['Enums']['approach'][];
	city: string | null;
	/** Its soonest activities (at most three), by their next date. */
	activities: MenuActivity[];
	/** How many activities it has in the window in all (its own page lists them). */
	offers: number;
};

/**
 * The menu of alternatives: every approved organization, each with its three soonest published
 * activities in the next four weeks, their next date and number of dates, and how many it has
 * in all. One query for the organizations, one for the offers (`menu_offers`, at most three
 * rows an organization), joined here: the page grows with organizations, not with dates.
 */
export async function listMenu(supabase: Client, input: { now?: Date } = {}) {
	const from = input.now ?? new Date();
	const until = new Date(from.getTime() + MENU_DAYS * 24 * 3600_000);
	const [organizations, offers] = await Promise.all([
		supabase
			.from('organizations')
			.select('id, slug, name, kind, approaches, city')
			.eq('status', 'approved')
			.order('name')
			.limit(LIMITS.organizations),
		supabase.rpc('menu_offers', { p_from: from.toISOString(), p_until: until.toISOString() })
	]);
	if (organizations.error) fail('listMenu', organizations.error);
	if (offers.error) fail('listMenu', offers.error);
	return groupMenu(organizations.data, offers.data);
}

/** A row of `menu_offers`. */
export interface MenuOfferRow {
	organization_id: string;
	activity_id: string;
	title: string;
	category: MenuActivity['category'];
	timezone: string;
	next_start: string;
	dates: number;
	offers: number;
}

/** Joins the offers to their organizations (pure, so it is tested on its own). */
export function groupMenu(
	organizations: (Omit<MenuOrganization, 'activities' | 'offers'> & { id: string })[],
	offers: MenuOfferRow[]
): MenuOrganization[] {
	const byOrganization = new Map<string, MenuOfferRow[]>();
	for (const row of offers) {
		const rows = byOrganization.get(row.organization_id);
		if (rows) rows.push(row);
		else byOrganization.set(row.organization_id, [row]);
	}
	return organizations.map(({ id, ...organization }) => {
		const rows = byOrganization.get(id) ?? [];
		return {
			...organization,
			activities: rows.map((r) => ({
				id: r.activity_id,
				title: r.title,
				category: r.category,
				timezone: r.timezone,
				next: r.next_start,
				dates: r.dates
			})),
			offers: rows[0]?.offers ?? 0
		};
	});
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
