// Every personal value the e2e run creates, so the global teardown can prove none of them reached
// the server's output (scripts/lib/log-leaks.ts). Most are read back from where they end up (the
// database, the outbox, the mail catcher); what is never stored in the clear (recovery codes,
// values a test erased again) the tests register themselves with `rememberPersonal`.
import { createHmac } from 'node:crypto';
import { appendFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type postgres from 'postgres';
import type { PersonalValue } from '../../scripts/lib/log-leaks.ts';
import { LOCAL_SECRET_KEY } from '../../supabase/local/keys/index.ts';

const root = new URL('../..', import.meta.url).pathname;
export const PERSONAL_DIR = join(root, '.test-results/personal-values');

/** Registers values a test submitted or was shown (one file per worker process). */
export function rememberPersonal(kind: string, ...values: string[]): void {
	mkdirSync(PERSONAL_DIR, { recursive: true });
	const lines = values.filter(Boolean).map((value) => JSON.stringify({ kind, value }));
	if (lines.length)
		appendFileSync(join(PERSONAL_DIR, `${process.pid}.jsonl`), lines.join('\n') + '\n');
}

function remembered(): PersonalValue[] {
	let files: string[];
	try {
		files = readdirSync(PERSONAL_DIR);
	} catch {
		return [];
	}
	return files.flatMap((f) =>
		readFileSync(join(PERSONAL_DIR, f), 'utf8')
			.split('\n')
			.filter(Boolean)
			.map((l) => JSON.parse(l) as PersonalValue)
	);
}

/** The manage token of a sign-up, derived as the app derives it (src/lib/server/signups.ts). */
function manageToken(idempotencyKey: string): string {
	const secret = process.env.SAMMEN_TOKEN_SECRET || LOCAL_SECRET_KEY;
	return createHmac('sha256', secret).update(`manage:${idempotencyKey}`).digest('base64url');
}

const phoneVariants = (phone: string) => [phone, phone.replace(/\s/g, '')];

/**
 * Everything personal the run left behind: sign-ups (names, contacts, notes, manage tokens),
 * accounts (e-mails, phones, TOTP secrets), invitations, the outbox, every caught mail's
 * recipients and link tokens, and what tests registered. The demo organizations' contact
 * details are public catalogue data (DESIGN.md: shown on their pages), so they are not here.
 */
export async function collectPersonal(
	sql: postgres.Sql,
	mailUrl: string
): Promise<PersonalValue[]> {
	const values: PersonalValue[] = [];
	const add = (kind: string, ...vs: (string | null | undefined)[]) => {
		for (const value of vs) if (value) values.push({ kind, value });
	};
	for (const s of await sql`
		select chosen_name, email, phone, note, idempotency_key::text as key from private.signups`) {
		add('sign-up name', s.chosen_name);
		add('sign-up e-mail', s.email);
		add('sign-up note', s.note);
		if (s.phone) add('sign-up phone', ...phoneVariants(s.phone));
		add('manage token', manageToken(s.key));
	}
	for (const u of await sql`select email, phone from auth.users`) {
		add('account e-mail', u.email);
		if (u.phone) add('account phone', ...phoneVariants(u.phone));
	}
	for (const f of await sql`select secret from auth.mfa_factors where secret is not null`)
		add('TOTP secret', f.secret);
	for (const i of await sql`select email from public.invitations`)
		add('invitation e-mail', i.email);
	for (const o of await sql`
		select to_email, data ->> 'token' as token, data ->> 'name' as name from private.outbox`) {
		add('outbox recipient', o.to_email);
		add('mail token', o.token);
		add('sign-up name', o.name);
	}
	const list = (await (await fetch(`${mailUrl}/api/v1/messages`)).json()) as { id: string }[];
	for (const { id } of list) {
		const m = (await (await fetch(`${mailUrl}/api/v1/messages/${id}`)).json()) as {
			to: string[];
			links: string[];
		};
		add('mail recipient', ...m.to);
		for (const link of m.links) {
			const url = new URL(link);
			const token =
				url.pathname.match(/\/(?:signup|invitations)\/([^/?#]+)/)?.[1] ??
				url.searchParams.get('token_hash') ??
				url.searchParams.get('token');
			if (token) add('mail link token', decodeURIComponent(token));
		}
	}
	values.push(...remembered());
	return values;
}
