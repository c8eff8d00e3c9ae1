import { isLocale, type Locale } from '$lib/i18n/locales';
import type { MessageKey } from '$lib/i18n/messages';
import { translate } from '$lib/i18n/translate';

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

export interface RenderedMail {
	subject: string;
	text: string;
	html: string;
	/** Strings that must never reach an error text or a log (the invitation token). */
	secrets: string[];
}

/** `public.invitations.expires_at` defaults to 14 days after the invitation (the migration). */
const INVITATION_DAYS = 14;

const ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;'
};

/** Escapes text and attribute values alike (names come from organizations, not from us). */
export function escapeHtml(value: string): string {
	return value.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

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
	row: Pick<OutboxRow, 'template' | 'locale' | 'data'>,
	siteUrl: string
): RenderedMail {
	if (row.template !== 'invitation') throw new Error(`render: unknown template ${row.template}`);
	const locale: Locale = isLocale(row.locale) ? row.locale : 'nb';
	const token = field(row.data, 'token');
	const values = {
		organization: field(row.data, 'organization'),
		role: typeof row.data.role === 'string' ? row.data.role : 'organizer',
		days: INVITATION_DAYS
	};
	const t = (key: MessageKey) => translate(locale, key, values);
	const link = invitationLink(siteUrl, locale, token);
	// A line break in a name must not start a new header line, nor look like one.
	const subject = t('email.invitation.subject').replace(/\s+/g, ' ').trim();
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
	const html = [
		'<!doctype html>',
		`<html lang="${locale}">`,
		`<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
		'<body style="font-family: sans-serif; font-size: 16px; line-height: 1.5">',
		p(intro),
		`<p><a href="${escapeHtml(link)}">${escapeHtml(t('email.invitation.action'))}</a></p>`,
		`<p>${escapeHtml(t('email.invitation.copyLink'))}<br>${escapeHtml(link)}</p>`,
		p(expiry),
		p(ignore),
		p(t('email.signature')),
		'</body>',
		'</html>'
	].join('\n');
	return { subject, text, html, secrets: [token, encodeURIComponent(token)] };
}
