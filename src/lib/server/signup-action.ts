import { fail, type RequestEvent } from '@sveltejs/kit';
import { localizePath } from '$lib/i18n/locales';
import { translate } from '$lib/i18n/translate';
import { signupSchema } from '$lib/schemas/signup';
import * as activities from './activities';
import { keep, limited, parse, readForm } from './forms';
import * as signups from './signups';

/**
 * The activity page's sign-up action: read → limit → parse → sign up. Answers with the outcome
 * for the confirmation (and the manage link when no e-mail was given), or a 4xx with translated
 * errors and everything typed kept.
 */
export async function signupAction(event: RequestEvent<{ id: string }>) {
	const { request, locals, params, getClientAddress } = event;
	const values = await readForm(request);
	const tooMany = await limited([['signup', getClientAddress()]], locals.locale, values);
	if (tooMany) return tooMany;
	const { data: form, failure } = parse(signupSchema, values, locals.locale);
	if (!form) return failure;
	const activity = await activities.get(locals.supabase, params.id);
	if (!activity)
		return fail(404, {
			values: keep(values),
			message: translate(locals.locale, 'signup.errors.session')
		});
	const series = activity.signup_mode === 'whole_series';
	if (!series && !form.sessionId)
		return fail(400, {
			values: keep(values),
			errors: { sessionId: translate(locals.locale, 'signup.errors.session') }
		});
	const result = await signups.signUp(locals.supabase, {
		activityId: activity.id,
		sessionId: series ? null : (form.sessionId ?? null),
		form,
		locale: locals.locale
	});
	if (result.failure)
		return fail(result.failure.status, {
			values: keep(values),
			message: translate(locals.locale, result.failure.error)
		});
	return {
		signedUp: {
			status: result.status,
			position: result.position,
			mailed: form.email !== '',
			// Without an e-mail the page is the only place the link is ever shown.
			link: form.email
				? null
				: `${event.url.origin}${localizePath(`/signup/${result.token}`, locals.locale)}`
		}
	};
}
