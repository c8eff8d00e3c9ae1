// Rules every migration must keep, checked in SQL terms on the migrated schema
// (DESIGN.md: RLS on every table; security definer functions pin their search_path).
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloneTemplate, type TestDatabase } from '../../tests/support/database.ts';

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

describe('schema rules', () => {
	it('every table in an app schema has Row Level Security enabled', async () => {
		const rows = await sql<{ table: string }[]>`
			select n.nspname || '.' || c.relname as table
			from pg_class c join pg_namespace n on n.oid = c.relnamespace
			where c.relkind in ('r', 'p') and not c.relrowsecurity
				and n.nspname not in ('pg_catalog', 'information_schema', 'extensions', 'auth',
					'supabase_migrations', 'pg_toast')`;
		expect(rows).toEqual([]);
	});

	it('no security definer function lacks a fixed search_path', async () => {
		const rows = await sql<{ fn: string }[]>`
			select p.oid::regprocedure::text as fn
			from pg_proc p join pg_namespace n on n.oid = p.pronamespace
			where p.prosecdef
				and n.nspname not in ('pg_catalog', 'information_schema', 'extensions', 'auth')
				and not exists (
					select 1 from unnest(coalesce(p.proconfig, '{}')) as c where c like 'search_path=%')`;
		expect(rows).toEqual([]);
	});

	it('every app table and function belongs to postgres, as migrations create them', async () => {
		const rows = await sql<{ object: string; owner: string }[]>`
			select tablename as object, tableowner as owner from pg_tables
			where schemaname = 'public' and tableowner <> 'postgres'`;
		expect(rows).toEqual([]);
	});
});
