// `npm start` as a person uses it: start, serve both languages, Ctrl-C, start again (data kept),
// kill -9, start again (recovers); a second start beside a running one refuses. Uses its own
// data folder and free ports.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../supabase/local/util/free-port.ts';

const root = new URL('..', import.meta.url).pathname;
let dataDir: string;
let port: number;
let dbPort: number;
let apiPort: number;
let smtpPort: number;
let mailPort: number;

function spawnStart(appPort = port): ChildProcess {
	return spawn(process.execPath, [join(root, 'scripts/start.ts')], {
		cwd: root,
		env: {
			...process.env,
			PORT: String(appPort),
			SAMMEN_DB_PORT: String(dbPort),
			SAMMEN_API_PORT: String(apiPort),
			SAMMEN_SMTP_PORT: String(smtpPort),
			SAMMEN_MAIL_PORT: String(mailPort),
			SAMMEN_DATA_DIR: dataDir,
			DATABASE_URL: ''
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
}

function start(): Promise<{ child: ChildProcess; output: () => string }> {
	const child = spawnStart();
	let text = '';
	child.stdout!.on('data', (c) => (text += c));
	child.stderr!.on('data', (c) => (text += c));
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`no "Ready" in 120 s:\n${text}`)), 120_000);
		child.stdout!.on('data', () => {
			if (text.includes('Ready in')) {
				clearTimeout(timer);
				resolve({ child, output: () => text });
			}
		});
		child.on('exit', (code) => reject(new Error(`exited ${code}:\n${text}`)));
	});
}

/** Processes whose command line mentions our data folder (Postgres and its children). */
async function processesUsing(folder: string): Promise<number[]> {
	const found: number[] = [];
	for (const entry of await readdir('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		const cmd = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
		if (cmd.includes(folder)) found.push(Number(entry));
	}
	return found;
}

const exitOf = (child: ChildProcess) =>
	new Promise<number | null>((done) =>
		child.exitCode !== null ? done(child.exitCode) : child.once('exit', (code) => done(code))
	);

describe('npm start', () => {
	beforeAll(async () => {
		dataDir = await mkdtemp(join(tmpdir(), 'sammen-start-'));
		await chmod(dataDir, 0o755); // Postgres runs as its own user when we are root
		port = await freePort();
		dbPort = await freePort();
		apiPort = await freePort();
		smtpPort = await freePort();
		mailPort = await freePort();
	});
	afterAll(async () => {
		for (const pid of await processesUsing(dataDir)) {
			try {
				process.kill(pid, 'SIGKILL');
			} catch {
				// already gone
			}
		}
		await rm(dataDir, { recursive: true, force: true });
	});

	it('serves both languages, stops cleanly on Ctrl-C, keeps data, and recovers after kill -9', async () => {
		const first = await start();
		const nb = await (await fetch(`http://127.0.0.1:${port}/`)).text();
		expect(nb).toContain('<html lang="nb"');
		expect(nb).toContain('Ball og fellesskap');
		const en = await (await fetch(`http://127.0.0.1:${port}/en`)).text();
		expect(en).toContain('<html lang="en"');
		expect(en).toContain('Find a community');
		expect(first.output()).toContain('seeded with demo data');

		// Data written now must survive the restart.
		const sql = postgres(`postgresql://supabase_admin:postgres@127.0.0.1:${dbPort}/postgres`, {
			max: 1
		});
		await sql`update public.organizations set name = 'Ball og fellesskap (beholdt)'
			where slug = 'ball-og-fellesskap'`;
		await sql.end();

		first.child.kill('SIGINT');
		expect(await exitOf(first.child)).toBe(0);
		expect(await processesUsing(dataDir)).toEqual([]);

		const second = await start();
		expect(second.output()).not.toContain('seeded');
		expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toContain('(beholdt)');

		second.child.kill('SIGKILL'); // Postgres is left running as an orphan
		await exitOf(second.child);
		expect((await processesUsing(dataDir)).length).toBeGreaterThan(0);
		// The app's own process is not: it ends with its parent and frees the port.
		const answering = () =>
			fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1_000) }).then(
				() => true,
				() => false
			);
		const freed = Date.now() + 5_000;
		while ((await answering()) && Date.now() < freed) await new Promise((r) => setTimeout(r, 100));
		expect(await answering()).toBe(false);

		const third = await start();
		expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toContain('(beholdt)');
		third.child.kill('SIGTERM');
		expect(await exitOf(third.child)).toBe(0);
		expect(await processesUsing(dataDir)).toEqual([]);
	}, 300_000);

	it('a second start of the same data folder refuses, names the first, and leaves it serving', async () => {
		const first = await start();
		const postgresBefore = await processesUsing(dataDir);
		// Its own app port, so only the data folder is shared: the lock, not a busy port, refuses it.
		const second = spawnStart(await freePort());
		let text = '';
		second.stdout!.on('data', (c) => (text += c));
		second.stderr!.on('data', (c) => (text += c));
		const stillRunning = new Promise((r) => setTimeout(() => r('still running'), 60_000));
		const code = await Promise.race([exitOf(second), stillRunning]);
		if (code === 'still running') second.kill('SIGINT');
		expect(code, text).not.toBe('still running');
		expect(code, text).not.toBe(0);
		expect(text).toContain(`already running (pid ${first.child.pid})`);
		expect(text).not.toContain('Building');
		expect(await processesUsing(dataDir)).toEqual(postgresBefore);
		const page = await fetch(`http://127.0.0.1:${port}/`);
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('Ball og fellesskap');
		first.child.kill('SIGINT');
		expect(await exitOf(first.child)).toBe(0);
		expect(await processesUsing(dataDir)).toEqual([]);
	}, 180_000);

	it('Ctrl-C in a terminal running `npm start` (the whole process group) leaves nothing behind', async () => {
		// As a terminal does: signal npm and the script together; npm also forwards it.
		const child = spawn('npm', ['start', '--silent'], {
			cwd: root,
			detached: true,
			env: {
				...process.env,
				PORT: String(port),
				SAMMEN_DB_PORT: String(dbPort),
				SAMMEN_API_PORT: String(apiPort),
				SAMMEN_SMTP_PORT: String(smtpPort),
				SAMMEN_MAIL_PORT: String(mailPort),
				SAMMEN_DATA_DIR: dataDir,
				DATABASE_URL: ''
			},
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let text = '';
		child.stdout!.on('data', (c) => (text += c));
		child.stderr!.on('data', (c) => (text += c));
		const deadline = Date.now() + 120_000;
		while (!text.includes('Ready in') && Date.now() < deadline)
			await new Promise((r) => setTimeout(r, 100));
		expect(text).toContain('Ready in');
		// Twice, as when npm forwards the terminal's Ctrl-C: a second signal must not cut the stop short.
		process.kill(-child.pid!, 'SIGINT');
		await new Promise((r) => setTimeout(r, 30));
		process.kill(-child.pid!, 'SIGINT');
		await exitOf(child);
		const gone = Date.now() + 20_000;
		while ((await processesUsing(dataDir)).length && Date.now() < gone)
			await new Promise((r) => setTimeout(r, 100));
		expect(await processesUsing(dataDir)).toEqual([]);
	}, 180_000);
});
