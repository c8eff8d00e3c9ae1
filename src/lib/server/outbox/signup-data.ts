import { z } from 'zod';
import { longDate, timeRange } from '$lib/components/sessions/when';
import type { Locale } from '$lib/i18n/locales';
import { translate } from '$lib/i18n/translate';

const text = z.string().nullish();
const instant = z.iso.datetime({ offset: true }).nullish();

/**
 * A sign-up e-mail's data as `private.mail_data` builds it, plus each template's extras
 * (token; reason, old_starts_at and sequence of a session change; subject and body of a message).
 */
const mailData = z.object({
	activity: z.string().min(1),
	organization: z.string().min(1),
	// Anything but an explicit false is discreet: neutral wording is the default.
	discreet: z.unknown().transform((v) => v !== false),
	signup_id: z.string().min(1),
	starts_at: instant,
	ends_at: instant,
	timezone: z.string().min(1).catch('Europe/Oslo'),
	venue: text,
	address: text,
	city: text,
	online: z.boolean().nullish(),
	series: z.boolean().nullish(),
	status: text,
	role: text,
	name: text,
	token: z.string().min(1).optional(),
	reason: text,
	old_starts_at: instant,
	sequence: z.number().int().min(0).max(2_147_483_647).catch(0),
	subject: text,
	body: text
});

export type SignupMailData = z.infer<typeof mailData>;

/** Parses the row's data; an error names the field, never its value (which may be a token). */
export function parseMailData(data: Record<string, unknown>): SignupMailData {
	const parsed = mailData.safeParse(data);
	if (!parsed.success) {
		const paths = parsed.error.issues.map((issue) => `data.${issue.path.join('.')}`);
		throw new Error(`render: ${[...new Set(paths)].join(', ')} invalid`);
	}
	return parsed.data;
}

/** "tirsdag 14. januar 2026 kl. 18.00–19.30", in the activity's time zone. */
export function formatWhen(
	locale: Locale,
	timeZone: string,
	startsAt: string,
	endsAt?: string | null
): string {
	const time = timeRange(startsAt, endsAt ?? startsAt, locale, timeZone);
	return translate(locale, 'email.signupMail.when', {
		date: longDate(startsAt, locale, timeZone),
		// Without an end (a moved session's old time) only the start is known.
		time: endsAt ? time : time.split('–')[0]
	});
}

/** Where, for the e-mail body: venue, address and city, or "online". */
export function formatWhere(locale: Locale, d: SignupMailData): string {
	if (d.online) return translate(locale, 'email.signupMail.online');
	return place([d.venue, d.address], d.city);
}

/** The parts joined, without the city when the address already ends with it ("0184 Oslo"). */
function place(parts: (string | null | undefined)[], city?: string | null): string {
	const named = parts.filter((p): p is string => !!p);
	const last = named.at(-1)?.toLowerCase() ?? '';
	if (city && !last.endsWith(city.toLowerCase())) named.push(city);
	return named.join(', ');
}

/**
 * Where, for a calendar entry. A calendar is seen by more people than an inbox (a shared or work
 * calendar, a lock-screen widget), and a venue's name can say what the activity is ("… rusfri
 * møteplass"), so a discreet entry gives the address alone when it has one.
 */
export function calendarLocation(locale: Locale, d: SignupMailData): string {
	if (d.online) return translate(locale, 'email.signupMail.online');
	return place(d.discreet && d.address ? [d.address] : [d.venue, d.address], d.city);
}
