/**
 * Reads: vertical filtering (columns, aliases, casts, JSON paths), ordering, limits and ranges,
 * counts with Content-Range, HEAD, singular responses, CSV and max_rows.
 *
 * Sources are named above each case. "postgrest-js <file>" means a response recorded in
 * supabase/supabase-js, packages/core/postgrest-js/test/<file>, against the same fixture rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	ALL_USERNAMES,
	anonClient,
	expectData,
	expectError,
	startConformanceRuntime,
	type TestRuntime
} from './helpers.ts';
import type { SupabaseClient } from '@supabase/supabase-js';

let rt: TestRuntime;
let db: SupabaseClient;

beforeAll(async () => {
	rt = await startConformanceRuntime();
	db = anonClient(rt);
});

afterAll(async () => {
	await rt?.stop();
});

describe('select: columns', () => {
	// Source: postgrest-js basic.test.ts, "basic select table" (the jsonuser row as recorded).
	it('returns every column of the row, with ranges, enums and tsvectors as text', async () => {
		const res = await db.from('users').select().eq('username', 'jsonuser');
		expectData(res, 200, [
			{
				username: 'jsonuser',
				data: {
					foo: 'string value',
					fooRecord: { bar: { nested: 'value' }, baz: 'string value' }
				},
				age_range: '[20,30)',
				status: 'ONLINE',
				catchphrase: "'json' 'test'"
			}
		]);
		expect(res.count).toBeNull();
	});

	// Source: PostgREST docs, API > Tables and Views > Vertical Filtering (Columns).
	it('returns only the listed columns', async () => {
		const res = await db.from('users').select('username, status').order('username');
		expectData(
			res,
			200,
			ALL_USERNAMES.map((username) => ({
				username,
				status: username === 'kiwicopple' ? 'OFFLINE' : 'ONLINE'
			}))
		);
	});

	// Source: PostgREST docs, API > Tables and Views > Vertical Filtering > Renaming Columns;
	// postgrest-js rpc.test.ts, "RPC call with field aliasing".
	it('renames columns with alias:column', async () => {
		const res = await db
			.from('users')
			.select('name:username, state:status')
			.eq('username', 'supabot');
		expectData(res, 200, [{ name: 'supabot', state: 'ONLINE' }]);
	});

	// Source: PostgREST docs, API > Tables and Views > Vertical Filtering > Casting Columns;
	// PostgREST test/spec/Feature/Query/QuerySpec.hs, "one simple column with casting (text)".
	it('casts columns with ::type', async () => {
		const res = await db.from('messages').select('id::text').order('id');
		expectData(res, 200, [{ id: '1' }, { id: '2' }, { id: '3' }, { id: '4' }]);
	});

	// Source: PostgREST test/spec/Feature/Query/QuerySpec.hs, "rename simple column with casting".
	it('combines an alias with a cast', async () => {
		const res = await db.from('messages').select('ident:id::text').eq('id', 1);
		expectData(res, 200, [{ ident: '1' }]);
	});

	// Source: PostgREST docs, API > Tables and Views > JSON Columns (the key of a JSON path is its
	// last element; ->> gives text, -> gives JSON).
	it('selects JSON paths with -> and ->>', async () => {
		const res = await db
			.from('users')
			.select('username, data->fooRecord->>baz, data->fooRecord->bar')
			.eq('username', 'jsonuser');
		expectData(res, 200, [{ username: 'jsonuser', baz: 'string value', bar: { nested: 'value' } }]);
	});

	// Source: PostgREST docs, API > Tables and Views > JSON Columns.
	it('keeps JSON types with ->, returns null for a missing key, and takes aliases', async () => {
		const res = await db
			.from('users')
			.select('number:data->bar->baz, missing:data->>nothing_here')
			.eq('username', 'jsonuserobj');
		expectData(res, 200, [{ number: 42, missing: null }]);
	});

	// Source: PostgREST docs, API > Resource Embedding > Foreign Key Joins on Views (views are read
	// like tables).
	it('reads a view', async () => {
		const res = await db.from('messages_view').select('id, channel_id').order('id');
		expectData(res, 200, [
			{ id: 1, channel_id: 1 },
			{ id: 2, channel_id: 2 },
			{ id: 3, channel_id: 3 },
			{ id: 4, channel_id: 3 }
		]);
	});
});

describe('select: order, limit, range', () => {
	// Source: postgrest-js transforms.test.ts, "order" (ascending: false).
	it('orders descending', async () => {
		const res = await db.from('users').select('username').order('username', { ascending: false });
		expectData(
			res,
			200,
			[...ALL_USERNAMES].reverse().map((username) => ({ username }))
		);
	});

	// Source: postgrest-js transforms.test.ts, "order on multiple columns".
	it('orders on several columns', async () => {
		const res = await db
			.from('messages')
			.select('id, channel_id')
			.order('channel_id', { ascending: false })
			.order('id', { ascending: false });
		expectData(res, 200, [
			{ id: 4, channel_id: 3 },
			{ id: 3, channel_id: 3 },
			{ id: 2, channel_id: 2 },
			{ id: 1, channel_id: 1 }
		]);
	});

	// Source: PostgREST docs, API > Tables and Views > Ordering (nullsfirst).
	it('puts nulls first with nullsFirst', async () => {
		const res = await db
			.from('tasks')
			.select('id')
			.order('priority', { ascending: true, nullsFirst: true })
			.order('id');
		expectData(res, 200, [{ id: 2 }, { id: 5 }, { id: 3 }, { id: 1 }, { id: 4 }]);
	});

	// Source: PostgREST docs, API > Tables and Views > Ordering (desc.nullslast).
	it('puts nulls last with a descending nullsLast order', async () => {
		const res = await db
			.from('tasks')
			.select('id')
			.order('priority', { ascending: false, nullsFirst: false })
			.order('id');
		expectData(res, 200, [{ id: 4 }, { id: 1 }, { id: 3 }, { id: 2 }, { id: 5 }]);
	});

	// Source: PostgREST docs, API > Tables and Views > Ordering (no nulls option: PostgreSQL's
	// default, nulls first when descending).
	it('keeps PostgreSQL null ordering when no nulls option is given', async () => {
		const res = await db
			.from('tasks')
			.select('id')
			.order('priority', { ascending: false })
			.order('id');
		expectData(res, 200, [{ id: 2 }, { id: 5 }, { id: 4 }, { id: 1 }, { id: 3 }]);
	});

	// Source: postgrest-js basic.test.ts, "allow ordering on JSON column"; PostgREST docs, API >
	// Tables and Views > Ordering ("You can sort by nested fields of JSON columns").
	it('orders on a JSON path', async () => {
		const res = await db
			.from('tasks')
			.select('id')
			.order('meta->points', { ascending: false, nullsFirst: false })
			.order('id');
		expectData(res, 200, [{ id: 3 }, { id: 1 }, { id: 2 }, { id: 4 }, { id: 5 }]);
	});

	// Source: postgrest-js transforms.test.ts, "limit".
	it('limits the rows', async () => {
		const res = await db.from('users').select('username').order('username').limit(2);
		expectData(res, 200, [{ username: 'awailas' }, { username: 'dragarcia' }]);
	});

	// Source: postgrest-js transforms.test.ts, "range" (status 200 when no count was asked for).
	it('returns a range with offset and limit, status 200 without a count', async () => {
		const res = await db.from('users').select('username').order('username').range(1, 3);
		expectData(
			res,
			200,
			[{ username: 'dragarcia' }, { username: 'jsonuser' }, { username: 'jsonusermissing' }],
			null
		);
	});

	// Source: PostgREST test/spec/Feature/Query/RangeSpec.hs, "succeeds and returns an empty array
	// if limit equals 0".
	it('returns an empty array for limit 0', async () => {
		const res = await db.from('users').select('username').limit(0);
		expectData(res, 200, []);
	});

	// Source: PostgREST test/spec/Feature/Query/RangeSpec.hs, "fails if limit is negative";
	// src/PostgREST/Error.hs (InvalidRange NegativeLimit -> 416 PGRST103).
	it('refuses a negative limit with 416 PGRST103', async () => {
		const res = await db.from('users').select('username').limit(-1);
		expectError(res, 416, {
			code: 'PGRST103',
			message: 'Requested range not satisfiable',
			details: 'Limit should be greater than or equal to zero.',
			hint: null
		});
	});

	// Source: PostgREST test/spec/Feature/Query/RangeSpec.hs, "refuses a range requesting start
	// past last item" (with Prefer: count=exact).
	it('refuses an offset past the last row when counting, with 416 PGRST103', async () => {
		const res = await db.from('users').select('username', { count: 'exact' }).range(100, 109);
		expectError(res, 416, {
			code: 'PGRST103',
			message: 'Requested range not satisfiable',
			details: 'An offset of 100 was requested, but there are only 8 rows.',
			hint: null
		});
	});
});

describe('select: count, HEAD, Content-Range', () => {
	// Source: postgrest-js basic.test.ts, "select with count:exact" (whole range: 200).
	it('counts exactly and answers 200 when every row is returned', async () => {
		const res = await db.from('users').select('username', { count: 'exact' }).order('username');
		expectData(
			res,
			200,
			ALL_USERNAMES.map((username) => ({ username })),
			8
		);
	});

	// Source: PostgREST docs, API > Pagination and Count > Exact Count ("206 Partial Content",
	// Content-Range: 0-24/3573458).
	it('answers 206 with the total when the range is partial', async () => {
		const res = await db
			.from('users')
			.select('username', { count: 'exact' })
			.order('username')
			.range(0, 1);
		expectData(res, 206, [{ username: 'awailas' }, { username: 'dragarcia' }], 8);
	});

	// Source: PostgREST test/spec/Feature/Query/RpcSpec.hs, "includes exact count if requested"
	// (a filtered request counts the filtered rows: Content-Range 0-1/2).
	it('counts only the filtered rows', async () => {
		const res = await db
			.from('users')
			.select('username', { count: 'exact' })
			.eq('status', 'OFFLINE');
		expectData(res, 200, [{ username: 'kiwicopple' }], 1);
	});

	// Source: postgrest-js basic.test.ts, "select with head:true, count:exact".
	it('returns only the count with head: true', async () => {
		const res = await db.from('users').select('*', { head: true, count: 'exact' });
		expectData(res, 200, null, 8);
	});

	// Source: postgrest-js basic.test.ts, "select with head:true".
	it('returns neither data nor count with head: true and no count', async () => {
		const res = await db.from('users').select('*', { head: true });
		expectData(res, 200, null, null);
	});

	// Source: PostgREST test/spec/Feature/Query/RpcSpec.hs, "includes total count if requested"
	// (HEAD with limit/offset and Prefer: count=exact answers 206, Content-Range 1-1/2).
	it('answers 206 for a partial HEAD range with a count', async () => {
		const res = await db.from('users').select('*', { head: true, count: 'exact' }).range(0, 2);
		expectData(res, 206, null, 8);
	});
});

describe('select: singular responses', () => {
	// Source: postgrest-js basic.test.ts, "basic select returns from builder" (.single()).
	it('returns one object with single()', async () => {
		const res = await db
			.from('users')
			.select('username, status')
			.eq('username', 'supabot')
			.single();
		expectData(res, 200, { username: 'supabot', status: 'ONLINE' });
	});

	// Source: postgrest-js basic.test.ts, "basic select with single yielding more than one result";
	// PostgREST test/spec/Feature/Query/SingularSpec.hs; src/PostgREST/Error.hs (SingularityError).
	it('fails single() on many rows with 406 PGRST116', async () => {
		const res = await db.from('users').select().single();
		expectError(res, 406, {
			code: 'PGRST116',
			details: 'The result contains 8 rows',
			hint: null,
			message: 'Cannot coerce the result to a single JSON object'
		});
	});

	// Source: PostgREST test/spec/Feature/Query/SingularSpec.hs ("The result contains 0 rows").
	it('fails single() on zero rows with 406 PGRST116', async () => {
		const res = await db.from('users').select().eq('username', 'nobody').single();
		expectError(res, 406, {
			code: 'PGRST116',
			details: 'The result contains 0 rows',
			hint: null,
			message: 'Cannot coerce the result to a single JSON object'
		});
	});

	// Source: postgrest-js basic.test.ts, "maybeSingle returns null for zero rows (GET)".
	it('returns null with maybeSingle() on zero rows', async () => {
		const res = await db.from('users').select().eq('username', 'does_not_exist').maybeSingle();
		expectData(res, 200, null, null);
	});

	// Source: postgrest-js basic.test.ts, "basic select returns from builder" (one row as an
	// object); maybeSingle() is emulated by the client on the array the server returns
	// (node_modules/@supabase/postgrest-js/dist/index.mjs, processResponse).
	it('returns the object with maybeSingle() on one row', async () => {
		const res = await db.from('users').select('username').eq('username', 'awailas').maybeSingle();
		expectData(res, 200, { username: 'awailas' });
	});

	// Source: postgrest-js basic.test.ts, "basic select with maybeSingle yielding more than one
	// result" (the client builds this error from the array the server returned).
	it('fails maybeSingle() on many rows with the client-side PGRST116', async () => {
		const res = await db.from('users').select().maybeSingle();
		expectError(res, 406, {
			code: 'PGRST116',
			details: 'Results contain 8 rows, application/vnd.pgrst.object+json requires 1 row',
			hint: null,
			message: 'JSON object requested, multiple (or no) rows returned'
		});
	});
});

describe('select: CSV', () => {
	// Source: postgrest-js transforms.test.ts, "csv" (header line, empty field for null, quoted
	// fields that hold commas); PostgREST test/spec/Feature/Query/RpcSpec.hs, "returns CSV" (no
	// trailing newline).
	it('returns CSV with a header line', async () => {
		const res = await db
			.from('users')
			.select('username,data,age_range')
			.eq('username', 'supabot')
			.csv();
		expectData(res, 200, 'username,data,age_range\nsupabot,,"[1,2)"');
	});

	// Source: postgrest-js transforms.test.ts, "csv" (jsonb in its text form, quotes doubled).
	it('quotes JSON values in CSV', async () => {
		const res = await db
			.from('users')
			.select('username,data')
			.in('username', ['jsonusermissing', 'kiwicopple'])
			.order('username')
			.csv();
		expectData(
			res,
			200,
			'username,data\njsonusermissing,"{""en"": ""THREE"", ""foo"": ""string""}"\nkiwicopple,'
		);
	});
});

describe('select: max_rows (runtime started with max_rows = 1000)', () => {
	// Source: PostgREST docs, Configuration > db-max-rows; PostgREST
	// test/spec/Feature/Query/QueryLimitedSpec.hs, "restricts results".
	it('returns at most max_rows rows', async () => {
		const res = await db.from('many_rows').select('id').order('id');
		expect(res.error).toBeNull();
		expect(res.status).toBe(200);
		const rows = res.data as { id: number }[];
		expect(rows).toHaveLength(1000);
		expect(rows[0]).toEqual({ id: 1 });
		expect(rows[999]).toEqual({ id: 1000 });
	});

	// Source: PostgREST docs, API > Pagination and Count > Exact Count (206 when the returned range
	// is smaller than the total); QueryLimitedSpec.hs.
	it('counts past max_rows and answers 206', async () => {
		const res = await db.from('many_rows').select('id', { count: 'exact' }).order('id');
		expect(res.error).toBeNull();
		expect(res.status).toBe(206);
		expect(res.count).toBe(1005);
		expect(res.data).toHaveLength(1000);
	});

	// Source: PostgREST test/spec/Feature/Query/QueryLimitedSpec.hs, "respects additional client
	// limiting".
	it('keeps a smaller client limit', async () => {
		const res = await db.from('many_rows').select('id').order('id', { ascending: false }).limit(3);
		expectData(res, 200, [{ id: 1005 }, { id: 1004 }, { id: 1003 }]);
	});

	// Source: PostgREST test/spec/Feature/Query/RangeSpec.hs, "limit and offset works on first
	// level" (offset counts from the first matching row; the limit stays below max_rows).
	it('applies max_rows after the offset', async () => {
		const res = await db.from('many_rows').select('id').order('id').range(1000, 1004);
		expectData(res, 200, [{ id: 1001 }, { id: 1002 }, { id: 1003 }, { id: 1004 }, { id: 1005 }]);
	});
});
