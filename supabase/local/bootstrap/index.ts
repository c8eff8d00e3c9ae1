import { readFile } from 'node:fs/promises';
import postgres from 'postgres';
import { LOCAL_PASSWORD } from '../db/embedded.ts';

const here = new URL('.', import.meta.url);
const load = (name: string) => readFile(new URL(name, here), 'utf8');

/** Login roles the runtime creates, each with the local password (never used outside loopback). */
const LOGIN_ROLES = ['postgres', 'authenticator', 'supabase_auth_admin'] as const;

/**
 * Makes one database look like a hosted Supabase database before any migration runs: roles,
 * `extensions`, default grants, the `auth` schema. `superuserUrl` names the database to prepare.
 * Idempotent: roles are cluster-wide and shared with template clones.
 */
export async function bootstrap(superuserUrl: string): Promise<void> {
	const sql = postgres(superuserUrl, { max: 1, onnotice: () => {} });
	try {
		// Roles are cluster-wide; a lock keeps two bootstraps of one cluster from racing.
		await sql.begin(async (tx) => {
			await tx`select pg_advisory_xact_lock(7252001)`;
			await tx.unsafe(await load('roles.sql'));
			for (const role of LOGIN_ROLES) {
				await tx.unsafe(`alter role ${role} password '${LOCAL_PASSWORD.replaceAll("'", "''")}'`);
			}
		});
		await sql.begin(async (tx) => {
			const [{ db }] = await tx<{ db: string }[]>`select current_database() as db`;
			await tx.unsafe(`alter database "${db.replaceAll('"', '""')}" owner to postgres`);
			await tx.unsafe(await load('database.sql'));
			await tx.unsafe('create schema if not exists auth authorization supabase_auth_admin');
			await tx.unsafe('set local role supabase_auth_admin');
			await tx.unsafe(await load('auth.sql'));
			await tx.unsafe('reset role');
			await tx.unsafe(`
				grant usage on schema auth to postgres, anon, authenticated, service_role;
				grant select, references, trigger on all tables in schema auth to postgres;
				grant execute on all functions in schema auth to postgres, anon, authenticated, service_role;
			`);
		});
	} finally {
		await sql.end();
	}
}
