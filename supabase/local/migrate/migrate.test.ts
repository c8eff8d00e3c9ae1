// Migrations go through the real Supabase CLI as the non-superuser `postgres`, as on hosted.
import { cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bootstrap } from '../bootstrap/index.ts';
import { dropDatabase, ensureDatabase } from '../db/databases.ts';
import { LOCAL_PASSWORD } from '../db/embedded.ts';
import { withDatabase, withUser } from '../db/urls.ts';
import { migrate, runSupabaseCli } from './index.ts';

const root = new URL('../../..', import.meta.url).pathname;
const created: string[] = [];
let workdir: string;

/** A fresh, bootstrapped but unmigrated database in the test cluster. */
async function freshDatabase(): Promise<{ superuserUrl: string; postgresUrl: string }> {
	const name = `fresh_${Math.random().toString(36).slice(2, 10)}`;
	const templateUrl = inject('templateUrl');
	await ensureDatabase(templateUrl, name);
	created.push(name);
	const superuserUrl = withDatabase(templateUrl, name);
	await bootstrap(superuserUrl);
	return { superuserUrl, postgresUrl: withUser(superuserUrl, 'postgres', LOCAL_PASSWORD) };
}

/** A copy of supabase/ (config, migrations, seed) that a test may add migrations to. */
async function copyOfProject(): Promise<string> {
	const dir = await mkdtemp(join(tmpdir(), 'sammen-migrate-'));
	await cp(join(root, 'supabase/config.toml'), join(dir, 'supabase/config.toml'));
	await cp(join(root, 'supabase/migrations'), join(dir, 'supabase/migrations'), {
		recursive: true
	});
	await cp(join(root, 'supabase/seed.sql'), join(dir, 'supabase/seed.sql'));
	await cp(join(root, 'supabase/templates'), join(dir, 'supabase/templates'), { recursive: true });
	return dir;
}

beforeAll(async () => {
	workdir = await copyOfProject();
});

afterAll(async () => {
	for (const name of created) await dropDatabase(inject('templateUrl'), name);
	await rm(workdir, { recursive: true, force: true });
});

describe('migrations', () => {
	it('all apply as the non-superuser postgres on a fresh database, recorded as the CLI records them', async () => {
		const db = await freshDatabase();
		await migrate(db.postgresUrl, { workdir: root, seed: false });
		const files = (await readdir(join(root, 'supabase/migrations'))).filter((f) =>
			f.endsWith('.sql')
		);
		const sql = postgres(db.superuserUrl, { max: 1 });
		try {
			const rows = await sql<{ version: string }[]>`
				select version from supabase_migrations.schema_migrations order by version`;
			expect(rows.map((r) => r.version)).toEqual(files.map((f) => f.split('_')[0]).sort());
			const [owner] = await sql`select tableowner from pg_tables
				where schemaname = 'public' and tablename = 'organizations'`;
			expect(owner.tableowner).toBe('postgres');
			const [{ n }] = await sql`select count(*)::int as n from public.organizations`;
			expect(n).toBe(0); // no seed unless asked
		} finally {
			await sql.end();
		}
	});

	it.each([
		['alter system', "alter system set work_mem = '64MB'", 'alter system reset work_mem'],
		['an untrusted extension', 'create extension file_fdw', 'drop extension file_fdw'],
		['a superuser role', 'create role sneaky superuser', 'drop role sneaky'],
		['writing to the auth schema', 'create table auth.sneaky (id int)', 'drop table auth.sneaky']
	])('refuses a migration that needs superuser: %s', async (_name, statement, undo) => {
		const db = await freshDatabase();
		const dir = await copyOfProject();
		try {
			await writeFile(
				join(dir, 'supabase/migrations/29991231000000_needs_superuser.sql'),
				`${statement};`
			);
			await expect(migrate(db.postgresUrl, { workdir: dir, seed: false })).rejects.toThrow(
				/permission denied|must be superuser|insufficient privilege/i
			);
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
		// Control: the statement itself is valid, and runs for a superuser.
		const sql = postgres(db.superuserUrl, { max: 1, onnotice: () => {} });
		try {
			await sql.unsafe(statement);
			await sql.unsafe(undo);
		} finally {
			await sql.end();
		}
	});

	it('applies the seed once: a second push with --include-seed leaves edited data alone', async () => {
		const db = await freshDatabase();
		await migrate(db.postgresUrl, { workdir, seed: true });
		const sql = postgres(db.superuserUrl, { max: 1 });
		try {
			await sql`update public.organizations set name = 'Endret' where slug = 'samtalegruppa'`;
			await migrate(db.postgresUrl, { workdir, seed: true });
			const [row] = await sql`select name from public.organizations where slug = 'samtalegruppa'`;
			expect(row.name).toBe('Endret');
		} finally {
			await sql.end();
		}
	});
});

describe('config.toml', () => {
	// Never connect to the template itself: other test files are cloning it.
	const validate = async (dir: string) => {
		const db = await freshDatabase();
		return runSupabaseCli(
			['db', 'push', '--dry-run', '--yes', `--remote=${db.postgresUrl}?sslmode=disable`],
			dir
		);
	};

	it('is accepted by the Supabase CLI', async () => {
		const result = await validate(root);
		expect(result.stderr).not.toMatch(/config\.toml/);
		expect(result.code).toBe(0);
	});

	it('is really checked: the CLI rejects an outdated section', async () => {
		const dir = await copyOfProject();
		try {
			await writeFile(join(dir, 'supabase/config.toml'), '[inbucket]\nenabled = true\n', {
				flag: 'a'
			});
			const result = await validate(dir);
			expect(result.code).not.toBe(0);
			expect(result.stderr).toMatch(/\[inbucket\].*no longer supported/);
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	});
});
