import { join } from 'node:path';
import { lockDataFolder, type DataLock } from '../../supabase/local/db/lock.ts';
import { refuseProduction } from '../../supabase/local/db/production.ts';
import { redactUrl } from '../../supabase/local/db/urls.ts';
import { stopOnSignals } from '../../supabase/local/signals.ts';
import { startLocalSupabase, type LocalSupabase } from '../../supabase/local/stack.ts';

export const root = new URL('../..', import.meta.url).pathname;
const dataDir = process.env.SAMMEN_DATA_DIR || join(root, '.data');

/**
 * What must hold before `npm start` or `npm run dev` does anything (builds, or touches a
 * database): not NODE_ENV=production, and no other live start of the same data folder. The
 * lock is held until this process exits; startLocalStack takes it again (re-entrant).
 */
export function claimDataFolder(): DataLock {
	try {
		refuseProduction();
		return lockDataFolder(dataDir);
	} catch (error) {
		return exitWith(error);
	}
}

/**
 * The local Supabase behind `npm start` and `npm run dev`: embedded Postgres in `.data/` (or
 * SAMMEN_DATA_DIR) on config.toml's port (54322, or SAMMEN_DB_PORT), or the superuser
 * `DATABASE_URL`; the API on 54321 (or SAMMEN_API_PORT). Seeded on its first start only.
 * `appEnv` is what the app needs to reach it, exactly as it would reach a hosted project.
 */
export async function startLocalStack(
	siteUrl?: string
): Promise<LocalSupabase & { appEnv: Record<string, string> }> {
	const local = await startLocalSupabase({
		workdir: root,
		dataDir,
		dbPort: Number(process.env.SAMMEN_DB_PORT) || undefined,
		apiPort: Number(process.env.SAMMEN_API_PORT) || undefined,
		smtpPort: Number(process.env.SAMMEN_SMTP_PORT) || undefined,
		mailWebPort: Number(process.env.SAMMEN_MAIL_PORT) || undefined,
		siteUrl,
		databaseUrl: process.env.DATABASE_URL || undefined,
		seed: true
	});
	const seeded = local.db.seeded ? ' (seeded with demo data)' : '';
	console.log(`  database  ${redactUrl(local.db.postgresUrl)}${seeded}`);
	console.log(`  supabase  ${local.runtime.url}`);
	console.log(`  mail      ${local.mail.webUrl}`);
	return {
		...local,
		appEnv: {
			PUBLIC_SUPABASE_URL: local.runtime.url,
			PUBLIC_SUPABASE_PUBLISHABLE_KEY: local.runtime.publishableKey,
			SUPABASE_SECRET_KEY: local.runtime.secretKey,
			// The app's own e-mails (the outbox) go to the mail catcher too.
			SMTP_HOST: '127.0.0.1',
			SMTP_PORT: String(local.mail.smtpPort),
			...(siteUrl ? { PUBLIC_SITE_URL: siteUrl } : {})
		}
	};
}

/** Ends a failed start with the reason, not a stack trace. */
export function exitWith(error: unknown): never {
	console.error(
		`\nCould not start Sammen: ${error instanceof Error ? error.message : String(error)}`
	);
	process.exit(1);
}

/**
 * Keeps the app and the local Supabase running until Ctrl-C, SIGTERM or SIGHUP, then stops the
 * app, the runtime and Postgres in that order. If Postgres dies on its own, the app is stopped
 * too and the process exits with an error.
 */
export function runUntilStopped(
	local: LocalSupabase,
	stopApp: () => Promise<void>
): { stopping: () => boolean } {
	const signals = stopOnSignals(async () => {
		await stopApp();
		await local.stop();
	});
	void local.exited.then(async (code) => {
		if (signals.stopping()) return;
		console.error(`Postgres exited unexpectedly (code ${code}); stopping.`);
		await stopApp().catch(() => {});
		process.exit(1);
	});
	return signals;
}
