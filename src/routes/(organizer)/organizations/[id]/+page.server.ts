import { error, fail } from '@sveltejs/kit';
import { translate } from '$lib/i18n/translate';
import type { MessageKey } from '$lib/i18n/messages';
import * as activities from '$lib/server/activities';
import * as organizations from '$lib/server/organizations';
import * as signupsAdmin from '$lib/server/signups-admin';
import type { Failure } from '$lib/server/failure';
import { keep, limitedMail, parse, readForm } from '$lib/server/forms';
import { inviteSchema } from '$lib/schemas/activity';
import type { Actions, PageServerLoad } from './$types';

/**
 * An organization as its members see it.
 * - `role`: the organizer's role (owners and admins manage members).
 * - `activities`, `members`: all of them, drafts included.
 * - `failedMails`: participants' e-mails not sent for a day (owners and admins; else empty).
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
		failedMails:
			role === 'organizer'
				? []
				: await signupsAdmin.listFailedMails(locals.supabase, { organizationId: organization.id }),
		me: String(locals.claims!.sub)
	};
};

/** A write's answer: the failure's translated reason (input kept), or the success message. */
function outcome(
	locals: App.Locals,
	failure: Failure | null,
	success: MessageKey,
	values: Record<string, string> = {}
) {
	if (failure)
		return fail(failure.status, {
			values: keep(values),
			message: translate(locals.locale, failure.error)
		});
	return { success: translate(locals.locale, success) };
}

export const actions: Actions = {
	invite: async ({ request, locals, params, getClientAddress }) => {
		const values = await readForm(request);
		const { data, failure } = parse(inviteSchema, values, locals.locale);
		if (!data) return failure;
		const tooMany = await limitedMail(getClientAddress(), data.email, locals.locale, values);
		if (tooMany) return tooMany;
		const result = await organizations.invite(locals.supabase, {
			organizationId: params.id,
			...data,
			locale: locals.locale
		});
		return outcome(locals, result, 'org.invited', values);
	},
	role: async ({ request, locals, params }) => {
		const values = await readForm(request);
		const role = values.role;
		if (role !== 'owner' && role !== 'admin' && role !== 'organizer') {
			return fail(400, { message: translate(locals.locale, 'org.errors.role') });
		}
		const result = await organizations.changeRole(locals.supabase, {
			organizationId: params.id,
			userId: values.userId ?? '',
			role
		});
		return outcome(locals, result, 'org.roleChanged');
	},
	remove: async ({ request, locals, params }) => {
		const values = await readForm(request);
		const result = await organizations.removeMember(locals.supabase, {
			organizationId: params.id,
			userId: values.userId ?? ''
		});
		return outcome(locals, result, 'org.removed');
	}
};
