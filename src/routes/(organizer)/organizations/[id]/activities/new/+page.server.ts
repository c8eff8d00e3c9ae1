import { error, fail, redirect } from '@sveltejs/kit';
import { localizePath } from '$lib/i18n/locales';
import { translate } from '$lib/i18n/translate';
import * as activities from '$lib/server/activities';
import { activityFields, preview, readActivityForm } from '$lib/server/activity-form';
import * as organizations from '$lib/server/organizations';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const organization = await organizations.get(locals.supabase, params.id);
	if (!organization || !(await organizations.myRole(locals.supabase, organization.id)))
		error(404, 'Not found');
	return { organization };
};

export const actions: Actions = {
	/** Shows the dates the repeat rule gives, keeping everything typed (works without JavaScript). */
	preview: async ({ request, locals }) => {
		const { form, values, failure } = await readActivityForm(request, locals.locale);
		if (!form) return failure;
		return { values, preview: preview(form, locals.locale) };
	},
	save: async ({ request, locals, params }) => {
		const { form, values, failure } = await readActivityForm(request, locals.locale);
		if (!form) return failure;
		const created = await activities.create(locals.supabase, {
			organizationId: params.id,
			userId: String(locals.claims!.sub),
			fields: activityFields(form)
		});
		if (created.failure) {
			const { status, error: key } = created.failure;
			return fail(status, { values, message: translate(locals.locale, key) });
		}
		const { activity } = created;
		redirect(303, localizePath(`/activities/${activity.id}`, locals.locale));
	}
};
