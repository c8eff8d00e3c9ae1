import { isLocale, type Locale } from '$lib/i18n/locales';
import type { MessageKey } from '$lib/i18n/messages';
import { translate } from '$lib/i18n/translate';
import { escapeHtml, htmlDocument, oneLine } from './html';
import { isSignupTemplate, renderSignupMail } from './signup-mail';

export { escapeHtml } from './html';

/** A row of `private.outbox` as `outbox_claim` returns it (the generated types omit `private`). */
export interface OutboxRow {
	id: number;
	template: string;
	locale: string;
	to_email: string;
	data: Record<string, unknown>;
	attempts: number;
	next_attempt_at: string;
	locked_until: string | null;
	sent_at: string | null;
	last_error: string | null;
}

/** A file sent with the mail (the .ics of a sign-up). */
export interface MailAttachment {
	filename: string;
	content: string;
	/** With its parameters: `text/calendar; method=REQUEST; charset=utf-8`. */
	contentType: string;
}

export interface RenderedMail {
	subject: string;
	text: string;
	html: string;
	/** Strings that must never reach an error text or a log (tokens, names). */
	secrets: string[];
	attachments?: MailAttachment[];
}

/** What rendering needs besides the row: the site for links, the sender for calendar files. */
export interface RenderOptions {
	/** The bare sending address: iTIP calendar files name it as ORGANIZER. */
	organizer?: string;
}

export const DEFAULT_FROM = 'Sammen <ikke-svar@sammen.local>';

/** The bare address of `Name <address>` (or of a bare address). */
export function addressOf(from: string): string {
	return (/<([^<>]+)>\s*$/.exec(from)?.[1] ?? from).trim();
}

/** `public.invitations.expires_at` defaults to 14 days after the invitation (the migration). */
const INVITATION_DAYS = 14;

function field(data: Record<string, unknown>, name: string): string {
	const value = data[name];
	// The message names the field, never its value: the value may be the token.
	if (typeof value !== 'string' || value === '') throw new Error(`render: data.${name} missing`);
	return value;
}

/** The invitation's accept page, in the language the invitation was sent in. */
export function invitationLink(siteUrl: string, locale: Locale, token: string): string {
	const base = siteUrl.replace(/\/+$/, '');
	return `${base}${locale === 'en' ? '/en' : ''}/invitations/${encodeURIComponent(token)}`;
}

/**
 * Renders an outbox row in its own locale. Every paragraph is escaped as a whole after
 * translation, so neither the catalogue nor an organization's name can inject markup.
 */
export function renderMail(
	row: Pick<OutboxRow, 'template' | 'locale' | 'data'> & { to_email?: string },
	siteUrl: string,
	options: RenderOptions = {}
): RenderedMail {
	const locale: Locale = isLocale(row.locale) ? row.locale : 'nb';
	if (isSignupTemplate(row.template)) {
		const organizer = options.organizer ?? addressOf(DEFAULT_FROM);
		return renderSignupMail({ ...row, template: row.template, locale }, siteUrl, { organizer });
	}
	if (row.template !== 'invitation') throw new Error(`render: unknown template ${row.template}`);
	const token = field(row.data, 'token');
	const values = {
		organization: field(row.data, 'organization'),
		role: typeof row.data.role === 'string' ? row.data.role : 'organizer',
		days: INVITATION_DAYS
	};
	const t = (key: MessageKey) => translate(locale, key, values);
	const link = invitationLink(siteUrl, locale, token);
	const subject = oneLine(t('email.invitation.subject'));
	const [intro, expiry, ignore] = (['intro', 'expiry', 'ignore'] as const).map((k) =>
		t(`email.invitation.${k}`)
	);
	const text = [
		intro,
		`${t('email.invitation.textAction')}\n${link}`,
		expiry,
		ignore,
		t('email.signature')
	].join('\n\n');
	const p = (s: string) => `<p>${escapeHtml(s)}</p>`;
	const html = htmlDocument(locale, subject, [
		p(intro),
		`<p><a href="${escapeHtml(link)}">${escapeHtml(t('email.invitation.action'))}</a></p>`,
		`<p>${escapeHtml(t('email.invitation.copyLink'))}<br>${escapeHtml(link)}</p>`,
		p(expiry),
		p(ignore),
		p(t('email.signature'))
	]);
	return { subject, text, html, secrets: [token, encodeURIComponent(token)] };
}
