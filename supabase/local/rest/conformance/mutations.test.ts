/**
 * Writes: insert (single, bulk, missing=default), upsert (merge, on_conflict, ignore), update and
 * delete, with and without a representation, counts, and embeds on written rows.
 *
 * Tests in this file run in order and touch disjoint rows. Sources are named above each case.
 * "postgrest-js <file>" means a response recorded in supabase/supabase-js,
 * packages/core/postgrest-js/test/<file>.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import {
	anonClient,
	expectData,
	expectError,
	startConformanceRuntime,
	superuserQuery,
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

const task = (id: number, title: string, more: Record<string, unknown> = {}) => ({
	id,
	title,
	done: false,
	priority: null,
	tags: [],
	meta: {},
	...more
});

describe('insert', () => {
	// Source: postgrest-js basic.test.ts, "Prefer: return=minimal" (data null); PostgREST
	// test/spec/Feature/Query/SingularSpec.hs ("works for one row with return=minimal": 201).
	it('inserts without a representation: 201 and no data', async () => {
		const res = await db.from('tasks').insert({ id: 10, title: 'Ten' });
		expectData(res, 201, null, null);
		const rows = await superuserQuery(rt, 'select id, title, done from public.tasks where id = 10');
		expect(rows).toEqual([{ id: 10, title: 'Ten', done: false }]);
	});

	// Source: postgrest-js basic.test.ts, "basic insert" (201 with the row, defaults filled in).
	it('returns the inserted row with select()', async () => {
		const res = await db.from('tasks').insert({ id: 11, title: 'Eleven' }).select();
		expectData(res, 201, [task(11, 'Eleven')]);
	});

	// Source: postgrest-js transforms.test.ts, "single on insert".
	it('returns one object with select().single()', async () => {
		const res = await db.from('tasks').insert({ id: 12, title: 'Twelve' }).select().single();
		expectData(res, 201, task(12, 'Twelve'));
	});

	// Source: postgrest-js transforms.test.ts, "select on insert" (vertical filtering of the
	// returned rows).
	it('returns only the selected columns of the inserted row', async () => {
		const res = await db.from('tasks').insert({ id: 13, title: 'Thirteen' }).select('id, done');
		expectData(res, 201, [{ id: 13, done: false }]);
	});

	// Source: postgrest-js basic.test.ts, "bulk insert with count: 'exact'".
	it('inserts many rows and counts them', async () => {
		const res = await db
			.from('tasks')
			.insert(
				[
					{ id: 14, title: 'Fourteen', done: true },
					{ id: 15, title: 'Fifteen', done: false }
				],
				{ count: 'exact' }
			)
			.select('id, done');
		expectData(
			res,
			201,
			[
				{ id: 14, done: true },
				{ id: 15, done: false }
			],
			2
		);
	});

	// Source: postgrest-js basic.test.ts, "bulk insert with column defaults" (defaultToNull: false
	// sends Prefer: missing=default); PostgREST docs, API > Prefer Header > Missing.
	it('fills missing keys with column defaults when defaultToNull is false', async () => {
		const res = await db
			.from('tasks')
			.insert(
				[
					{ id: 16, title: 'Sixteen' },
					{ id: 17, title: 'Seventeen', done: true, priority: 4 }
				],
				{ defaultToNull: false }
			)
			.select();
		expectData(res, 201, [task(16, 'Sixteen'), task(17, 'Seventeen', { done: true, priority: 4 })]);
	});

	// Source: PostgREST docs, API > Tables and Views > Bulk Insert (the columns of a bulk insert
	// are the union of the keys; a missing key is null without missing=default); PostgreSQL
	// not_null_violation 23502 maps to 400 (src/PostgREST/Error.hs, default case).
	it('inserts null for missing keys by default, failing a NOT NULL column with 400 23502', async () => {
		const res = await db.from('tasks').insert([
			{ id: 18, title: 'Eighteen' },
			{ id: 19, title: 'Nineteen', done: true }
		]);
		expectError(res, 400, {
			code: '23502',
			details: 'Failing row contains (18, Eighteen, null, null, {}, {}).',
			hint: null,
			message: 'null value in column "done" of relation "tasks" violates not-null constraint'
		});
		const rows = await superuserQuery(rt, 'select id from public.tasks where id in (18, 19)');
		expect(rows).toEqual([]);
	});

	// Source: PostgREST docs, API > Resource Embedding > Foreign Key Joins on Writes.
	it('embeds related rows in the representation of an insert', async () => {
		const res = await db
			.from('messages')
			.insert({ id: 100, message: 'written', username: 'kiwicopple', channel_id: 2 })
			.select('id, message, users(status), channels(slug)');
		expectData(res, 201, [
			{ id: 100, message: 'written', users: { status: 'OFFLINE' }, channels: { slug: 'random' } }
		]);
	});

	// Source: PostgREST docs, API > Tables and Views > Insert ("All tables and auto-updatable views
	// can be modified through the API").
	it('inserts through an auto-updatable view', async () => {
		const res = await db
			.from('messages_view')
			.insert({ id: 101, message: 'through the view', username: 'awailas', channel_id: 1 })
			.select();
		expectData(res, 201, [
			{ id: 101, message: 'through the view', username: 'awailas', channel_id: 1 }
		]);
	});
});

describe('upsert', () => {
	// Source: postgrest-js basic.test.ts, "upsert" (merge on the primary key; 200 when no row was
	// inserted); PostgREST CHANGELOG 12.0.0 (#1070: POST with resolution=merge-duplicates returns
	// 200 when no rows are inserted).
	it('merges into an existing row: 200', async () => {
		const res = await db
			.from('upsert_items')
			.upsert({ id: 1, handle: 'alpha', name: 'Alpha renamed' })
			.select();
		expectData(res, 200, [{ id: 1, handle: 'alpha', name: 'Alpha renamed', note: 'first' }]);
	});

	// Source: postgrest-js basic.test.ts, "on_conflict insert"; PostgREST docs, API > Tables and
	// Views > Upsert > On Conflict.
	it('merges on another unique column with onConflict', async () => {
		const res = await db
			.from('upsert_items')
			.upsert({ id: 2, handle: 'beta', name: 'Beta renamed' }, { onConflict: 'handle' })
			.select('id, name, note');
		expectData(res, 200, [{ id: 2, name: 'Beta renamed', note: 'second' }]);
	});

	// Source: postgrest-js basic.test.ts, "ignoreDuplicates upsert" (201 and no rows).
	it('leaves an existing row alone with ignoreDuplicates', async () => {
		const res = await db
			.from('upsert_items')
			.upsert({ id: 1, handle: 'alpha', name: 'ignored' }, { ignoreDuplicates: true })
			.select();
		expectData(res, 201, []);
		const rows = await superuserQuery(rt, 'select name from public.upsert_items where id = 1');
		expect(rows).toEqual([{ name: 'Alpha renamed' }]);
	});

	// Source: postgrest-js basic.test.ts, "bulk upsert with column defaults" (201 as soon as one
	// row is inserted); PostgREST docs, API > Tables and Views > Upsert.
	it('inserts and merges in one bulk upsert: 201', async () => {
		const res = await db
			.from('upsert_items')
			.upsert(
				[
					{ id: 2, handle: 'beta', name: 'Beta again', note: 'merged' },
					{ id: 3, handle: 'gamma', name: 'Gamma', note: 'new' }
				],
				{ count: 'exact' }
			)
			.select()
			.order('id');
		expectData(
			res,
			201,
			[
				{ id: 2, handle: 'beta', name: 'Beta again', note: 'merged' },
				{ id: 3, handle: 'gamma', name: 'Gamma', note: 'new' }
			],
			2
		);
	});

	// Source: postgrest-js basic.test.ts, "upsert" / PostgREST docs, API > Tables and Views > Insert
	// (a single object inserts only its own keys, so the other columns take their defaults).
	it('takes column defaults for keys a single upserted object leaves out', async () => {
		const res = await db
			.from('upsert_items')
			.upsert({ id: 4, handle: 'delta', name: 'Delta' })
			.select('id, note');
		expectData(res, 201, [{ id: 4, note: 'default note' }]);
	});
});

describe('update', () => {
	// Source: postgrest-js basic.test.ts, "basic update" and "update with count: 'exact'".
	it('updates and returns the rows with a count', async () => {
		const res = await db
			.from('tasks')
			.update({ priority: 9 }, { count: 'exact' })
			.in('id', [14, 15])
			.select('id, priority')
			.order('id');
		expectData(
			res,
			200,
			[
				{ id: 14, priority: 9 },
				{ id: 15, priority: 9 }
			],
			2
		);
	});

	// Source: PostgREST test/spec/Feature/Query/SingularSpec.hs ("works for one row with
	// return=minimal": 204, no body).
	it('updates without a representation: 204', async () => {
		const res = await db.from('tasks').update({ done: true }).eq('id', 16);
		expectData(res, 204, null, null);
		const rows = await superuserQuery(rt, 'select done from public.tasks where id = 16');
		expect(rows).toEqual([{ done: true }]);
	});

	// Source: postgrest-js basic.test.ts, "update with no match - return=minimal".
	it('answers 204 when nothing matched and no representation was asked for', async () => {
		const res = await db.from('tasks').update({ title: 'nothing' }).eq('id', 999);
		expectData(res, 204, null, null);
	});

	// Source: postgrest-js basic.test.ts, "update with no match - return=representation".
	it('answers 200 with an empty array when nothing matched', async () => {
		const res = await db.from('tasks').update({ title: 'nothing' }).eq('id', 999).select();
		expectData(res, 200, []);
	});

	// Source: PostgREST test/spec/Feature/Query/SingularSpec.hs ("works for one row with
	// return=rep").
	it('returns the updated row as an object with single()', async () => {
		const res = await db
			.from('tasks')
			.update({ tags: ['x', 'y'], meta: { edited: true } })
			.eq('id', 17)
			.select('id, tags, meta')
			.single();
		expectData(res, 200, { id: 17, tags: ['x', 'y'], meta: { edited: true } });
	});
});

describe('delete', () => {
	// Source: postgrest-js basic.test.ts, "basic delete" and "basic delete count: 'exact'".
	it('deletes and returns the rows with a count', async () => {
		const res = await db
			.from('tasks')
			.delete({ count: 'exact' })
			.in('id', [10, 11])
			.select('id, title')
			.order('id');
		expectData(
			res,
			200,
			[
				{ id: 10, title: 'Ten' },
				{ id: 11, title: 'Eleven' }
			],
			2
		);
	});

	// Source: PostgREST test/spec/Feature/Query/SingularSpec.hs ("when deleting rows ... works for
	// one row with return=minimal"); postgrest-js PostgrestQueryBuilder.delete docs (204).
	it('deletes without a representation: 204', async () => {
		const res = await db.from('tasks').delete().eq('id', 12);
		expectData(res, 204, null, null);
		const rows = await superuserQuery(rt, 'select id from public.tasks where id = 12');
		expect(rows).toEqual([]);
	});

	// Source: postgrest-js basic.test.ts, "update with no match - return=representation" (same
	// rule for DELETE: 200 and an empty array).
	it('answers 200 with an empty array when nothing matched', async () => {
		const res = await db.from('tasks').delete().eq('id', 999).select();
		expectData(res, 200, []);
	});
});
