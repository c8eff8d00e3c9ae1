import { join } from 'node:path';
import { LOCAL_PASSWORD } from '../../supabase/local/db/embedded.ts';
import { redactUrl, withUser } from '../../supabase/local/db/urls.ts';
import { loadConfig } from '../../supabase/local/config/index.ts';
import { prepareDatabase, type PreparedDatabase } from '../../supabase/local/runtime.ts';

export const root = new URL('../..', import.meta.url).pathname;

/**
 * The development database behind `npm start` and `npm run dev`: embedded Postgres in `.data/`
 * (or SAMMEN_DATA_DIR) on the port config.toml gives (54322, or SAMMEN_DB_PORT), or the
 * superuser `DATABASE_URL`. Seeded on its first
 * start only; later starts keep the data.
 */
export async function startLocalDatabase(): Promise<
	PreparedDatabase & { appEnv: Record<string, string> }
> {
	const config = loadConfig(join(root, 'supabase/config.toml'));
	const db = await prepareDatabase({
		workdir: root,
		dataDir: join(process.env.SAMMEN_DATA_DIR || join(root, '.data'), 'postgres'),
		port: Number(process.env.SAMMEN_DB_PORT) || config.db.port,
		databaseUrl: process.env.DATABASE_URL || undefined,
		seed: true
	});
	console.log(
		`  database  ${redactUrl(db.postgresUrl)}${db.seeded ? ' (seeded with demo data)' : ''}`
	);
	return {
		...db,
		appEnv: {
			// TEMPORARY until the REST issue: the app reads as anon through authenticator.
			SAMMEN_TEMPORARY_DATABASE_URL: withUser(db.postgresUrl, 'authenticator', LOCAL_PASSWORD)
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
 * Keeps the app and database running until Ctrl-C, SIGTERM or SIGHUP, then stops the app and
 * the database in that order (a second Ctrl-C exits at once). If Postgres dies on its own, the
 * app is stopped too and the process exits with an error.
 */
export function runUntilStopped(db: PreparedDatabase, stopApp: () => Promise<void>): void {
	let stopping = false;
	const handler = (signal: NodeJS.Signals) => {
		if (stopping) process.exit(130);
		stopping = true;
		console.log(`\n${signal}: stopping…`);
		stopApp()
			.then(() => db.stop())
			.then(
				() => process.exit(0),
				(error) => {
					console.error(error);
					process.exit(1);
				}
			);
	};
	process.on('SIGINT', handler);
	process.on('SIGTERM', handler);
	process.on('SIGHUP', handler);
	void db.exited.then(async (code) => {
		if (stopping) return;
		stopping = true;
		console.error(`Postgres exited unexpectedly (code ${code}); stopping.`);
		await stopApp().catch(() => {});
		process.exit(1);
	});
}
