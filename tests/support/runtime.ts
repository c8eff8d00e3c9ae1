import postgres from 'postgres';
import { LOCAL_PASSWORD } from '../../supabase/local/db/embedded.ts';
import { withUser } from '../../supabase/local/db/urls.ts';
import { signAccessToken } from '../../supabase/local/keys/index.ts';
import { startRuntime } from '../../supabase/local/server.ts';
import { cloneTemplate } from './database.ts';

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
	reloadSchema(): Promise<void>;
	stop(): Promise<void>;
}

/**
 * The local runtime over a fresh clone of the migrated template, on a free port. `setupSql` runs
 * first as the non-superuser `postgres` (like a migration on hosted Supabase).
 */
export async function startTestRuntime(
	options: { setupSql?: string; maxRows?: number } = {}
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
	const runtime = await startRuntime({
		authenticatorUrl: withUser(db.superuserUrl, 'authenticator', LOCAL_PASSWORD),
		rest: {
			schemas: ['public'],
			extraSearchPath: ['public', 'extensions'],
			maxRows: options.maxRows ?? 1000
		},
		port: 0,
		poolSize: 24
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
		reloadSchema: runtime.reloadSchema,
		async stop() {
			await runtime.stop();
			await db.drop();
		}
	};
}
