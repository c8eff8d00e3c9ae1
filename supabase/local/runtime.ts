import { bootstrap } from './bootstrap/index.ts';
import { ensureDatabase, hasMigrations } from './db/databases.ts';
import { LOCAL_PASSWORD, startEmbedded } from './db/embedded.ts';
import { withDatabase, withUser } from './db/urls.ts';
import { migrate } from './migrate/index.ts';
import { refuseProduction } from './db/production.ts';

export interface DatabaseOptions {
	/** Folder of the project that holds `supabase/` (config, migrations, seed). */
	workdir: string;
	/** Embedded cluster's folder, when no `databaseUrl` is given. */
	dataDir: string;
	/** Embedded cluster's port (54322 by default, as the Supabase CLI uses). */
	port: number;
	/** A superuser URL of a plain Postgres 17 to use instead of the embedded one. */
	databaseUrl?: string;
	/** Database to prepare (created when missing); `postgres`, as on hosted, by default. */
	database?: string;
	/** Seed a database that has no migrations yet (its first start); later starts keep its data. */
	seed: boolean;
	ephemeral?: boolean;
}

export interface PreparedDatabase {
	/** Superuser URL (bootstrap, test set-up; never given to the app). */
	superuserUrl: string;
	/** URL of the non-superuser `postgres` role that owns the app's objects. */
	postgresUrl: string;
	/** Whether this start applied the seed. */
	seeded: boolean;
	/** Resolves if the embedded server exits (never, for a `databaseUrl`). */
	exited: Promise<number | null>;
	stop(): Promise<void>;
}

/** Starts or connects to Postgres, makes it Supabase-shaped, and applies migrations (and seed). */
export async function prepareDatabase(options: DatabaseOptions): Promise<PreparedDatabase> {
	// The entry points refuse first; this guards any other caller before a database is touched.
	refuseProduction();
	let superuserUrl: string;
	let stop = async () => {};
	let exited = new Promise<number | null>(() => {});
	if (options.databaseUrl) {
		superuserUrl = options.databaseUrl;
	} else {
		const cluster = await startEmbedded({
			dataDir: options.dataDir,
			port: options.port,
			ephemeral: options.ephemeral
		});
		superuserUrl = cluster.superuserUrl;
		stop = cluster.stop;
		exited = cluster.exited;
	}
	try {
		if (options.database) {
			await ensureDatabase(superuserUrl, options.database);
			superuserUrl = withDatabase(superuserUrl, options.database);
		}
		const postgresUrl = withUser(superuserUrl, 'postgres', LOCAL_PASSWORD);
		await bootstrap(superuserUrl);
		const seed = options.seed && !(await hasMigrations(postgresUrl));
		await migrate(postgresUrl, { workdir: options.workdir, seed });
		return { superuserUrl, postgresUrl, seeded: seed, exited, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}
