import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareDatabase, type PreparedDatabase } from './runtime.ts';
import { freePort } from './util/free-port.ts';

export interface ThrowawayCluster extends PreparedDatabase {
	/** Stops Postgres and deletes its folder. */
	dispose(): Promise<void>;
}

/**
 * A Postgres for one test run or one script: a fresh cluster in a temporary folder on a free
 * port, bootstrapped and migrated (and seeded, when asked). With `DATABASE_URL` (a superuser URL
 * to a plain Postgres 17) that server is used instead, and only the named database is touched.
 */
export async function startThrowaway(options: {
	workdir: string;
	database: string;
	seed: boolean;
}): Promise<ThrowawayCluster> {
	const dataDir = await mkdtemp(join(tmpdir(), 'sammen-pg-'));
	const db = await prepareDatabase({
		workdir: options.workdir,
		dataDir,
		port: await freePort(),
		databaseUrl: process.env.DATABASE_URL || undefined,
		database: options.database,
		seed: options.seed,
		ephemeral: true
	}).catch(async (error) => {
		await rm(dataDir, { recursive: true, force: true });
		throw error;
	});
	return {
		...db,
		async dispose() {
			await db.stop();
			await rm(dataDir, { recursive: true, force: true });
		}
	};
}
