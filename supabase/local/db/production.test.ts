// NODE_ENV=production is refused before any database is touched: `npm run supabase:local`,
// `npm start` and `npm run dev` against a fresh database (on a cluster of this test's own, so
// cluster-wide roles start as initdb left them) exit non-zero and change nothing.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../util/free-port.ts';
import { ensureDatabase } from './databases.ts';
import { startEmbedded, type RunningCluster } from './embedded.ts';
import { withDatabase } from './urls.ts';

const root = new URL('../../..', import.meta.url).pathname;
let folder: string;
let cluster: RunningCluster;
let databaseUrl: string;

/** Everything a start could change: roles (cluster-wide), databases, and the database's objects. */
async function snapshot() {
	const server = postgres(cluster.superuserUrl, { max: 1, onnotice: () => {} });
	const database = postgres(databaseUrl, { max: 1, onnotice: () => {} });
	try {
		return {
			roles: await server`
				select rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin,
					rolreplication, rolbypassrls, rolpassword, rolconnlimit, rolvaliduntil
				from pg_authid order by rolname`,
			roleSettings: await server`select * from pg_db_role_setting order by 1, 2`,
			databases: await server`
				select datname, datdba::regrole::text as owner, datacl::text from pg_database
				order by datname`,
			schemas: await database`
				select nspname, nspowner::regrole::text as owner, nspacl::text from pg_namespace
				order by nspname`,
			relations: await database`
				select relnamespace::regnamespace::text as schema, relname, relkind,
					relowner::regrole::text as owner
				from pg_class where relnamespace::regnamespace::text not in ('pg_catalog', 'information_schema', 'pg_toast')
				order by 1, 2`,
			functions: await database`
				select pronamespace::regnamespace::text as schema, proname from pg_proc
				where pronamespace::regnamespace::text not in ('pg_catalog', 'information_schema')
				order by 1, 2`,
			extensions: await database`select extname from pg_extension order by 1`
		};
	} finally {
		await server.end();
		await database.end();
	}
}

async function run(args: string[]): Promise<{ code: number | null; output: string }> {
	const child = spawn('npm', args, {
		cwd: root,
		env: {
			...process.env,
			NODE_ENV: 'production',
			DATABASE_URL: databaseUrl,
			SAMMEN_DATA_DIR: join(folder, 'data'),
			PORT: String(await freePort()),
			SAMMEN_API_PORT: String(await freePort()),
			SAMMEN_SMTP_PORT: String(await freePort()),
			SAMMEN_MAIL_PORT: String(await freePort())
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout.on('data', (c) => (output += c));
	child.stderr.on('data', (c) => (output += c));
	const code = await new Promise<number | null>((done) => child.once('exit', done));
	return { code, output };
}

beforeAll(async () => {
	folder = await mkdtemp(join(tmpdir(), 'sammen-production-'));
	await chmod(folder, 0o755); // Postgres runs as its own user when we are root
	cluster = await startEmbedded({
		dataDir: join(folder, 'postgres'),
		port: await freePort(),
		ephemeral: true
	});
	await ensureDatabase(cluster.superuserUrl, 'fresh');
	databaseUrl = withDatabase(cluster.superuserUrl, 'fresh');
});
afterAll(async () => {
	await cluster?.stop();
	await rm(folder, { recursive: true, force: true });
});

describe('NODE_ENV=production', () => {
	it.each([
		['npm run supabase:local', ['run', '--silent', 'supabase:local']],
		['npm start', ['start', '--silent']],
		['npm run dev', ['run', '--silent', 'dev']]
	])(
		'%s refuses before touching the database',
		async (_name, args) => {
			const before = await snapshot();
			const { code, output } = await run(args);
			expect(code, output).not.toBe(0);
			expect(output).toContain('NODE_ENV=production');
			expect(output).toContain('refuses to run');
			expect(await snapshot()).toEqual(before);
			expect(existsSync(join(folder, 'data'))).toBe(false);
		},
		120_000
	);
});
