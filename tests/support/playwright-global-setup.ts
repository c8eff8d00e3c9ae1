import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { findLeaks } from '../../scripts/lib/log-leaks.ts';
import { freePort } from '../../supabase/local/util/free-port.ts';
import { collectPersonal, PERSONAL_DIR } from './personal-data.ts';

const root = new URL('../..', import.meta.url).pathname;

/**
 * Starts the whole stack as `npm start` does (production build, embedded Postgres, demo data),
 * on free ports with a throw-away data folder. Tests read the address from SAMMEN_BASE_URL.
 */
export default async function globalSetup() {
	await rm(PERSONAL_DIR, { recursive: true, force: true });
	const dataDir = await mkdtemp(join(tmpdir(), 'sammen-e2e-'));
	await chmod(dataDir, 0o755); // Postgres runs as its own user when we are root
	const port = await freePort();
	const dbPort = await freePort();
	const apiPort = await freePort();
	const smtpPort = await freePort();
	const mailPort = await freePort();
	const child = spawn(process.execPath, [join(root, 'scripts/start.ts')], {
		cwd: root,
		env: {
			...process.env,
			PORT: String(port),
			SAMMEN_DB_PORT: String(dbPort),
			SAMMEN_API_PORT: String(apiPort),
			SAMMEN_SMTP_PORT: String(smtpPort),
			SAMMEN_MAIL_PORT: String(mailPort),
			SAMMEN_DATA_DIR: dataDir,
			DATABASE_URL: '',
			SAMMEN_SITE_URL: `http://127.0.0.1:${port}`,
			// Each test may speak for its own client address (the per-IP limits see it).
			ADDRESS_HEADER: 'x-forwarded-for',
			XFF_DEPTH: '1'
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stderr.on('data', (chunk) => (output += chunk));
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`app did not start:\n${output}`)), 180_000);
		child.stdout.on('data', (chunk) => {
			output += chunk;
			if (output.includes('Ready in')) {
				clearTimeout(timer);
				resolve();
			}
		});
		child.on('exit', (code) => reject(new Error(`app exited (${code}):\n${output}`)));
	});
	process.env.SAMMEN_BASE_URL = `http://127.0.0.1:${port}`;
	process.env.SAMMEN_API_URL = `http://127.0.0.1:${apiPort}`;
	process.env.SAMMEN_MAIL_URL = `http://127.0.0.1:${mailPort}`;
	process.env.SAMMEN_TEST_DB_URL = `postgresql://supabase_admin:postgres@127.0.0.1:${dbPort}/postgres`;

	return async () => {
		// Read back every personal value of the run while the database and mail catcher still run.
		const sql = postgres(process.env.SAMMEN_TEST_DB_URL!, { max: 1, onnotice: () => {} });
		let harvestError: unknown = null;
		const personal = await collectPersonal(sql, process.env.SAMMEN_MAIL_URL!)
			.catch((error) => ((harvestError = error), []))
			.finally(() => sql.end());
		const exited = new Promise((done) => child.once('exit', done));
		child.kill('SIGINT');
		await exited;
		const postgresLog = await readFile(join(dataDir, 'postgres/server.log'), 'utf8').catch(
			() => ''
		);
		await rm(dataDir, { recursive: true, force: true });
		await mkdir(join(root, '.test-results'), { recursive: true });
		await writeFile(join(root, '.test-results/app.log'), output);
		await writeFile(join(root, '.test-results/postgres.log'), postgresLog);
		// The app's and the runtime's whole output and Postgres's log hold no one's name, address,
		// phone number or token (tests/support/personal-data.ts says where they come from).
		const leaks = [
			...findLeaks(output, personal).map((l) => ({ ...l, file: 'app.log' })),
			...findLeaks(postgresLog, personal).map((l) => ({ ...l, file: 'postgres.log' }))
		];
		console.log(
			`privacy: ${new Set(personal.map((p) => p.value)).size} personal values searched for in ${output.length + postgresLog.length} characters of server output; ${leaks.length} found`
		);
		// supabase-js warns when the server reads the user object of the session cookie, which the
		// browser controls; the app must decide from verified claims and Auth's own answers.
		const insecure = output.split('\n').filter((line) => /could be insecure/i.test(line));
		if (insecure.length)
			throw new Error(`the app read the cookie's user object:\n${insecure.slice(0, 3).join('\n')}`);
		if (harvestError) throw harvestError;
		if (leaks.length)
			throw new Error(
				`personal data in the server's output (.test-results/):\n${leaks
					.slice(0, 20)
					.map((l) => `  ${l.file}:${l.line} ${l.kind} ${l.masked}`)
					.join('\n')}`
			);
	};
}
