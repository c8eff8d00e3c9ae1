import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';
import type { PublicOrganization } from '$lib/types/organizations';
import { changed, failureOf, type Failure } from './failure';
import { isId } from './ids';
import type { OrganizationSettings } from '$lib/schemas/organization';

/** Approved organizations, by name, as the caller may see them (RLS hides the rest). */
export async function listApproved(
	supabase: SupabaseClient<Database>
): Promise<PublicOrganization[]> {
	const { data, error } = await supabase
		.from('organizations')
		.select('slug, name, description, kind, approaches, city, region, website')
		.eq('status', 'approved')
		.order('name');
	if (error) throw new Error(`organizations.listApproved: ${error.code} ${error.message}`);
	return data;
}

type Client = SupabaseClient<Database>;

/** The home page shows cards (with descriptions) up to this many organizations, names past it. */
export const HOME_CARDS = 12;
/** Organizations any list names at most (filters, the home page). */
const NAMES_LIMIT = 500;

export interface OrganizationName {
	slug: string;
	name: string;
	city: string | null;
}

/**
 * The home page's organizations: every approved one's name (for the filter and the list), and
 * cards only while there are few enough to read as cards. With many, their descriptions would
 * be most of the page and of its cost: a visitor then finds them by name, or on the menu.
 */
export async function listForHome(
	supabase: Client
): Promise<{ names: OrganizationName[]; cards: PublicOrganization[] | null }> {
	const names = await listNames(supabase);
	if (names.length > HOME_CARDS) return { names, cards: null };
	return { names, cards: names.length ? await listApproved(supabase) : [] };
}

/** Approved organizations' names, by name (for a filter's choices). */
export async function listNames(supabase: Client): Promise<OrganizationName[]> {
	const { data, error } = await supabase
		.from('organizations')
		.select('slug, name, city')
		.eq('status', 'approved')
		.order('name')
		.limit(NAMES_LIMIT);
	if (error) throw new Error(`organizations.listNames: ${error.code} ${error.message}`);
	return data;
}

export interface MyOrganization {
	id: string;
	slug: string;
	name: string;
	status: Database['public']['Enums']['organization_status'];
	role: Database['public']['Enums']['member_role'];
}

/** The organizations the signed-in user is a member of, with their role. */
export async function listMine(supabase: Client, userId: string): Promise<MyOrganization[]> {
	const { data, error } = await supabase
		.from('memberships')
		.select('role, organizations(id, slug, name, status)')
		.eq('user_id', userId);
	if (error) throw new Error(`organizations.listMine: ${error.message}`);
	return data
		.filter((m) => m.organizations)
		.map((m) => ({ ...m.organizations!, role: m.role }))
		.sort((a, b) => a.name.localeCompare(b.name, 'nb'));
}

/** Creates a pending organization with the caller as owner. */
export async function create(
	supabase: Client,
	input: {
		slug: string;
		name: string;
		kind: Database['public']['Enums']['organization_kind'];
		description: string;
		city: string | null;
	}
) {
	const { data, error } = await supabase.rpc('create_organization', {
		p_slug: input.slug,
		p_name: input.name,
		p_kind: input.kind,
		p_description: input.description,
		p_city: input.city ?? undefined
	});
	return {
		organization: data,
		failure: failureOf(error, { '23505': 'org.errors.slugTaken' })
	};
}

export async function get(supabase: Client, id: string) {
	if (!isId(id)) return null;
	const { data, error } = await supabase
		.from('organizations')
		.select('*')
		.eq('id', id)
		.maybeSingle();
	if (error) throw new Error(`organizations.get: ${error.message}`);
	return data;
}

export async function myRole(supabase: Client, id: string) {
	const { data } = await supabase.rpc('my_role', { org: id });
	return data ?? null;
}

export async function isPlatformAdmin(supabase: Client): Promise<boolean> {
	const { data } = await supabase.rpc('is_platform_admin');
	return data === true;
}

/** Organizations waiting for a platform admin (RLS shows them to admins only). */
export async function pending(supabase: Client) {
	const { data, error } = await supabase
		.from('organizations')
		.select('id, name, slug, kind, city, created_at')
		.eq('status', 'pending')
		.order('created_at');
	if (error) throw new Error(`organizations.pending: ${error.message}`);
	return data;
}

