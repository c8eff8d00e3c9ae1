// The load run's stack: the local Supabase (embedded Postgres with the demo data, the runtime,
// the mail catcher) in this process, and the built app (adapter-node's `build/index.js`) as a
// child process of its own, so it can be killed with SIGKILL and started again while Postgres and
// the runtime keep running. Everything on 127.0.0.1, on free ports, in a throw-away data folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalSupabase, type LocalSupabase } from '../../supabase/local/stack.ts';
import { freePort } from '../../supabase/local/util/free-port.ts';

const root = new URL('../..', import.meta.url).pathname;

export interface LoadStack {
	local: LocalSupabase;
	baseUrl: string;
	/** Superuser URL of the database. */
	databaseUrl: string;
	/** Every line the app processes wrote, across restarts. */
	appOutput(): string;
	/** Kills the app server with SIGKILL (no shutdown of any kind) and waits for it to be gone. */
	killApp(): Promise<void>;
	/** Starts the app server and waits until it answers. */
	startApp(): Promise<void>;
	stop(): Promise<void>;
}

export async function startLoadStack(): Promise<LoadStack> {
	const dataDir = await mkdtemp(join(tmpdir(), 'sammen-load-'));
	await chmod(dataDir, 0o755); // Postgres runs as its own user when we are root
	const [port, dbPort, apiPort, smtpPort, mailPort] = await Promise.all(
		Array.from({ length: 5 }, () => freePort())
	);
	const baseUrl = `http://127.0.0.1:${port}`;
	const local = await startLocalSupabase({
		workdir: root,
		dataDir,
		dbPort,
		apiPort,
		smtpPort,
		mailWebPort: mailPort,
		siteUrl: baseUrl,
		seed: true
	});
	const env = {
		...process.env,
		NODE_ENV: 'production',
		HOST: '127.0.0.1',
		PORT: String(port),
		ORIGIN: baseUrl,
		// Each simulated visitor speaks for its own address, so per-IP limits count them apart.
		ADDRESS_HEADER: 'x-forwarded-for',
		XFF_DEPTH: '1',
		PUBLIC_SUPABASE_URL: local.runtime.url,
		PUBLIC_SUPABASE_PUBLISHABLE_KEY: local.runtime.publishableKey,
		SUPABASE_SECRET_KEY: local.runtime.secretKey,
		SMTP_HOST: '127.0.0.1',
		SMTP_PORT: String(local.mail.smtpPort),
		PUBLIC_SITE_URL: baseUrl
	};
	let output = '';
	let app: ChildProcess | null = null;

	async function startApp() {
		const child = spawn(process.execPath, [join(root, 'build/index.js')], {
			cwd: root,
			env,
			stdio: ['ignore', 'pipe', 'pipe']
		});
		child.stdout!.on('data', (c) => (output += c));
		child.stderr!.on('data', (c) => (output += c));
		app = child;
		const deadline = Date.now() + 60_000;
		for (;;) {
			if (child.exitCode !== null)
				throw new Error(`the app exited (${child.exitCode}):\n${output}`);
			const up = await fetch(`${baseUrl}/privacy`, {
				headers: { 'x-forwarded-for': '2001:db8:ff::1' },
				signal: AbortSignal.timeout(2_000)
			})
				.then((r) => r.ok)
				.catch(() => false);
			if (up) return;
			if (Date.now() > deadline) throw new Error(`the app did not answer:\n${output}`);
			await new Promise((r) => setTimeout(r, 100));
		}
	}

	async function killApp() {
		const child = app;
		if (!child || child.exitCode !== null || child.signalCode !== null) return;
		const gone = new Promise((done) => child.once('exit', done));
		child.kill('SIGKILL');
		await gone;
	}

	try {
		await startApp();
	} catch (error) {
		await killApp();
		await local.stop();
		await rm(dataDir, { recursive: true, force: true });
		throw error;
	}
	return {
		local,
		baseUrl,
		databaseUrl: local.db.superuserUrl,
		appOutput: () => output,
		killApp,
		startApp,
		async stop() {
			const child = app;
			if (child && child.exitCode === null && child.signalCode === null) {
				const gone = new Promise((done) => child.once('exit', done));
				child.kill('SIGTERM');
				await Promise.race([gone, new Promise((r) => setTimeout(r, 10_000))]);
				await killApp();
			}
			await local.stop();
			await rm(dataDir, { recursive: true, force: true });
		}
	};
}
