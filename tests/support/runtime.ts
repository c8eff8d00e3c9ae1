import { join } from 'node:path';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import postgres from 'postgres';
import type { Database } from '../../src/lib/database.types.ts';
import { authOptions, type AuthOverrides } from '../../supabase/local/auth/config.ts';
import { loadConfig } from '../../supabase/local/config/index.ts';
import { LOCAL_PASSWORD } from '../../supabase/local/db/embedded.ts';
import { withUser } from '../../supabase/local/db/urls.ts';
import { signAccessToken } from '../../supabase/local/keys/index.ts';
import { startMailCatcher, type MailMessage } from '../../supabase/local/mail/index.ts';
import type { RestConfig } from '../../supabase/local/rest/handler.ts';
import { startRuntime } from '../../supabase/local/server.ts';
import { cloneTemplate } from './database.ts';

const workdir = new URL('../..', import.meta.url).pathname;

export interface TestRuntime {
	url: string;
	publishableKey: string;
	secretKey: string;
	legacyAnonJwt: string;
	legacyServiceRoleJwt: string;
	/** Superuser URL of this test file's own database. */
	superuserUrl: string;
	signUserToken(claims: {
		sub: string;
		role?: string;
		email?: string;
		exp?: number;
		aal?: 'aal1' | 'aal2';
		session_id?: string;
	}): Promise<string>;
	/** The mail catcher that receives the runtime's Auth mails over SMTP. */
	mail: {
		list(): MailMessage[];
		waitFor(predicate: (m: MailMessage) => boolean, timeoutMs?: number): Promise<MailMessage>;
		clear(): void;
	};
	/** Every line the runtime logged. */
	logs(): string[];
	/** A confirmed account (made with the admin API), signed in with its password. */
	signedInUser(email: string): Promise<{ client: SupabaseClient<Database>; id: string }>;
	reloadSchema(): Promise<void>;
	stop(): Promise<void>;
}

/**
 * The local runtime (REST and Auth, with a mail catcher) over a fresh clone of the migrated
 * template, on free ports. `setupSql` runs first as the non-superuser `postgres` (like a
 * migration on hosted Supabase). Auth follows config.toml, with a reuse interval of 0 and
 * generous rate limits unless `auth` says otherwise.
 */
export async function startTestRuntime(
	options: {
		setupSql?: string;
		maxRows?: number;
		auth?: AuthOverrides;
		/** Exposed schemas ([api] schemas); `public` unless given. */
		schemas?: string[];
		/** PostgREST's db-tx-end; `commit` (hosted Supabase's) unless given. */
		txEnd?: RestConfig['txEnd'];
	} = {}
): Promise<TestRuntime> {
	const db = await cloneTemplate();
	if (options.setupSql) {
		const sql = postgres(db.postgresUrl, { max: 1, onnotice: () => {} });
		try {
			await sql.unsafe(options.setupSql);
		} finally {
			await sql.end();
		}
	}
	const mail = await startMailCatcher({ smtpPort: 0, webPort: 0 });
	const lines: string[] = [];
	const config = loadConfig(join(workdir, 'supabase/config.toml'));
	const generous = {
		email_sent: 10_000,
		sign_in_sign_ups: 10_000,
		token_refresh: 10_000,
		token_verifications: 10_000
	};
	const runtime = await startRuntime({
		authenticatorUrl: withUser(db.superuserUrl, 'authenticator', LOCAL_PASSWORD),
		rest: {
			schemas: options.schemas ?? ['public'],
			extraSearchPath: ['public', 'extensions'],
			maxRows: options.maxRows ?? 1000,
			txEnd: options.txEnd
		},
		auth: authOptions(config, {
			workdir,
			authUrl: withUser(db.superuserUrl, 'supabase_auth_admin', LOCAL_PASSWORD),
			smtpPort: mail.smtpPort,
			overrides: {
				refreshTokenReuseInterval: 0,
				...options.auth,
				rateLimit: { ...generous, ...(options.auth?.rateLimit ?? {}) }
			}
		}),
		port: 0,
		poolSize: 24,
		log: (line) => lines.push(line)
	});
	return {
		url: runtime.url,
		publishableKey: runtime.publishableKey,
		secretKey: runtime.secretKey,
		legacyAnonJwt: runtime.legacyAnonJwt,
		legacyServiceRoleJwt: runtime.legacyServiceRoleJwt,
		superuserUrl: db.superuserUrl,
		signUserToken: (claims) =>
			signAccessToken(runtime.signingKey, {
				role: 'authenticated',
				aud: 'authenticated',
				aal: 'aal1',
				is_anonymous: false,
				...claims
			}),
		mail: {
			list: () => mail.store.list(),
			waitFor: (predicate, timeoutMs) => mail.store.waitFor(predicate, timeoutMs),
			clear: () => void mail.store.clear()
		},
		logs: () => [...lines],
		async signedInUser(email) {
			const options = { auth: { persistSession: false, autoRefreshToken: false } };
			const admin = createClient(runtime.url, runtime.secretKey, options);
			const password = 'GodDag2026x';
			const { data, error } = await admin.auth.admin.createUser({
				email,
				password,
				email_confirm: true
			});
			if (error) throw error;
			const client = createClient<Database>(runtime.url, runtime.publishableKey, options);
			const signIn = await client.auth.signInWithPassword({ email, password });
			if (signIn.error) throw signIn.error;
			return { client, id: data.user.id };
		},
		reloadSchema: runtime.reloadSchema,
		async stop() {
			await runtime.stop();
			await mail.stop();
			await db.drop();
		}
	};
}
