// Each Auth e-mail template rendered in nb and en, as hosted Supabase Auth renders it: Go's
// html/template over the documented fields (Supabase docs: Auth > Email Templates:
// .ConfirmationURL, .Token, .TokenHash, .SiteURL, .Email, .NewEmail, .Data, .RedirectTo), with the
// subject from config.toml rendered the same way (supabase/auth mailer/template.go).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../local/config/index.ts';
import { renderMail, type MailKind } from '../local/auth/mailer.ts';

const workdir = new URL('../..', import.meta.url).pathname;
const config = loadConfig(join(workdir, 'supabase/config.toml'));
const mailer = {
	host: '127.0.0.1',
	port: 0,
	senderName: 'Sammen',
	adminEmail: 'ikke-svar@sammen.local',
	workdir,
	templates: config.auth.emailTemplates
};
const kinds: MailKind[] = ['confirmation', 'invite', 'magic_link', 'recovery', 'email_change', 'reauthentication'];

describe.each(['nb', 'en'])('Auth e-mail templates (%s)', (locale) => {
	it.each(kinds)('%s renders as recorded', async (kind) => {
		const { subject, html } = await renderMail(mailer, kind, {
			SiteURL: 'http://localhost:3000',
			ConfirmationURL: 'http://127.0.0.1:54321/auth/v1/verify?token=h4sh&type=signup&redirect_to=http://localhost:3000',
			Token: '4815162342',
			TokenHash: 'h4sh',
			Email: 'kari@example.com',
			NewEmail: 'kari.ny@example.com',
			RedirectTo: 'http://localhost:3000',
			Data: { locale }
		});
		await expect(`Subject: ${subject}\n\n${html}`).toMatchFileSnapshot(`./__snapshots__/${kind}.${locale}.html`);
		// Discreet mode: nothing in the subject says what the activities are about.
		expect(subject).not.toMatch(/rus|avhengig|recovery|addict/i);
		if (kind === 'reauthentication') {
			// A code by nature: the user types it where the change is asked for.
			expect(html).toContain('4815162342');
		} else {
			expect(html).toContain(`http://localhost:3000${locale === 'en' ? '/en' : ''}/auth/confirm?token_hash=h4sh&amp;type=`);
			// Links only: the app never asks for a code, so a mail must not offer one to type.
			expect(html).not.toContain('4815162342');
			expect(html).not.toMatch(/\bcode\b|\bkoden?\b/i);
		}
	});
});
