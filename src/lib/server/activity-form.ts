import { fail } from '@sveltejs/kit';
import type { Locale } from '$lib/i18n/locales';
import { describeRule, expand, parseRRule } from '$lib/recurrence';
import { formatWhen } from '$lib/format';
import { fieldErrors } from '$lib/schemas/errors';
import { formData } from './forms';
import {
	activityFields,
	activitySchema,
	activityValues,
	ruleOf,
	type ActivityForm
} from '$lib/schemas/activity';

/** Parses the activity form; a 400 with translated errors and every value kept otherwise. */
export async function readActivityForm(request: Request, locale: Locale) {
	const values = activityValues(await formData(request));
	const result = activitySchema.safeParse(values);
	if (!result.success) {
		return {
			form: null,
			values,
			failure: fail(400, { values, errors: fieldErrors(result.error, locale) })
		};
	}
	return { form: result.data, values, failure: null };
}

/** The first dates the rule gives, and its description, for the form's preview. */
export function preview(form: ActivityForm, locale: Locale, timeZone = 'Europe/Oslo') {
	const rule = ruleOf(form);
	const dates = expand({
		rule,
		firstDate: form.first_date,
		startTime: form.start_time,
		durationMinutes: form.duration_minutes,
		timeZone,
		until: new Date(Date.now() + 400 * 24 * 3600_000),
		limit: 12
	}).map((o) => formatWhen(o.startsAt.toISOString(), locale, timeZone));
	const description = rule
		? describeRule(rule, { locale, timeZone, startTime: form.start_time })
		: null;
	return { description, dates };
}

export { activityFields };

/** An activity's columns as the form's values (the rule back into its repeat fields). */
export function formValues(activity: {
	title: string;
	slug: string;
	summary: string;
	description: string;
	category: string;
	venue: string | null;
	address: string | null;
	city: string | null;
	online: boolean;
	first_date: string;
	start_time: string;
	duration_minutes: number;
	rrule: string | null;
	capacity: number | null;
	timezone: string;
	attributes: string[];
	signup_mode: string;
	waitlist: boolean;
	helper_places: number;
	signup_opens_days_before: number | null;
	signup_closes_hours_before: number;
}): Record<string, unknown> {
	const values: Record<string, unknown> = {
		...activity,
		venue: activity.venue ?? '',
		address: activity.address ?? '',
		city: activity.city ?? '',
		online: activity.online ? 'on' : '',
		start_time: activity.start_time.slice(0, 5),
		duration_minutes: String(activity.duration_minutes),
		capacity: activity.capacity ? String(activity.capacity) : '',
		waitlist: activity.waitlist ? 'on' : '',
		helper_places: String(activity.helper_places),
		signup_opens_days_before:
			activity.signup_opens_days_before === null ? '' : String(activity.signup_opens_days_before),
		signup_closes_hours_before: String(activity.signup_closes_hours_before),
		repeat: 'none',
		weekdays: [],
		end: 'never'
	};
	if (!activity.rrule) return values;
	const rule = parseRRule(activity.rrule, activity.timezone);
	if (rule.freq === 'weekly') {
		values.repeat = rule.interval === 2 ? 'biweekly' : 'weekly';
		values.weekdays = rule.weekdays;
	} else {
		values.repeat = 'monthly';
		values.nth = String(rule.nth);
		values.weekday = rule.weekday;
	}
	values.end = rule.end.type;
	if (rule.end.type === 'until') values.until = rule.end.date;
	if (rule.end.type === 'count') values.count = String(rule.end.count);
	return values;
}
