import type { Locale } from '$lib/i18n/locales';
import type { MessageKey } from '$lib/i18n/messages';
import { translate } from '$lib/i18n/translate';
import { signupCalendar } from '../ical';
import { escapeHtml, htmlDocument, oneLine, paragraph } from './html';
import type { MailAttachment, OutboxRow, RenderedMail, RenderOptions } from './render';
import {
	calendarLocation,
	formatWhen,
	formatWhere,
	parseMailData,
	type SignupMailData
} from './signup-data';

/**
 * What each template says and carries. `manage`: the link (only the first mails hold the token)
 * or a pointer to it; `calendar`: the iTIP method of its .ics, sent only to those who hold a place.
 */
const TEMPLATES = {
	signup_confirmed: { key: 'signupConfirmed', manage: 'link', calendar: 'REQUEST' },
	// No calendar entry for a place not held: promotion sends one.
	signup_waitlisted: { key: 'signupWaitlisted', manage: 'link', calendar: null },
	signup_promoted: { key: 'signupPromoted', manage: 'earlier', calendar: 'REQUEST' },
	signup_reminder: { key: 'signupReminder', manage: 'earlier', calendar: null },
	session_cancelled: { key: 'sessionCancelled', manage: null, calendar: 'CANCEL' },
	session_moved: { key: 'sessionMoved', manage: 'earlier', calendar: 'REQUEST' },
	organizer_message: { key: 'organizerMessage', manage: 'earlier', calendar: null }
} as const;

export type SignupTemplate = keyof typeof TEMPLATES;

export function isSignupTemplate(template: string): template is SignupTemplate {
	return Object.hasOwn(TEMPLATES, template);
}

/** The manage page of a sign-up, in the language the sign-up was made in. */
export function manageLink(siteUrl: string, locale: Locale, token: string): string {
	const base = siteUrl.replace(/\/+$/, '');
	return `${base}${locale === 'en' ? '/en' : ''}/signup/${encodeURIComponent(token)}`;
}

type Part = string | { link: string; label: string; intro: string; copy: string };

/**
 * Renders a sign-up's e-mail. Discreet (the default): the subject and the calendar title never
 * name the activity or the organization (a lock screen shows them); the body may.
 */
export function renderSignupMail(
	row: { template: SignupTemplate; locale: Locale; data: OutboxRow['data']; to_email?: string },
	siteUrl: string,
	options: Required<RenderOptions>
): RenderedMail {
	const { template, locale } = row;
	const spec = TEMPLATES[template];
	const d = parseMailData(row.data);
	const values = { activity: d.activity, organization: d.organization };
	const t = (key: string, extra: Record<string, string> = {}) =>
		translate(locale, key as MessageKey, { ...values, ...extra });
	const own = (name: string, extra?: Record<string, string>) =>
		t(`email.${spec.key}.${name}`, extra);
	const when = d.starts_at ? formatWhen(locale, d.timezone, d.starts_at, d.ends_at) : '';

	// A lock screen shows the subject: it never names the activity or the organization (nor does
	// an organizer's own subject, which opens the body instead), discreet or not (LANGUAGE.md).
	const subject = oneLine(own('subject'));

	const parts: Part[] = [];
	if (d.name) parts.push(t('email.signupMail.greeting', { name: d.name }));
	if (template === 'session_cancelled') {
		parts.push(own('intro', { when }));
		if (d.reason) parts.push(own('reason', { reason: d.reason }));
	} else if (template === 'organizer_message') {
		parts.push(own('intro', { when }));
		if (d.subject) parts.push(d.subject);
		// The organizer's own text, as written: plain text, paragraphs at blank lines.
		parts.push(...(d.body ?? '').replace(/\r\n?/g, '\n').split(/\n{2,}/));
	} else {
		parts.push(own('intro'));
		if (template === 'signup_waitlisted') parts.push(own('note'));
		if (d.series) parts.push(t('email.signupMail.series'));
		if (d.role === 'helper') parts.push(t('email.signupMail.helper'));
		const where = formatWhere(locale, d);
		const lines = [
			when && template === 'session_moved' && d.old_starts_at
				? `${own('before', { when: formatWhen(locale, d.timezone, d.old_starts_at) })}\n${own('after', { when })}`
				: when && t(`email.signupMail.${d.series ? 'firstDateLabel' : 'whenLabel'}`, { when }),
			where && t('email.signupMail.whereLabel', { where })
		];
		if (lines.some(Boolean)) parts.push(lines.filter(Boolean).join('\n'));
	}

	const attachments: MailAttachment[] = [];
	const method = spec.calendar;
	// A sign-up to a whole series has one date here, not all: the file would mislead.
	const holdsPlace = template.startsWith('signup_') || d.status === 'confirmed';
	if (method && holdsPlace && !d.series && d.starts_at && d.ends_at) {
		attachments.push({
			filename: 'sammen.ics',
			contentType: `text/calendar; method=${method}; charset=utf-8`,
			content: signupCalendar({
				signupId: d.signup_id,
				startsAt: d.starts_at,
				endsAt: d.ends_at,
				timeZone: d.timezone,
				title: d.discreet ? t('email.signupMail.calendarTitle') : oneLine(d.activity),
				description: d.discreet ? undefined : `${d.activity}\n${d.organization}`,
				location: calendarLocation(locale, d),
				sequence: d.sequence,
				method,
				organizer: options.organizer,
				attendee: row.to_email
			})
		});
		parts.push(method === 'CANCEL' ? own('calendar') : calendarNote(template, own, t));
	}
	const token = spec.manage === 'link' ? d.token : undefined;
	if (spec.manage === 'link' && !token) throw new Error('render: data.token missing');
	if (token) {
		const link = manageLink(siteUrl, locale, token);
		parts.push({
			link,
			label: t('email.signupMail.manageAction'),
			intro: t('email.signupMail.manageText'),
			copy: t('email.signupMail.copyLink')
		});
	} else if (spec.manage === 'earlier') parts.push(t('email.signupMail.manageEarlier'));
	parts.push(t('email.signature'), t('email.signupMail.footer'));

	return {
		subject,
		text: parts.map((p) => (typeof p === 'string' ? p : `${p.intro}\n${p.link}`)).join('\n\n'),
		html: htmlDocument(locale, subject, parts.map(toHtml)),
		secrets: secretsOf(d, token),
		attachments
	};
}

function calendarNote(
	template: SignupTemplate,
	own: (name: string) => string,
	t: (key: string) => string
): string {
	return template === 'session_moved' ? own('calendar') : t('email.signupMail.calendarAdd');
}

function toHtml(part: Part): string {
	if (typeof part === 'string') return paragraph(part);
	const href = escapeHtml(part.link);
	return [
		`<p><a href="${href}">${escapeHtml(part.label)}</a></p>`,
		`<p>${escapeHtml(part.copy)}<br>${href}</p>`
	].join('\n');
}

/** The token and the person's name: never in an error text or a log. */
function secretsOf(d: SignupMailData, token?: string): string[] {
	const secrets = token ? [token, encodeURIComponent(token)] : [];
	// A name of one letter would garble every error; such a name says little on its own.
	if (d.name && d.name.trim().length > 1) secrets.push(d.name.trim());
	return secrets;
}
