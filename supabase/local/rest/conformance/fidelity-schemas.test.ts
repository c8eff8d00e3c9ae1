/**
 * Issue 16: exposed schemas ([api] schemas in config.toml) and switching between them with
 * Accept-Profile / Content-Profile, on fidelity.sql's `v2` schema (a table named like one in
 * public, and a function reading an unqualified name).
 *
 * Sources are named above each case: PostgREST's test/spec/Feature/Query/MultipleSchemaSpec.hs
 * (recorded answers; its older PGRST106 text was since replaced by the one in Error.hs), Error.hs
 * UnacceptableSchema, Query.hs setPgLocals (search_path = the request's schema, then
 * db-extra-search-path), and PostgREST's documentation, API > Schemas.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	anonClient,
	expectData,
	restFetch,
	serviceClient,
	startConformanceRuntime,
	type TestRuntime
} from './helpers.ts';

describe('two exposed schemas', () => {
	let rt: TestRuntime;
	beforeAll(async () => {
		rt = await startConformanceRuntime({ fidelity: true, schemas: ['public', 'v2'] });
	});
	afterAll(async () => {
		await rt?.stop();
	});

	// Source: MultipleSchemaSpec.hs, "succeeds in reading table from default schema v1 if no
	// schema is selected via header" (the first schema, named in Content-Profile).
	it('reads the first schema without a profile, and names it', async () => {
		const res = await restFetch(rt, '/employees?select=first_name&id=eq.1');
		expect({
			status: res.status,
			json: res.json,
			profile: res.headers.get('content-profile')
		}).toEqual({ status: 200, json: [{ first_name: 'Ada' }], profile: 'public' });
	});

	// Source: MultipleSchemaSpec.hs, "succeeds in reading table from schema v2".
	it('reads another schema with Accept-Profile', async () => {
		const res = await restFetch(rt, '/employees?select=first_name,version', {
			headers: { 'accept-profile': 'v2' }
		});
		expect({
			status: res.status,
			json: res.json,
			profile: res.headers.get('content-profile')
		}).toEqual({ status: 200, json: [{ first_name: 'Ada v2', version: 2 }], profile: 'v2' });
	});

	// Source: MultipleSchemaSpec.hs, "succeeds inserting on the v2 schema and returning its
	// parent" (Content-Profile chooses the schema of a write); supabase-js .schema().
	it('writes to another schema with Content-Profile', async () => {
		const v2 = serviceClient(rt).schema('v2');
		const res = await v2
			.from('employees')
			.insert({ id: 2, first_name: 'Ben v2' })
			.select('id, first_name, version');
		expectData(res, 201, [{ id: 2, first_name: 'Ben v2', version: 2 }]);
		const publicRow = await serviceClient(rt).from('employees').select('first_name').eq('id', 2);
		expectData(publicRow, 200, [{ first_name: 'Ben' }]);
	});

	// Source: Query.hs setPgLocals (search_path is the request's schema, then the extra search
	// path); MultipleSchemaSpec.hs, "succeeds in calling the v2 schema proc".
	it('calls a function of another schema with its schema first on the search_path', async () => {
		const res = await anonClient(rt).schema('v2').rpc('which_employees');
		expectData(res, 200, 'Ada v2');
	});

	// Source: Error.hs UnacceptableSchema (PGRST106, 406, "Invalid schema: …", the exposed ones in
	// the hint); MultipleSchemaSpec.hs, "fails trying to read table from unkown schema".
	it('answers 406 PGRST106 for a schema that is not exposed', async () => {
		const read = await restFetch(rt, '/employees', { headers: { 'accept-profile': 'private' } });
		const write = await restFetch(rt, '/employees', {
			method: 'POST',
			headers: { 'content-profile': 'private', 'content-type': 'application/json' },
			body: JSON.stringify({ id: 9, first_name: 'X' })
		});
		const expected = {
			status: 406,
			json: {
				code: 'PGRST106',
				details: null,
				hint: 'Only the following schemas are exposed: public, v2',
				message: 'Invalid schema: private'
			}
		};
		expect([read, write].map((r) => ({ status: r.status, json: r.json }))).toEqual([
			expected,
			expected
		]);
	});
});

describe('one exposed schema (config.toml: [api] schemas = ["public"])', () => {
	let rt: TestRuntime;
	beforeAll(async () => {
		rt = await startConformanceRuntime({ fidelity: true });
	});
	afterAll(async () => {
		await rt?.stop();
	});

	// Source: Error.hs UnacceptableSchema.
	it('answers 406 PGRST106 for a schema that exists but is not exposed', async () => {
		const res = await restFetch(rt, '/employees', { headers: { 'accept-profile': 'v2' } });
		expect({ status: res.status, json: res.json }).toEqual({
			status: 406,
			json: {
				code: 'PGRST106',
				details: null,
				hint: 'Only the following schemas are exposed: public',
				message: 'Invalid schema: v2'
			}
		});
	});
});
