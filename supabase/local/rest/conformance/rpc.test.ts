/**
 * Functions (RPC) over POST, GET and HEAD: named arguments, scalar, set-returning,
 * table-returning and void functions, overloads, filters on the result, raised errors and
 * PGRST202.
 *
 * Sources are named above each case. "postgrest-js <file>" means a response recorded in
 * supabase/supabase-js, packages/core/postgrest-js/test/<file>, against the same fixture.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import {
	anonClient,
	expectData,
	expectError,
	startConformanceRuntime,
	type TestRuntime
} from './helpers.ts';

let rt: TestRuntime;
let db: SupabaseClient;

beforeAll(async () => {
	rt = await startConformanceRuntime();
	db = anonClient(rt);
});

afterAll(async () => {
	await rt?.stop();
});

describe('scalar and void functions', () => {
	// Source: postgrest-js basic.test.ts, "rpc".
	it('returns a scalar over POST', async () => {
		const res = await db.rpc('get_status', { name_param: 'supabot' });
		expectData(res, 200, 'ONLINE', null);
	});

	// Source: PostgREST docs, API > Functions as RPC > Calling with GET; PostgREST
	// test/spec/Feature/Query/RpcSpec.hs, "includes exact count of 1 for functions that return a
	// single scalar" (add_them over GET).
	it('returns a scalar over GET with named arguments', async () => {
		const res = await db.rpc('add_numbers', { a: 2, b: 3 }, { get: true });
		expectData(res, 200, 5);
	});

	// Source: postgrest-js basic.test.ts, "rpc with count: 'exact'" (a scalar counts as 1 row).
	it('counts a scalar result as one row', async () => {
		const res = await db.rpc('get_status', { name_param: 'supabot' }, { count: 'exact' });
		expectData(res, 200, 'ONLINE', 1);
	});

	// Source: postgrest-js basic.test.ts, "rpc with get:true, count:exact".
	it('counts a scalar result over GET', async () => {
		const res = await db.rpc(
			'get_status',
			{ name_param: 'supabot' },
			{ get: true, count: 'exact' }
		);
		expectData(res, 200, 'ONLINE', 1);
	});

	// Source: postgrest-js basic.test.ts, "rpc with head:true, count:exact".
	it('answers HEAD with the count only', async () => {
		const res = await db.rpc(
			'get_status',
			{ name_param: 'supabot' },
			{ head: true, count: 'exact' }
		);
		expectData(res, 200, null, 1);
	});

	// Source: postgrest-js basic.test.ts, "rpc returns void"; PostgREST
	// test/spec/Feature/Query/RpcSpec.hs, "returns 204, no Content-Type header and no content for
	// void".
	it('answers 204 for a void function', async () => {
		const res = await db.rpc('void_func');
		expectData(res, 204, null, null);
	});

	// Source: postgrest-js basic.test.ts, "rpc with get:true, array param".
	it('passes an array argument over GET', async () => {
		const res = await db.rpc(
			'function_with_array_param',
			{ param: ['00000000-0000-0000-0000-000000000000'] },
			{ get: true }
		);
		expectData(res, 204, null);
	});

	// Source: postgrest-js basic.test.ts, "rpc with get:true, optional param" (an undefined
	// argument is left out and the default applies).
	it('uses the default of an omitted argument', async () => {
		const res = await db.rpc('function_with_optional_param', { param: undefined }, { get: true });
		expectData(res, 200, '');
	});

	// Source: PostgREST test/spec/Feature/Query/RpcSpec.hs, "can handle unicode" (sayhello).
	it('round-trips text arguments exactly', async () => {
		const text = 'Hei på deg ￥ 👋 "quoted" \\ back';
		const res = await db.rpc('echo_text', { txt: text });
		expectData(res, 200, text);
	});
});

describe('set- and table-returning functions', () => {
	// Source: postgrest-js rpc.test.ts, "RPC call with no params" (RETURNS TABLE).
	it('returns the rows of a table-returning function', async () => {
		const res = await db.rpc('get_username_and_status', { name_param: 'supabot' });
		expectData(res, 200, [{ username: 'supabot', status: 'ONLINE' }]);
	});

	// Source: postgrest-js transforms.test.ts, "select on rpc".
	it('selects columns of the result', async () => {
		const res = await db.rpc('get_username_and_status', { name_param: 'supabot' }).select('status');
		expectData(res, 200, [{ status: 'ONLINE' }]);
	});

	// Source: postgrest-js filters.test.ts, "filter on rpc".
	it('filters the result', async () => {
		const res = await db
			.rpc('get_username_and_status', { name_param: 'supabot' })
			.neq('status', 'ONLINE');
		expectData(res, 200, []);
	});

	// Source: PostgREST test/spec/Feature/Query/RpcSpec.hs, "can filter proc results" and "select
	// works on the first level"; PostgREST docs, API > Functions as RPC (filters and order on
	// set-returning functions).
	it('orders the rows of a set-returning function', async () => {
		const res = await db
			.rpc('list_channel_messages', { p_channel_id: 3 })
			.select('id, message')
			.order('id', { ascending: false });
		expectData(res, 200, [
			{ id: 4, message: 'Some message on channel without details' },
			{ id: 3, message: 'Some message on channel without details' }
		]);
	});

	// Source: PostgREST test/spec/Feature/Query/RpcSpec.hs, "can filter proc results" (GET).
	it('filters a set-returning function called over GET', async () => {
		const res = await db
			.rpc('list_channel_messages', { p_channel_id: 3 }, { get: true })
			.select('id')
			.eq('id', 4);
		expectData(res, 200, [{ id: 4 }]);
	});

	// Source: PostgREST test/spec/Feature/Query/RpcSpec.hs, "includes total count if requested"
	// (206 with Content-Range 1-1/2).
	it('counts the rows of a partial range with 206', async () => {
		const res = await db
			.rpc('list_channel_messages', { p_channel_id: 3 }, { count: 'exact' })
			.select('id')
			.order('id')
			.range(1, 1);
		expectData(res, 206, [{ id: 4 }], 2);
	});

	// Source: PostgREST test/spec/Feature/Query/RpcSpec.hs, "includes exact count if requested"
	// (HEAD, 200 with the total).
	it('answers HEAD on a set-returning function with the count', async () => {
		const res = await db.rpc(
			'list_channel_messages',
			{ p_channel_id: 3 },
			{ head: true, count: 'exact' }
		);
		expectData(res, 200, null, 2);
	});

	// Source: PostgREST test/spec/Feature/Query/RpcSpec.hs, "returns empty json array" (a proc that
	// returns an empty rowset).
	it('returns an empty array for an empty set', async () => {
		const res = await db.rpc('list_channel_messages', { p_channel_id: 999 });
		expectData(res, 200, []);
	});

	// Source: PostgREST test/spec/Feature/Query/SingularSpec.hs, "when calling a stored proc ...
	// fails for zero rows" (406 PGRST116).
	it('fails single() on an empty set with 406 PGRST116', async () => {
		const res = await db.rpc('list_channel_messages', { p_channel_id: 999 }).single();
		expectError(res, 406, {
			code: 'PGRST116',
			details: 'The result contains 0 rows',
			hint: null,
			message: 'Cannot coerce the result to a single JSON object'
		});
	});
});

describe('overloaded functions', () => {
	// Source: PostgREST test/spec/Feature/Query/RpcSpec.hs, "should work with an overloaded
	// function" ("overloaded()").
	it('calls the overload without arguments', async () => {
		const res = await db.rpc('overloaded_fn');
		expectData(res, 200, 'no arguments');
	});

	// Source: PostgREST docs, API > Functions as RPC > Overloaded functions (chosen by argument
	// names); RpcSpec.hs, "should work with an overloaded function".
	it('calls the overload whose argument is named a', async () => {
		const res = await db.rpc('overloaded_fn', { a: 7 });
		expectData(res, 200, 'a = 7');
	});

	// Source: PostgREST docs, API > Functions as RPC > Overloaded functions.
	it('calls the overload whose argument is named b', async () => {
		const res = await db.rpc('overloaded_fn', { b: 'seven' });
		expectData(res, 200, 'b = seven');
	});

	// Source: RpcSpec.hs, "overloaded(int, int)" (over GET).
	it('calls the two-argument overload over GET', async () => {
		const res = await db.rpc('overloaded_fn', { a: 6, b: 7 }, { get: true });
		expectData(res, 200, 42);
	});
});

describe('errors', () => {
	// Source: src/PostgREST/Error.hs (mapSQLtoHTTP: "P0001" -> 400; code, message, details and
	// hint from the RAISE); RpcSpec.hs, "treats simple plpgsql raise as invalid input".
	it('answers 400 with the RAISE EXCEPTION fields', async () => {
		const res = await db.rpc('raise_error');
		expectError(res, 400, {
			code: 'P0001',
			message: 'Something went wrong',
			details: 'Some detail',
			hint: 'Some hint'
		});
	});

	// Source: PostgREST test/spec/Feature/Query/RpcSpec.hs, "can map a RAISE error code and message
	// to a http status" (SQLSTATE PT402 -> 402); ErrorSpec.hs.
	it('maps SQLSTATE PTxyz to HTTP status xyz', async () => {
		const res = await db.rpc('raise_pt402');
		expectError(res, 402, {
			code: 'PT402',
			message: 'Payment Required',
			details: 'Quota exceeded',
			hint: 'Upgrade your plan'
		});
	});

	// Source: postgrest-js rpc.test.ts, "RPC get_status with no params"; src/PostgREST/Error.hs
	// (NoRpc, POST with JSON: "... or with a single unnamed json/jsonb parameter").
	it('answers 404 PGRST202 when no overload takes no arguments', async () => {
		const res = await db.rpc('get_status');
		expectError(res, 404, {
			code: 'PGRST202',
			details:
				'Searched for the function public.get_status without parameters or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.',
			hint: null,
			message:
				'Could not find the function public.get_status without parameters in the schema cache'
		});
	});

	// Source: PostgREST test/spec/Feature/Query/RpcSpec.hs, "should fail with 404 and hint the
	// closest args on unknown proc args"; src/PostgREST/Error.hs (noRpcHint).
	it('answers 404 PGRST202 with the closest arguments as hint', async () => {
		const res = await db.rpc('add_numbers', { a: 1, c: 2 });
		expectError(res, 404, {
			code: 'PGRST202',
			details:
				'Searched for the function public.add_numbers with parameters a, c or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.',
			hint: 'Perhaps you meant to call the function public.add_numbers(a, b)',
			message: 'Could not find the function public.add_numbers(a, c) in the schema cache'
		});
	});

	// Source: PostgREST test/spec/Feature/Query/RpcSpec.hs, "should fail with 404 and hint the
	// closest proc on unknown proc name"; src/PostgREST/Error.hs (noRpcHint).
	it('answers 404 PGRST202 with the closest function name as hint', async () => {
		const res = await db.rpc('add_numberz', { a: 1, b: 2 });
		expectError(res, 404, {
			code: 'PGRST202',
			details:
				'Searched for the function public.add_numberz with parameters a, b or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.',
			hint: 'Perhaps you meant to call the function public.add_numbers',
			message: 'Could not find the function public.add_numberz(a, b) in the schema cache'
		});
	});

	// Source: PostgREST test/spec/Feature/Query/RpcSpec.hs, "should not ignore unknown args and fail
	// with 404" (GET: no "json/jsonb" clause in details).
	it('answers 404 PGRST202 over GET for an unknown argument', async () => {
		const res = await db.rpc('add_numbers', { a: 1, b: 2, c: 3 }, { get: true });
		expectError(res, 404, {
			code: 'PGRST202',
			details:
				'Searched for the function public.add_numbers with parameters a, b, c, but no matches were found in the schema cache.',
			hint: 'Perhaps you meant to call the function public.add_numbers(a, b)',
			message: 'Could not find the function public.add_numbers(a, b, c) in the schema cache'
		});
	});
});
