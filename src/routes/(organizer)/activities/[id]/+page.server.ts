import { error, fail, redirect } from '@sveltejs/kit';
import { localizePath } from '$lib/i18n/locales';
import { translate } from '$lib/i18n/translate';
import type { MessageKey } from '$lib/i18n/messages';
import * as activities from '$lib/server/activities';
import * as organizations from '$lib/server/organizations';
import * as signupsAdmin from '$lib/server/signups-admin';
import type { Failure } from '$lib/server/failure';
import { readForm } from '$lib/server/forms';
import { isId } from '$lib/server/ids';
import { zonedToInstant } from '$lib/recurrence';
import { parseDate } from '$lib/recurrence/dates';
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

/**
 * A failed session write: the message beside that session; for a value that is no id at all, a
 * message for the page (a forged `__proto__` as a key made the answer unserializable: a 500
 * found by tests/fuzz).
 */
function sessionFailure(
	locals: App.Locals,
	sessionId: string,
	status: Failure['status'],
	key: MessageKey
) {
	const message = translate(locals.locale, key);
	if (!isId(sessionId)) return fail(status, { message });
	return fail(status, { sessionErrors: { [sessionId]: message } });
}

/** The answer to a session write: its failure beside that session, or the success message. */
function sessionOutcome(locals: App.Locals, sessionId: string, failure: Failure | null) {
	if (!failure) return { success: translate(locals.locale, 'activity.sessionUpdated') };
	return sessionFailure(locals, sessionId, failure.status, failure.error);
}

/**
 * An activity as its organizers manage it.
 * - `activity`, `organization`: the details, and the organization (for the way back, and for an
 *   honest state: a pending organization's activities are not public yet).
 * - `schedule`: the repeat rule in words ("every Tuesday 18.00"), or null for one date.
 * - `sessions`: the coming dates (past ones stay in the database for the counts).
 * - `signupCounts`: sign-up counts per session (`series` for a whole series).
 */
export const load: PageServerLoad = async ({ locals, params }) => {
	const activity = await mine(locals, params.id);
	const [counts, organization, sessions] = await Promise.all([
		signupsAdmin.countSignups(locals.supabase, { activityId: activity.id }),
		organizations.get(locals.supabase, activity.organization_id),
		activities.sessions(locals.supabase, activity.id)
	]);
	if (!organization) error(404, 'Not found');
	const now = Date.now();
	return {
		activity,
		organization: { id: organization.id, name: organization.name, status: organization.status },
		schedule: activities.scheduleOf(activity, locals.locale),
		sessions: sessions.filter((s) => Date.parse(s.ends_at) > now),
		signupCounts: 'data' in counts ? counts.data : null
	};
};

export const actions: Actions = {
	publish: async ({ locals, params }) => {
		const activity = await mine(locals, params.id);
		const organization = await organizations.get(locals.supabase, activity.organization_id);
		// Honest about what the public sees: nothing, until the organization is approved.
		const said =
			organization?.status === 'approved' ? 'activity.published' : 'activity.publishedPending';
		return outcome(
			locals,
			await activities.setStatus(locals.supabase, activity.id, 'published'),
			said
		);
	},
	/** Brings an archived activity back as a draft, to check and publish again. */
	restore: async ({ locals, params }) => {
		const { id } = await mine(locals, params.id);
		return outcome(
			locals,
			await activities.setStatus(locals.supabase, id, 'draft'),
			'activity.restored'
		);
	},
	/** Archives the whole activity — only with the confirmation the dialog (or its page) sends. */
	archive: async ({ request, locals, params }) => {
		const { id } = await mine(locals, params.id);
		if ((await readForm(request)).confirm !== 'yes')
			return fail(400, {
				archiveConfirm: true,
				message: translate(locals.locale, 'activity.archiveIntro')
			});
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
		if (!reasonOk(values.reason))
			return sessionFailure(locals, sessionId, 400, 'activity.errors.reason');
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
		if (parseDate(values.date) === null || !/^([01]\d|2[0-3]):[0-5]\d$/.test(values.time ?? ''))
			return sessionFailure(locals, sessionId, 400, 'activity.errors.firstDate');
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
