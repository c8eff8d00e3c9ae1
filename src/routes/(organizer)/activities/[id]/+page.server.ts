import { error, fail, redirect } from '@sveltejs/kit';
import { localizePath } from '$lib/i18n/locales';
import { translate } from '$lib/i18n/translate';
import type { MessageKey } from '$lib/i18n/messages';
import * as activities from '$lib/server/activities';
import * as signupsAdmin from '$lib/server/signups-admin';
import type { Failure } from '$lib/server/failure';
import { readForm } from '$lib/server/forms';
import { zonedToInstant } from '$lib/recurrence';
import type { Actions, PageServerLoad } from './$types';

/** The activity in the URL, as the caller may see it (RLS), or 404. */
async function mine(locals: App.Locals, id: string) {
	const activity = await activities.get(locals.supabase, id);
	if (!activity) error(404, 'Not found');
	return activity;
}

const reasonOk = (r: string | undefined) => !!r && r.trim().length >= 3 && r.length <= 500;

/** The answer to a write: its failure with the translated reason, or the success message. */
function outcome(locals: App.Locals, failure: Failure | null, success: MessageKey) {
	if (failure) return fail(failure.status, { message: translate(locals.locale, failure.error) });
	return { success: translate(locals.locale, success) };
}

/** The answer to a session write: its failure beside that session, or the success message. */
function sessionOutcome(locals: App.Locals, sessionId: string, failure: Failure | null) {
	if (!failure) return { success: translate(locals.locale, 'activity.sessionUpdated') };
	return fail(failure.status, {
		sessionErrors: { [sessionId]: translate(locals.locale, failure.error) }
	});
}

/**
 * An activity as its organizers manage it: status, every session, and sign-up counts per
 * session (`series` for a whole series; empty for anyone who does not organize it).
 */
export const load: PageServerLoad = async ({ locals, params }) => {
	const activity = await mine(locals, params.id);
	const counts = await signupsAdmin.countSignups(locals.supabase, { activityId: activity.id });
	return {
		activity,
		sessions: await activities.sessions(locals.supabase, activity.id),
		signupCounts: 'data' in counts ? counts.data : null
	};
};

export const actions: Actions = {
	publish: async ({ locals, params }) => {
		const { id } = await mine(locals, params.id);
		return outcome(
			locals,
			await activities.setStatus(locals.supabase, id, 'published'),
			'activity.published'
		);
	},
	archive: async ({ locals, params }) => {
		const { id } = await mine(locals, params.id);
		return outcome(
			locals,
			await activities.setStatus(locals.supabase, id, 'archived'),
			'activity.archived'
		);
	},
	cancel: async ({ request, locals, params }) => {
		const { id } = await mine(locals, params.id);
		const values = await readForm(request);
		if (!reasonOk(values.reason))
			return fail(400, {
				errors: { reason: translate(locals.locale, 'activity.errors.reason') },
				values
			});
		const failure = await activities.setStatus(
			locals.supabase,
			id,
			'cancelled',
			values.reason.trim()
		);
		return outcome(locals, failure, 'activity.cancelled');
	},
	duplicate: async ({ locals, params }) => {
		const { activity, failure } = await activities.duplicate(
			locals.supabase,
			await mine(locals, params.id),
			String(locals.claims!.sub)
		);
		if (failure) return fail(failure.status, { message: translate(locals.locale, failure.error) });
		redirect(303, localizePath(`/activities/${activity.id}`, locals.locale));
	},
	cancelSession: async ({ request, locals, params }) => {
		const { id } = await mine(locals, params.id);
		const values = await readForm(request);
		const sessionId = values.sessionId ?? '';
		if (!reasonOk(values.reason)) {
			return fail(400, {
				sessionErrors: { [sessionId]: translate(locals.locale, 'activity.errors.reason') }
			});
		}
		const failure = await activities.cancelSession(locals.supabase, {
			activityId: id,
			sessionId,
			reason: values.reason.trim()
		});
		return sessionOutcome(locals, sessionId, failure);
	},
	moveSession: async ({ request, locals, params }) => {
		const activity = await mine(locals, params.id);
		const values = await readForm(request);
		const sessionId = values.sessionId ?? '';
		if (
			!/^\d{4}-\d{2}-\d{2}$/.test(values.date ?? '') ||
			!/^\d{2}:\d{2}$/.test(values.time ?? '')
		) {
			return fail(400, {
				sessionErrors: { [sessionId]: translate(locals.locale, 'activity.errors.firstDate') }
			});
		}
		const startsAt = zonedToInstant(values.date, values.time, activity.timezone);
		const endsAt = new Date(startsAt.getTime() + activity.duration_minutes * 60_000);
		const failure = await activities.moveSession(locals.supabase, {
			activityId: activity.id,
			sessionId,
			startsAt,
			endsAt
		});
		return sessionOutcome(locals, sessionId, failure);
	}
};
