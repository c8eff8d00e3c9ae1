import { error, fail } from '@sveltejs/kit';
import { translate } from '$lib/i18n/translate';
import * as organizations from '$lib/server/organizations';
import { readForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

/** The platform admins' queue of organizations waiting for approval. */
export const load: PageServerLoad = async ({ locals }) => {
	if (!(await organizations.isPlatformAdmin(locals.supabase))) error(403, 'Forbidden');
	return { pending: await organizations.pending(locals.supabase) };
};

async function decide(locals: App.Locals, request: Request, status: 'approved' | 'suspended') {
	const values = await readForm(request);
	const failure = await organizations.setStatus(locals.supabase, values.id ?? '', status);
	if (failure) return fail(failure.status, { message: translate(locals.locale, failure.error) });
	return {
		success: translate(
			locals.locale,
			status === 'approved' ? 'admin.approved' : 'admin.suspended',
			{ name: values.name ?? '' }
		)
	};
}

export const actions: Actions = {
	approve: ({ locals, request }) => decide(locals, request, 'approved'),
	suspend: ({ locals, request }) => decide(locals, request, 'suspended')
};
