// Row Level Security on organizations, as each API role (the REST layer runs requests exactly so).
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

/** Runs `query` as `role` with its JWT claims, like one PostgREST request; always rolled back. */
async function as<T>(role: string, query: (tx: postgres.TransactionSql) => Promise<T>): Promise<T> {
	let result: T | undefined;
	await sql
		.begin(async (tx) => {
			const claims = JSON.stringify({
				role,
				sub: role === 'authenticated' ? crypto.randomUUID() : undefined
			});
			await tx`select set_config('request.jwt.claims', ${claims}, true)`;
			await tx.unsafe(`set local role ${role}`);
			result = await query(tx);
			throw new Rollback();
		})
		.catch((error) => {
			if (!(error instanceof Rollback)) throw error;
		});
	return result as T;
}
class Rollback extends Error {}

describe('organizations RLS', () => {
	it.each(['anon', 'authenticated'])('%s sees approved organizations only', async (role) => {
		const rows = await as(
			role,
			(tx) => tx<{ status: string }[]>`select status from public.organizations`
		);
		expect(rows.length).toBe(7); // the seed's approved organizations
		expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['approved']));
	});

	it('service_role sees every organization, pending too', async () => {
		const rows = await as('service_role', (tx) => tx`select status from public.organizations`);
		expect(rows.map((r) => r.status)).toContain('pending');
	});

	it.each(['anon', 'authenticated'])('%s cannot create organizations', async (role) => {
		await expect(
			as(
				role,
				(tx) => tx`insert into public.organizations (slug, name, kind)
				values ('ny-forening', 'Ny forening', 'ngo')`
			)
		).rejects.toThrow(/row-level security/);
	});

	it.each(['anon', 'authenticated'])('%s cannot change or delete organizations', async (role) => {
		const updated = await as(
			role,
			(tx) => tx`update public.organizations set name = 'X' returning id`
		);
		const deleted = await as(role, (tx) => tx`delete from public.organizations returning id`);
		expect(updated.length + deleted.length).toBe(0);
	});

	it('rejects a retention period outside 1–90 days', async () => {
		await expect(
			as('service_role', (tx) => tx`update public.organizations set retention_days = 91`)
		).rejects.toThrow(/retention_days/);
	});
});
