import { error, fail } from '@sveltejs/kit';
import { translate } from '$lib/i18n/translate';
import * as activities from '$lib/server/activities';
import * as organizations from '$lib/server/organizations';
import { formError, limited, parse, readForm } from '$lib/server/forms';
import { LIMITS } from '$lib/server/rate-limit';
import { inviteSchema } from '$lib/schemas/activity';
import type { Actions, PageServerLoad } from './$types';

/**
 * An organization as its members see it.
 * - `role`: the organizer's role (owners and admins manage members).
 * - `activities`, `members`: all of them, drafts included.
 */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const organization = await organizations.get(locals.supabase, params.id);
	const role = organization ? await organizations.myRole(locals.supabase, organization.id) : null;
	if (!organization || !role) error(404, 'Not found');
	return {
		organization,
		role,
		created: url.searchParams.has('created'),
		activities: await activities.listForOrganization(locals.supabase, organization.id),
		members:
			role === 'organizer' ? [] : await organizations.members(locals.supabase, organization.id),
		me: String(locals.claims!.sub)
	};
};

export const actions: Actions = {
	invite: async ({ request, locals, params, getClientAddress }) => {
		const values = await readForm(request);
		const tooMany = limited('email', LIMITS.email, getClientAddress(), locals.locale, values);
		if (tooMany) return tooMany;
		const { data, failure } = parse(inviteSchema, values, locals.locale);
		if (!data) return failure;
		const err = await organizations.invite(locals.supabase, {
			organizationId: params.id,
			...data,
			locale: locals.locale
		});
		if (err)
			return formError(
				err.code === '42501' ? 403 : 400,
				err.code === '42501' ? 'org.errors.forbidden' : 'auth.errors.generic',
				locals.locale,
				values
			);
		return { success: translate(locals.locale, 'org.invited') };
	},
	role: async ({ request, locals, params }) => {
		const values = await readForm(request);
		const role = values.role;
		if (role !== 'owner' && role !== 'admin' && role !== 'organizer') {
			return fail(400, { message: translate(locals.locale, 'org.errors.role') });
		}
		const err = await organizations.changeRole(
			locals.supabase,
			params.id,
			values.userId ?? '',
			role
		);
		if (err) return fail(403, { message: translate(locals.locale, 'org.errors.forbidden') });
		return { success: translate(locals.locale, 'org.roleChanged') };
	},
	remove: async ({ request, locals, params }) => {
		const values = await readForm(request);
		const err = await organizations.removeMember(locals.supabase, params.id, values.userId ?? '');
		if (err) return fail(400, { message: translate(locals.locale, 'org.errors.forbidden') });
		return { success: translate(locals.locale, 'org.removed') };
	}
};
