import { z } from 'zod';
import { slugify } from './slugify';
import { toRRule, type RecurrenceRule, type Weekday } from '$lib/recurrence';

const slug = (max: number, key: string) =>
	z
		.string()
		.trim()
		.regex(new RegExp(`^(?=.{2,${max}}$)[a-z0-9]+(-[a-z0-9]+)*$`), { error: key });
const optionalText = (max: number, key: string) =>
	z
		.string()
		.trim()
		.max(max, { error: key })
		.transform((v) => v || null);

export const CATEGORIES = [
	'sport',
	'outdoor',
	'course',
	'dialogue_group',
	'culture_creative',
	'social_meals',
	'volunteering',
	'work_study'
] as const;
export const ATTRIBUTES = [
	'substance_free',
	'free_of_charge',
	'women_only',
	'youth',
	'families',
	'wheelchair_accessible',
	'beginners_welcome',
	'no_sharing_required',
	'drop_in',
	'english_spoken'
] as const;
export const SIGNUP_MODES = ['none', 'per_session', 'whole_series'] as const;
const wholeNumber = (max: number, key: string) =>
	z
		.string()
		.trim()
		.regex(/^\d*$/, { error: key })
		.transform((v) => (v ? Number(v) : null))
		.refine((v) => v === null || v <= max, { error: key });
export const KINDS = ['user_organization', 'ngo', 'public_service', 'treatment_facility'] as const;
const WEEKDAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

export const organizationSchema = z.object({
	name: z
		.string()
		.trim()
		.min(2, { error: 'org.errors.name' })
		.max(120, { error: 'org.errors.name' }),
	slug: slug(60, 'org.errors.slug'),
	kind: z.enum(KINDS, { error: 'org.errors.kind' }),
	description: z.string().trim().max(5000, { error: 'org.errors.description' }),
	city: optionalText(80, 'org.errors.city')
});

export const inviteSchema = z.object({
	email: z
		.string()
		.trim()
		.pipe(z.email({ error: 'org.errors.email' })),
	role: z.enum(['admin', 'organizer'], { error: 'org.errors.role' })
});

/**
 * The activity form. Repeating is chosen with plain fields (kind, weekdays, week of the month,
 * end), which become an RRULE; the form data arrives as strings (and `weekdays` as a list).
 */
export const activitySchema = z
	.object({
		title: z
			.string()
			.trim()
			.min(3, { error: 'activity.errors.title' })
			.max(120, { error: 'activity.errors.title' }),
		slug: slug(80, 'activity.errors.slug'),
		summary: z.string().trim().max(300, { error: 'activity.errors.summary' }),
		description: z.string().max(10_000, { error: 'activity.errors.description' }),
		category: z.enum(CATEGORIES, { error: 'activity.errors.category' }),
		attributes: z.array(z.enum(ATTRIBUTES)).default([]),
		signup_mode: z.enum(SIGNUP_MODES).default('per_session'),
		waitlist: z
			.string()
			.optional()
			.transform((v) => v === 'on' || v === 'true'),
		helper_places: wholeNumber(100, 'activity.errors.helpers').transform((v) => v ?? 0),
		signup_opens_days_before: wholeNumber(365, 'activity.errors.window'),
		signup_closes_hours_before: wholeNumber(720, 'activity.errors.window').transform((v) => v ?? 0),
		venue: optionalText(120, 'activity.errors.place'),
		address: optionalText(200, 'activity.errors.place'),
		city: optionalText(80, 'activity.errors.place'),
		online: z
			.string()
			.optional()
			.transform((v) => v === 'on' || v === 'true'),
		first_date: z.iso.date({ error: 'activity.errors.firstDate' }),
		// 18:30 as a time field sends it, or 18.30 and 9.30 as people write it in Norwegian.
		start_time: z
			.string()
			.trim()
			.regex(/^([01]?\d|2[0-3])[:.][0-5]\d$/, { error: 'activity.errors.startTime' })
			.transform((v) => v.replace('.', ':').padStart(5, '0')),
		duration_minutes: z.coerce
			.number({ error: 'activity.errors.duration' })
			.int({ error: 'activity.errors.duration' })
			.min(5, { error: 'activity.errors.duration' })
			.max(1440, { error: 'activity.errors.duration' }),
		repeat: z.enum(['none', 'weekly', 'biweekly', 'monthly']).default('none'),
		weekdays: z.array(z.enum(WEEKDAY_CODES)).default([]),
		nth: z.enum(['1', '2', '3', '4', '-1']).default('1'),
		weekday: z.enum(WEEKDAY_CODES).default('TU'),
		end: z.enum(['never', 'until', 'count']).default('never'),
		until: z.string().default(''),
		count: z.string().default(''),
		capacity: z
			.string()
			.trim()
			.regex(/^\d*$/, { error: 'activity.errors.capacity' })
			.transform((v) => (v ? Number(v) : null))
			.refine((v) => v === null || v > 0, { error: 'activity.errors.capacity' })
	})
	.superRefine((v, ctx) => {
		if (!v.online && !v.venue && !v.address)
			ctx.addIssue({ code: 'custom', path: ['venue'], message: 'activity.errors.place' });
		if ((v.repeat === 'weekly' || v.repeat === 'biweekly') && v.weekdays.length === 0) {
			ctx.addIssue({ code: 'custom', path: ['weekdays'], message: 'activity.errors.weekdays' });
		}
		if (
			v.repeat !== 'none' &&
			v.end === 'until' &&
			!(/^\d{4}-\d{2}-\d{2}$/.test(v.until) && v.until >= v.first_date)
		) {
			ctx.addIssue({ code: 'custom', path: ['until'], message: 'activity.errors.until' });
		}
		if (
			v.repeat !== 'none' &&
			v.end === 'count' &&
			!(/^\d+$/.test(v.count) && +v.count >= 1 && +v.count <= 200)
		) {
			ctx.addIssue({ code: 'custom', path: ['count'], message: 'activity.errors.count' });
		}
	});

