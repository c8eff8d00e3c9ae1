import { error, fail } from '@sveltejs/kit';
import { translate } from '$lib/i18n/translate';
import type { MessageKey } from '$lib/i18n/messages';
import * as signupsAdmin from '$lib/server/signups-admin';
import type { Failure } from '$lib/server/failure';
import { keep, parse, readForm } from '$lib/server/forms';
import { attendanceSchema, messageSchema, signupSchema } from '$lib/schemas/attendees';
import type { Actions, PageServerLoad } from './$types';

/**
 * The people signed up for one session (`series` for a whole series), for check-in at the door.
 * - `counts`: confirmed, waiting and volunteers — any organizer of the activity sees these.
 * - `attendees`: names and contacts, grouped (participants, waiting list, volunteers apart,
 *   cancelled), only in a session confirmed with an authenticator; null otherwise, and the page
 *   explains why. Each load with names is written to the organization's read log.
 * Anyone who does not organize the activity gets 404, as if it were not there.
 */
export const load: PageServerLoad = async ({ locals, params }) => {
	const scope = await signupsAdmin.getScope(locals.supabase, {
		activityId: params.id,
		sessionKey: params.sessionId
	});
	if (!scope) error(404, 'Not found');
	const counts = await signupsAdmin.countSignups(locals.supabase, {
		activityId: scope.activity.id
	});
	if ('error' in counts) error(404, 'Not found');
	const list =
		locals.claims?.aal === 'aal2'
			? await signupsAdmin.listAttendees(locals.supabase, {
					activityId: scope.activity.id,
					sessionId: scope.sessionId,
					purpose: 'list'
				})
			: null;
	if (list && 'error' in list && list.error !== 'attendees.errors.aal2')
		error(list.status, 'Refused');
	const { id, title, timezone } = scope.activity;
	return {
		activity: { id, title, timezone },
		session: scope.session,
		sessionKey: params.sessionId,
		counts: counts.data[scope.sessionId ?? signupsAdmin.SERIES] ?? signupsAdmin.NO_COUNTS,
		attendees: list && 'data' in list ? signupsAdmin.groupAttendees(list.data) : null
	};
};

/** A write's answer: its failure's translated reason, or the success message. */
function outcome(locals: App.Locals, failure: Failure | null, success: MessageKey) {
	if (failure) return fail(failure.status, { message: translate(locals.locale, failure.error) });
	return { success: translate(locals.locale, success) };
}

/** A sign-up's id from the form, or a 404 answer for anything that is not one. */
async function signupFrom(request: Request, locals: App.Locals) {
	const result = signupSchema.safeParse(await readForm(request));
	if (result.success) return { signupId: result.data.signupId, refused: null };
	return {
		signupId: '',
		refused: outcome(locals, { status: 404, error: 'error.notFound' }, 'error.notFound')
	};
}

// Each action is checked again by the database (membership of the sign-up's organization and a
// second factor, in update_signup and message_signups); a change that did not happen is a failure.
export const actions: Actions = {
	attendance: async ({ request, locals }) => {
		const result = attendanceSchema.safeParse(await readForm(request));
		if (!result.success)
			return outcome(
				locals,
				{ status: 400, error: 'attendees.errors.unchanged' },
				'error.notFound'
			);
		const { signupId, status } = result.data;
		const failure = await signupsAdmin.changeSignup(locals.supabase, { signupId, change: status });
		return outcome(locals, failure, 'attendees.attendanceSaved');
	},
	remove: async ({ request, locals }) => {
		const { signupId, refused } = await signupFrom(request, locals);
		if (refused) return refused;
		const failure = await signupsAdmin.changeSignup(locals.supabase, {
			signupId,
			change: 'remove'
		});
		return outcome(locals, failure, 'attendees.removed');
	},
	promote: async ({ request, locals }) => {
		const { signupId, refused } = await signupFrom(request, locals);
		if (refused) return refused;
		const failure = await signupsAdmin.changeSignup(locals.supabase, {
			signupId,
			change: 'promote'
		});
		return outcome(locals, failure, 'attendees.promoted');
	},
	message: async ({ request, locals, params }) => {
		const sessionId = signupsAdmin.sessionOf(params.sessionId);
		if (sessionId === undefined)
			return outcome(locals, { status: 404, error: 'error.notFound' }, 'error.notFound');
		const values = await readForm(request);
		const { data, failure } = parse(messageSchema, values, locals.locale);
		if (!data) return failure;
		const refused = await signupsAdmin.messageSignups(locals.supabase, {
			activityId: params.id,
			sessionId,
			...data
		});
		if (refused)
			return fail(refused.status, {
				values: keep(values),
				message: translate(locals.locale, refused.error)
			});
		return { success: translate(locals.locale, 'attendees.message.sent') };
	}
};