/** Approves or suspends an organization (platform admins; the database checks). */
export async function setStatus(
	supabase: Client,
	id: string,
	status: 'approved' | 'suspended'
): Promise<Failure | null> {
	if (!isId(id)) return { status: 404, error: 'error.notFound' };
	const { error } = await supabase.rpc('set_organization_status', {
		p_organization: id,
		p_status: status
	});
	return failureOf(error);
}

/** Members with their e-mail addresses (for the organization's own members only). */
export async function members(supabase: Client, id: string) {
	const { data, error } = await supabase.rpc('member_list', { p_organization: id });
	if (error) throw new Error(`organizations.members: ${error.message}`);
	return data;
}

/** Changes a member's role (owners and admins; only owners make owners). */
export async function changeRole(
	supabase: Client,
	input: {
		organizationId: string;
		userId: string;
		role: Database['public']['Enums']['member_role'];
	}
): Promise<Failure | null> {
	if (!isId(input.organizationId) || !isId(input.userId))
		return { status: 404, error: 'error.notFound' };
	return changed(
		await supabase
			.from('memberships')
			.update({ role: input.role })
			.eq('organization_id', input.organizationId)
			.eq('user_id', input.userId)
			.select('role'),
		{ '23514': 'org.errors.lastOwner' }
	);
}

/** Invites by e-mail: the invitation and its mail (in the outbox) are written together. */
export async function invite(
	supabase: Client,
	input: {
		organizationId: string;
		email: string;
		role: Database['public']['Enums']['member_role'];
		locale: string;
	}
): Promise<Failure | null> {
	if (!isId(input.organizationId)) return { status: 404, error: 'error.notFound' };
	const token = crypto.randomUUID() + crypto.randomUUID().replaceAll('-', '');
	const hash = await tokenHash(token);
	const { error } = await supabase.rpc('invite_member', {
		p_organization: input.organizationId,
		p_email: input.email,
		p_role: input.role,
		p_token_hash: hash,
		p_token: token,
		p_locale: input.locale
	});
	return failureOf(error, { PT429: 'org.errors.invitesToday' });
}

/** Removes a member (owners and admins), or the caller leaves; the last owner stays. */
export async function removeMember(
	supabase: Client,
	input: { organizationId: string; userId: string }
): Promise<Failure | null> {
	if (!isId(input.organizationId) || !isId(input.userId))
		return { status: 404, error: 'error.notFound' };
	return changed(
		await supabase
			.from('memberships')
			.delete()
			.eq('organization_id', input.organizationId)
			.eq('user_id', input.userId)
			.select('user_id'),
		{ '23514': 'org.errors.lastOwner' }
	);
}

/** SHA-256 (hex) of an invitation link's token: all the database keeps of it. */
async function tokenHash(token: string): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token));
	return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * What an invitation link may tell anyone who has it: the organization's name and the role
 * offered, or null when the invitation is unknown, used or expired.
 */
export async function previewInvitation(
	supabase: Client,
	token: string
): Promise<{ organizationName: string; role: Database['public']['Enums']['member_role'] } | null> {
	if (!/^[0-9a-f-]{20,100}$/i.test(token)) return null;
	const { data, error } = await supabase.rpc('invitation_preview', {
		p_token_hash: await tokenHash(token)
	});
	if (error) throw new Error(`organizations.previewInvitation: ${error.message}`);
	const row = data?.[0];
	return row ? { organizationName: row.organization_name, role: row.role } : null;
}

/** Accepts an invitation as the signed-in user (it must be the invited address). */
export async function acceptInvitation(supabase: Client, token: string) {
	const { data, error } = await supabase.rpc('accept_invitation', { p_token: token });
	return { membership: data, error };
}

/**
 * Saves an organization's settings (owners and admins: RLS refuses others, and a write that
 * changes no row is FORBIDDEN). Status and approval are not among them: a trigger guards those.
 */
export async function updateSettings(
	supabase: Client,
	input: { organizationId: string; settings: OrganizationSettings }
): Promise<Failure | null> {
	if (!isId(input.organizationId)) return { status: 404, error: 'error.notFound' };
	const s = input.settings;
	return changed(
		await supabase
			.from('organizations')
			.update({
				name: s.name,
				description: s.description,
				approaches: s.approaches,
				city: s.city,
				region: s.region,
				website: s.website,
				contact_email: s.contactEmail,
				contact_phone: s.contactPhone,
				retention_days: s.retentionDays,
				discreet: s.discreet
			})
			.eq('id', input.organizationId)
			.select('id')
	);
}
