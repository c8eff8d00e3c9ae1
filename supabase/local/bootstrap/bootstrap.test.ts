// The bootstrap makes a plain Postgres look like a hosted Supabase database (Supabase's own
// roles, grants and auth helpers: supabase/postgres migrations and supabase/auth).
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloneTemplate, type TestDatabase } from '../../../tests/support/database.ts';
import { bootstrap } from './index.ts';

let db: TestDatabase;
let sql: postgres.Sql;

beforeAll(async () => {
	db = await cloneTemplate();
	sql = postgres(db.superuserUrl, { max: 1, onnotice: () => {} });
});
afterAll(async () => {
	await sql.end();
	await db.drop();
});

describe('bootstrap', () => {
	it('creates the roles with the attributes hosted Supabase gives them', async () => {
		const rows = await sql<
			{ rolname: string; rolsuper: boolean; rolcanlogin: boolean; rolbypassrls: boolean }[]
		>`
			select rolname, rolsuper, rolcanlogin, rolbypassrls from pg_roles
			where rolname in ('postgres', 'supabase_admin', 'anon', 'authenticated', 'service_role',
				'authenticator', 'supabase_auth_admin')
			order by rolname`;
		const byName = Object.fromEntries(rows.map((r) => [r.rolname, r]));
		expect(Object.keys(byName)).toHaveLength(7);
		expect(byName.postgres).toMatchObject({
			rolsuper: false,
			rolcanlogin: true,
			rolbypassrls: true
		});
		expect(byName.supabase_admin).toMatchObject({ rolsuper: true });
		expect(byName.anon).toMatchObject({ rolsuper: false, rolcanlogin: false, rolbypassrls: false });
		expect(byName.authenticated).toMatchObject({ rolcanlogin: false, rolbypassrls: false });
		expect(byName.service_role).toMatchObject({ rolcanlogin: false, rolbypassrls: true });
		expect(byName.authenticator).toMatchObject({ rolsuper: false, rolcanlogin: true });
	});

	it('is idempotent: a second run changes nothing and fails on nothing', async () => {
		const snapshot = () => sql`
			select (select count(*) from pg_roles) as roles,
				(select count(*) from pg_extension) as extensions,
				(select count(*) from pg_tables where schemaname = 'auth') as auth_tables,
				(select count(*) from public.organizations) as organizations`;
		const before = await snapshot();
		await bootstrap(db.superuserUrl);
		await bootstrap(db.superuserUrl);
		expect(await snapshot()).toEqual(before);
	});

	it('installs the extensions in the extensions schema', async () => {
		const rows = await sql<{ extname: string; schema: string }[]>`
			select extname, extnamespace::regnamespace::text as schema from pg_extension
			where extname <> 'plpgsql' order by extname`;
		expect(rows).toEqual(
			['btree_gist', 'citext', 'pg_trgm', 'pgcrypto', 'uuid-ossp'].map((extname) => ({
				extname,
				schema: 'extensions'
			}))
		);
	});

	it('gives the auth schema and its tables to supabase_auth_admin, with Supabase Auth names', async () => {
		const tables = await sql<{ tablename: string; tableowner: string }[]>`
			select tablename, tableowner from pg_tables where schemaname = 'auth' order by tablename`;
		expect(tables.map((t) => t.tablename)).toEqual(
			expect.arrayContaining([
				'users',
				'identities',
				'sessions',
				'refresh_tokens',
				'mfa_factors',
				'mfa_challenges',
				'mfa_amr_claims',
				'one_time_tokens',
				'flow_state',
				'audit_log_entries'
			])
		);
		expect(new Set(tables.map((t) => t.tableowner))).toEqual(new Set(['supabase_auth_admin']));
		const columns = await sql<{ column_name: string }[]>`
			select column_name from information_schema.columns
			where table_schema = 'auth' and table_name = 'users'`;
		expect(columns.map((c) => c.column_name)).toEqual(
			expect.arrayContaining([
				'id',
				'email',
				'encrypted_password',
				'email_confirmed_at',
				'raw_app_meta_data',
				'raw_user_meta_data',
				'is_anonymous',
				'confirmed_at'
			])
		);
	});

	it('answers auth.uid(), auth.role() and auth.jwt() from the request claims', async () => {
		const claims = {
			sub: '6f1d0f5e-3a1b-4c55-9a47-2a4a8b3c9d10',
			role: 'authenticated',
			email: 'a@b.no'
		};
		const [row] = await sql.begin(async (tx) => {
			await tx`select set_config('request.jwt.claims', ${JSON.stringify(claims)}, true)`;
			await tx`set local role authenticated`;
			return tx`select auth.uid()::text as uid, auth.role() as role, auth.email() as email,
				auth.jwt() ->> 'sub' as sub`;
		});
		expect(row).toEqual({
			uid: claims.sub,
			role: 'authenticated',
			email: 'a@b.no',
			sub: claims.sub
		});
	});

	it('sets the statement timeouts hosted Supabase sets for the API roles', async () => {
		const rows = await sql<{ role: string; setting: string }[]>`
			select r.rolname as role, unnest(s.setconfig) as setting
			from pg_db_role_setting s join pg_roles r on r.oid = s.setrole
			where r.rolname in ('anon', 'authenticated') and s.setdatabase = 0`;
		expect(rows).toContainEqual({ role: 'anon', setting: 'statement_timeout=3s' });
		expect(rows).toContainEqual({ role: 'authenticated', setting: 'statement_timeout=8s' });
	});
});
