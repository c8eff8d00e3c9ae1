import { error } from '@sveltejs/kit';
import { translate } from '$lib/i18n/translate';
import { signupCalendar } from '$lib/server/ical';
import * as signups from '$lib/server/signups';
import type { RequestHandler } from './$types';

/**
 * "Add to calendar" from the manage page: the sign-up's date as an .ics file, with the same UID
 * as the mails' files (a later change replaces it). Discreet: the title names no activity, and
 * the place is the address (or "online"), never a venue's name.
 */
export const GET: RequestHandler = async ({ locals, params }) => {
	const s = await signups.byToken(locals.supabase, params.token);
	if (!s || s.deleted || !s.starts_at || !s.ends_at) error(404, 'Not found');
	const t = (key: Parameters<typeof translate>[1]) => translate(locals.locale, key);
	const ics = signupCalendar({
		signupId: s.signup_id,
		startsAt: s.starts_at,
		endsAt: s.ends_at,
		timeZone: s.timezone,
		title: t('email.signupMail.calendarTitle'),
		location: s.online
			? t('email.signupMail.online')
			: [s.address ?? s.venue, s.city].filter(Boolean).join(', '),
		sequence: 0,
		method: s.status === 'cancelled' || s.session_status === 'cancelled' ? 'CANCEL' : 'PUBLISH',
		organizer: 'no-reply@sammen.invalid'
	});
	return new Response(ics, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': 'attachment; filename="sammen.ics"',
			'cache-control': 'no-store'
		}
	});
};
