import { error, fail, redirect } from '@sveltejs/kit';
import { localizePath } from '$lib/i18n/locales';
import { translate } from '$lib/i18n/translate';
import * as activities from '$lib/server/activities';
import { activityFields, formValues, preview, readActivityForm } from '$lib/server/activity-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const activity = await activities.get(locals.supabase, params.id);
	if (!activity) error(404, 'Not found');
	return { activity, values: formValues(activity) };
};

export const actions: Actions = {
	preview: async ({ request, locals }) => {
		const { form, values, failure } = await readActivityForm(request, locals.locale);
		if (!form) return failure;
		return { values, preview: preview(form, locals.locale) };
	},
	/** Saves the changes; sessions follow the new rule, hand-edited ones stay as they are. */
	save: async ({ request, locals, params }) => {
		const { form, values, failure } = await readActivityForm(request, locals.locale);
		if (!form) return failure;
		const refused = await activities.update(locals.supabase, params.id, activityFields(form));
		if (refused)
			return fail(refused.status, { values, message: translate(locals.locale, refused.error) });
		redirect(303, localizePath(`/activities/${params.id}`, locals.locale));
	}
};
