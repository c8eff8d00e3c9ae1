import { join } from 'node:path';
import { loadConfig } from './config/index.ts';
import { LOCAL_PASSWORD } from './db/embedded.ts';
import { lockDataFolder } from './db/lock.ts';
import { refuseProduction } from './db/production.ts';
import { withUser } from './db/urls.ts';
import { prepareDatabase, type PreparedDatabase } from './runtime.ts';
import { authOptions } from './auth/config.ts';
import { startMailCatcher, type MailCatcher } from './mail/index.ts';
import { startRuntime, type Runtime } from './server.ts';

export interface LocalSupabase {
	db: PreparedDatabase;
	runtime: Runtime;
	mail: MailCatcher;
	/** Resolves if Postgres exits on its own. */
	exited: Promise<number | null>;
	/** Stops the HTTP runtime, then Postgres. */
	stop(): Promise<void>;
}

/**
 * The whole local Supabase: Postgres (embedded in `dataDir`, or `databaseUrl`) prepared and
 * migrated, and the HTTP runtime (REST, JWKS) on `apiPort`, all configured by config.toml.
 * Before anything is touched it refuses NODE_ENV=production, and takes `dataDir` for this
 * process: while another live start holds it, this one fails with "already running (pid N)"
 * (and so never mistakes that start's Postgres for an orphan to stop).
 */
export async function startLocalSupabase(options: {
	workdir: string;
	dataDir: string;
	dbPort?: number;
	apiPort?: number;
	smtpPort?: number;
	mailWebPort?: number;
	/** The app's address, where Auth's e-mail links lead (config.toml's site_url otherwise). */
	siteUrl?: string;
	databaseUrl?: string;
	seed: boolean;
}): Promise<LocalSupabase> {
	refuseProduction();
	const config = loadConfig(join(options.workdir, 'supabase/config.toml'));
	const lock = lockDataFolder(options.dataDir);
	let db: PreparedDatabase;
	try {
		db = await prepareDatabase({
			workdir: options.workdir,
			dataDir: join(options.dataDir, 'postgres'),
			port: options.dbPort ?? config.db.port,
			databaseUrl: options.databaseUrl,
			seed: options.seed
		});
	} catch (error) {
		lock.release();
		throw error;
	}
	const stopDb = async () => {
		await db.stop();
		lock.release();
	};
	let runtime: Runtime;
	let mail: MailCatcher;
	try {
		mail = await startMailCatcher({
			smtpPort: options.smtpPort ?? config.localSmtp.smtpPort,
			webPort: options.mailWebPort ?? config.localSmtp.port
		});
	} catch (error) {
		await stopDb();
		throw error;
	}
	try {
		runtime = await startRuntime({
			authenticatorUrl: withUser(db.postgresUrl, 'authenticator', LOCAL_PASSWORD),
			rest: {
				schemas: config.api.schemas,
				extraSearchPath: config.api.extraSearchPath,
				maxRows: config.api.maxRows
			},
			port: options.apiPort ?? config.api.port,
			signingKeyPath: join(options.dataDir, 'jwt-signing-key.json'),
			auth: authOptions(config, {
				workdir: options.workdir,
				authUrl: withUser(db.postgresUrl, 'supabase_auth_admin', LOCAL_PASSWORD),
				smtpPort: mail.smtpPort,
				overrides: options.siteUrl ? { siteUrl: options.siteUrl } : undefined
			})
		});
	} catch (error) {
		await mail.stop();
		await stopDb();
		throw error;
	}
	return {
		db,
		runtime,
		mail,
		exited: db.exited,
		async stop() {
			await runtime.stop();
			await mail.stop();
			await stopDb();
		}
	};
}
