import { error, fail, redirect } from '@sveltejs/kit';
import { localizePath } from '$lib/i18n/locales';
import { translate } from '$lib/i18n/translate';
import * as organizations from '$lib/server/organizations';
import { formData, keep } from '$lib/server/forms';
import { fieldErrors } from '$lib/schemas/errors';
import { organizationSettingsSchema, settingsInput } from '$lib/schemas/organization';
import type { Actions, PageServerLoad } from './$types';

/**
 * The organization's settings, for its owners and admins (others get 403, strangers 404).
 * - `organization`: the row as saved (the form's initial values).
 * - `saved`: the settings were just saved (after the 303).
 */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const organization = await organizations.get(locals.supabase, params.id);
	const role = organization ? await organizations.myRole(locals.supabase, organization.id) : null;
	if (!organization || !role) error(404, 'Not found');
	if (role === 'organizer') error(403, 'Forbidden');
	return { organization, saved: url.searchParams.has('saved') };
};

export const actions: Actions = {
	/** Saves every setting at once; Row Level Security decides who may (owners and admins). */
	default: async ({ request, locals, params }) => {
		const input = settingsInput(await formData(request));
		const values = keep(
			Object.fromEntries(Object.entries(input).filter(([, v]) => typeof v === 'string')) as Record<
				string,
				string
			>
		);
		const approaches = input.approaches as string[];
		const parsed = organizationSettingsSchema.safeParse(input);
		if (!parsed.success)
			return fail(400, { values, approaches, errors: fieldErrors(parsed.error, locals.locale) });
		const failure = await organizations.updateSettings(locals.supabase, {
			organizationId: params.id,
			settings: parsed.data
		});
		if (failure)
			return fail(failure.status, {
				values,
				approaches,
				message: translate(locals.locale, failure.error)
			});
		redirect(303, `${localizePath(`/organizations/${params.id}/settings`, locals.locale)}?saved=1`);
	}
};