export type ActivityForm = z.infer<typeof activitySchema>;

/** The repeat fields as a recurrence rule (null for a single date). */
export function ruleOf(form: ActivityForm): RecurrenceRule | null {
	if (form.repeat === 'none') return null;
	const end: RecurrenceRule['end'] =
		form.end === 'until'
			? { type: 'until', date: form.until }
			: form.end === 'count'
				? { type: 'count', count: Number(form.count) }
				: { type: 'never' };
	if (form.repeat === 'monthly') {
		return {
			freq: 'monthly',
			nth: Number(form.nth) as 1 | 2 | 3 | 4 | -1,
			weekday: form.weekday as Weekday,
			end
		};
	}
	return {
		freq: 'weekly',
		interval: form.repeat === 'biweekly' ? 2 : 1,
		weekdays: form.weekdays as Weekday[],
		end
	};
}

/** The form as the activity's columns. */
export function activityFields(form: ActivityForm, timeZone = 'Europe/Oslo') {
	const rule = ruleOf(form);
	return {
		title: form.title,
		slug: form.slug,
		summary: form.summary,
		description: form.description,
		category: form.category,
		attributes: form.attributes,
		signup_mode: form.signup_mode,
		waitlist: form.waitlist,
		helper_places: form.helper_places,
		signup_opens_days_before: form.signup_opens_days_before,
		signup_closes_hours_before: form.signup_closes_hours_before,
		venue: form.venue,
		address: form.address,
		city: form.city,
		online: form.online,
		first_date: form.first_date,
		start_time: form.start_time,
		duration_minutes: form.duration_minutes,
		rrule: rule ? toRRule(rule, timeZone) : null,
		capacity: form.capacity,
		timezone: timeZone
	};
}

/** Form values from a submitted FormData, with `weekdays` as a list. */
export function activityValues(data: FormData): Record<string, unknown> {
	const values: Record<string, unknown> = {};
	for (const [k, v] of data)
		if (typeof v === 'string' && k !== 'weekdays' && k !== 'attributes') values[k] = v;
	values.weekdays = data.getAll('weekdays').filter((v) => typeof v === 'string');
	values.attributes = data.getAll('attributes').filter((v) => typeof v === 'string');
	// The short name is made from the title when left empty (it stays editable).
	if (!String(values.slug ?? '').trim() && typeof values.title === 'string')
		values.slug = slugify(values.title, 80);
	return values;
}
