import { error, fail, redirect } from '@sveltejs/kit';
import { localizePath } from '$lib/i18n/locales';
import { translate } from '$lib/i18n/translate';
import * as activities from '$lib/server/activities';
import { isId } from '$lib/server/ids';
import { readForm } from '$lib/server/forms';
import { zonedToInstant } from '$lib/recurrence';
import type { Actions, PageServerLoad } from './$types';

async function mine(locals: App.Locals, id: string) {
	const activity = await activities.get(locals.supabase, id);
	if (!activity) error(404, 'Not found');
	return activity;
}

const reasonOk = (r: string | undefined) => !!r && r.trim().length >= 3 && r.length <= 500;

/** An activity as its organizers manage it: status, and every session. */
export const load: PageServerLoad = async ({ locals, params }) => {
	const activity = await mine(locals, params.id);
	return { activity, sessions: await activities.sessions(locals.supabase, activity.id) };
};

export const actions: Actions = {
	publish: async ({ locals, params }) => {
		await activities.setStatus(locals.supabase, (await mine(locals, params.id)).id, 'published');
		return { success: translate(locals.locale, 'activity.published') };
	},
	archive: async ({ locals, params }) => {
		await activities.setStatus(locals.supabase, (await mine(locals, params.id)).id, 'archived');
		return { success: translate(locals.locale, 'activity.archived') };
	},
	cancel: async ({ request, locals, params }) => {
		const values = await readForm(request);
		if (!reasonOk(values.reason))
			return fail(400, {
				errors: { reason: translate(locals.locale, 'activity.errors.reason') },
				values
			});
		await activities.setStatus(
			locals.supabase,
			(await mine(locals, params.id)).id,
			'cancelled',
			values.reason.trim()
		);
		return { success: translate(locals.locale, 'activity.cancelled') };
	},
	duplicate: async ({ locals, params }) => {
		const { activity } = await activities.duplicate(
			locals.supabase,
			await mine(locals, params.id),
			String(locals.claims!.sub)
		);
		if (!activity) return fail(400, { message: translate(locals.locale, 'auth.errors.generic') });
		redirect(303, localizePath(`/activities/${activity.id}`, locals.locale));
	},
	cancelSession: async ({ request, locals }) => {
		const values = await readForm(request);
		if (!isId(values.sessionId)) error(404, 'Not found');
		if (!reasonOk(values.reason)) {
			return fail(400, {
				sessionErrors: {
					[values.sessionId ?? '']: translate(locals.locale, 'activity.errors.reason')
				}
			});
		}
		await activities.cancelSession(locals.supabase, values.sessionId ?? '', values.reason.trim());
		return { success: translate(locals.locale, 'activity.sessionUpdated') };
	},
	moveSession: async ({ request, locals, params }) => {
		const activity = await mine(locals, params.id);
		const values = await readForm(request);
		if (!isId(values.sessionId)) error(404, 'Not found');
		if (
			!/^\d{4}-\d{2}-\d{2}$/.test(values.date ?? '') ||
			!/^\d{2}:\d{2}$/.test(values.time ?? '')
		) {
			return fail(400, {
				sessionErrors: {
					[values.sessionId ?? '']: translate(locals.locale, 'activity.errors.firstDate')
				}
			});
		}
		const startsAt = zonedToInstant(values.date, values.time, activity.timezone);
		const endsAt = new Date(startsAt.getTime() + activity.duration_minutes * 60_000);
		await activities.moveSession(locals.supabase, values.sessionId ?? '', startsAt, endsAt);
		return { success: translate(locals.locale, 'activity.sessionUpdated') };
	}
};
