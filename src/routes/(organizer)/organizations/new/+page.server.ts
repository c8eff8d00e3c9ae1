import { redirect } from '@sveltejs/kit';
import { localizePath } from '$lib/i18n/locales';
import * as organizations from '$lib/server/organizations';
import { formError, parse, readForm } from '$lib/server/forms';
import { organizationSchema } from '$lib/schemas/activity';
import type { Actions } from './$types';

export const actions: Actions = {
	/** Registers a pending organization with the organizer as its owner. */
	default: async ({ request, locals }) => {
		const values = await readForm(request);
		const { data, failure } = parse(organizationSchema, values, locals.locale);
		if (!data) return failure;
		const { organization, failure: refused } = await organizations.create(locals.supabase, data);
		if (refused) return formError(refused.status, refused.error, locals.locale, values);
		redirect(303, `${localizePath(`/organizations/${organization!.id}`, locals.locale)}?created=1`);
	}
};
