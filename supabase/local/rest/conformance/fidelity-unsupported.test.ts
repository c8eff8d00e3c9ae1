/**
 * Issue 16: what the runtime does not support answers with an error, never with a result
 * PostgREST would not give. One case per row of README.md's "Not supported" table (aggregates and
 * execution plans are in fidelity-prefer.test.ts, polymorphic parameters in fidelity-rpc.test.ts).
 *
 * Sources: PostgREST's src/PostgREST/Error.hs for the codes and texts the runtime reuses, and this
 * folder's README.md for the list itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restFetch, startConformanceRuntime, superuserQuery, type TestRuntime } from './helpers.ts';

let rt: TestRuntime;

beforeAll(async () => {
	rt = await startConformanceRuntime({ fidelity: true });
});

afterAll(async () => {
	await rt?.stop();
});

const json = { 'content-type': 'application/json' };

async function answer(path: string, init: Parameters<typeof restFetch>[2] = {}) {
	const res = await restFetch(rt, path, init);
	return { status: res.status, json: res.json };
}

const error = (code: string, message: string, details: string | null = null) => ({
	code,
	details,
	hint: null,
	message
});

describe('unsupported features answer with an error', () => {
	// Source: Error.hs UnsupportedMethod (PGRST117, 405).
	it('PUT', async () => {
		const res = await answer('/counters?id=eq.1', {
			method: 'PUT',
			headers: json,
			body: JSON.stringify({ id: 1, grp: 'small', n: 5 })
		});
		expect(res).toEqual({
			status: 405,
			json: error('PGRST117', 'Unsupported HTTP method: PUT')
		});
	});

	// Source: Error.hs InvalidBody (PGRST102, 400).
	it('a form-encoded body', async () => {
		const res = await answer('/counters', {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: 'id=50&grp=x'
		});
		expect(res).toEqual({ status: 400, json: error('PGRST102', 'Empty or invalid json') });
	});

	// Source: Error.hs MediaTypeError (PGRST107, 406).
	it('a GeoJSON or plain text response', async () => {
		const geo = await answer('/counters', { headers: { accept: 'application/geo+json' } });
		const text = await answer('/rpc/current_tz', { headers: { accept: 'text/plain' } });
		expect([geo, text]).toEqual([
			{
				status: 406,
				json: error('PGRST107', 'None of these media types are available: application/geo+json')
			},
			{
				status: 406,
				json: error('PGRST107', 'None of these media types are available: text/plain')
			}
		]);
	});

	// Source: Error.hs InvalidResourcePath (PGRST125, 404).
	it('the OpenAPI description', async () => {
		expect(await answer('/')).toEqual({
			status: 404,
			json: error('PGRST125', 'Invalid path specified in request URL')
		});
	});

	// Source: PostgREST 12's SpreadNotToOne (PGRST119, 400).
	it('spreading a to-many relationship', async () => {
		expect(await answer('/addresses?select=name,...orders!billing_address_id(name)')).toEqual({
			status: 400,
			json: error(
				'PGRST119',
				"A spread operation on 'orders' is not possible",
				"'addresses' and 'orders' do not form a many-to-one or one-to-one relationship"
			)
		});
	});

	// Source: Postgres (42703 for a column it does not know); Error.hs NoRelBetween (PGRST200).
	it('computed fields and relationships in a write representation', async () => {
		const field = await answer('/employees?select=id,full_name', {
			method: 'POST',
			headers: { ...json, prefer: 'return=representation' },
			body: JSON.stringify({ id: 9, first_name: 'Zed' })
		});
		const relationship = await answer('/employees?select=id,supervisor(first_name)', {
			method: 'POST',
			headers: { ...json, prefer: 'return=representation' },
			body: JSON.stringify({ id: 9, first_name: 'Zed' })
		});
		expect([field, relationship]).toEqual([
			{ status: 400, json: error('42703', 'column employees.full_name does not exist') },
			{
				status: 400,
				json: error(
					'PGRST200',
					"Could not find a relationship between 'employees' and 'supervisor' in the schema cache",
					"Searched for a foreign key relationship between 'employees' and 'supervisor' in the schema 'public', but no matches were found."
				)
			}
		]);
		const rows = await superuserQuery(rt, 'select 1 from public.employees where id = 9');
		expect(rows).toEqual([]);
	});

	// Source: Postgres (42703: a view has no ctid).
	it('a limited delete on a view', async () => {
		const res = await restFetch(rt, '/messages_view?order=id&limit=1', {
			method: 'DELETE',
			headers: { authorization: `Bearer ${rt.secretKey}`, apikey: rt.secretKey }
		});
		expect({ status: res.status, code: (res.json as { code: string }).code }).toEqual({
			status: 400,
			code: '42703'
		});
		const rows = await superuserQuery<{ n: string }>(
			rt,
			'select count(*) as n from public.messages'
		);
		expect(Number(rows[0].n)).toBe(4);
	});
});
