/**
 * Issue 16: the Prefer header as PostgREST 13/14 reads it (max-affected with handling=strict,
 * unknown preferences, count=planned/estimated, tx and db-tx-end, timezone), and the features a
 * hosted project leaves off (aggregates, execution plans), on fidelity.sql's tables.
 *
 * Sources are named above each case: "Preferences.hs" is PostgREST's
 * src/PostgREST/ApiRequest/Preferences.hs (fromHeaders, prefAppliedHeader), "Query.hs" its
 * src/PostgREST/Query.hs (failExceedsMaxAffectedPref, resultSetWTotal, optionalRollback),
 * "Error.hs" its error texts; the rest are pages of PostgREST's documentation (API > Prefer
 * Header, Pagination and Count, Aggregate Functions, Execution Plan).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import {
	anonClient,
	expectData,
	expectError,
	restFetch,
	serviceClient,
	startConformanceRuntime,
	superuserQuery,
	type TestRuntime
} from './helpers.ts';

let rt: TestRuntime;
let db: SupabaseClient;

beforeAll(async () => {
	rt = await startConformanceRuntime({ fidelity: true });
	db = anonClient(rt);
});

afterAll(async () => {
	await rt?.stop();
});

/** The counters' n by id, read as the superuser (not through the API under test). */
async function counters(): Promise<number[]> {
	const rows = await superuserQuery<{ n: number }>(rt, 'select n from public.counters order by id');
	return rows.map((r) => r.n);
}

const json = { 'content-type': 'application/json' };

describe('max-affected', () => {
	// Source: docs, Prefer Header > Max Affected ("with handling=strict ... the request fails and
	// the transaction is rolled back"); Error.hs MaxAffectedViolationError (PGRST124, 400,
	// "The query affects N rows").
	it('refuses an update past max-affected with handling=strict, changing nothing', async () => {
		const before = await counters();
		const res = await restFetch(rt, '/counters?grp=eq.large', {
			method: 'PATCH',
			headers: { ...json, prefer: 'handling=strict, max-affected=5' },
			body: JSON.stringify({ n: 9 })
		});
		expect({ status: res.status, json: res.json }).toEqual({
			status: 400,
			json: {
				code: 'PGRST124',
				details: 'The query affects 7 rows',
				hint: null,
				message: 'Query result exceeds max-affected preference constraint'
			}
		});
		expect(await counters()).toEqual(before);
	});

	// Source: Query.hs deleteQuery (failExceedsMaxAffectedPref after the delete, then rollback).
	it('refuses a delete past max-affected with handling=strict', async () => {
		const res = await restFetch(rt, '/counters?grp=eq.small', {
			method: 'DELETE',
			headers: { prefer: 'handling=strict, max-affected=2' }
		});
		expect({ status: res.status, code: (res.json as { code: string }).code }).toEqual({
			status: 400,
			code: 'PGRST124'
		});
		expect((await counters()).length).toBe(10);
	});

	// Source: Preferences.hs prefAppliedHeader (max-affected is applied, and echoed, only with
	// handling=strict; the order is return, count, tx, handling, timezone, max-affected).
	it('applies an update within max-affected and says so', async () => {
		const res = await restFetch(rt, '/counters?grp=eq.small', {
			method: 'PATCH',
			headers: { ...json, prefer: 'max-affected=3, handling=strict, return=minimal' },
			body: JSON.stringify({ n: 1 })
		});
		expect({ status: res.status, applied: res.headers.get('preference-applied') }).toEqual({
			status: 204,
			applied: 'return=minimal, handling=strict, max-affected=3'
		});
		expect(await counters()).toEqual([1, 1, 1, 0, 0, 0, 0, 0, 0, 0]);
	});

	// Source: Query.hs failExceedsMaxAffectedPref (only with handling == Just Strict).
	it('ignores max-affected without handling=strict', async () => {
		const res = await restFetch(rt, '/counters?grp=eq.large', {
			method: 'PATCH',
			headers: { ...json, prefer: 'max-affected=1' },
			body: JSON.stringify({ n: 2 })
		});
		expect({ status: res.status, applied: res.headers.get('preference-applied') }).toEqual({
			status: 204,
			applied: null
		});
		expect(await counters()).toEqual([1, 1, 1, 2, 2, 2, 2, 2, 2, 2]);
	});

	// Source: Query.hs invokeQuery (failExceedsMaxAffectedPref on a function's rows).
	it('refuses a setof function call past max-affected, rolling it back', async () => {
		const before = await counters();
		const res = await restFetch(rt, '/rpc/bump_group', {
			method: 'POST',
			headers: { ...json, prefer: 'handling=strict, max-affected=6' },
			body: JSON.stringify({ g: 'large' })
		});
		expect({ status: res.status, json: res.json }).toEqual({
			status: 400,
			json: {
				code: 'PGRST124',
				details: 'The query affects 7 rows',
				hint: null,
				message: 'Query result exceeds max-affected preference constraint'
			}
		});
		expect(await counters()).toEqual(before);
	});

	// Source: Plan.hs callReadPlan (failMaxAffectedRpcReturnsSingle); Error.hs
	// MaxAffectedRpcViolation (PGRST128, 400).
	it('answers 400 PGRST128 for max-affected on a function returning one row', async () => {
		const res = await restFetch(rt, '/rpc/bump_one', {
			method: 'POST',
			headers: { ...json, prefer: 'handling=strict, max-affected=1' },
			body: JSON.stringify({ i: 1 })
		});
		expect({ status: res.status, json: res.json }).toEqual({
			status: 400,
			json: {
				code: 'PGRST128',
				details: null,
				hint: null,
				message:
					'Function must return SETOF or TABLE when max-affected preference is used with handling=strict'
			}
		});
	});
});

describe('handling=strict', () => {
	// Source: Preferences.hs fromHeaders (invalidPrefs: anything not recognised); Error.hs
	// InvalidPreferences (PGRST122, 400, "Invalid preferences: …").
	it('answers 400 PGRST122 for an unknown preference', async () => {
		const res = await restFetch(rt, '/counters?select=id&id=eq.1', {
			headers: { prefer: 'handling=strict, foo=bar, count=none' }
		});
		expect({ status: res.status, json: res.json }).toEqual({
			status: 400,
			json: {
				code: 'PGRST122',
				details: 'Invalid preferences: foo=bar, count=none',
				hint: null,
				message: 'Invalid preferences given with handling=strict'
			}
		});
	});

	// Source: Preferences.hs fromHeaders (handling=lenient, or none: unknown ones are ignored).
	it('ignores an unknown preference with handling=lenient', async () => {
		const res = await restFetch(rt, '/counters?select=id&id=eq.1', {
			headers: { prefer: 'handling=lenient, foo=bar' }
		});
		expect({ status: res.status, json: res.json }).toEqual({ status: 200, json: [{ id: 1 }] });
	});

	// Source: Preferences.hs fromHeaders ("If a preference is set more than once, only the first
	// is used").
	it('takes the first of a repeated preference', async () => {
		const res = await restFetch(rt, '/counters?select=id&id=eq.1', {
			headers: { prefer: 'count=exact, count=planned' }
		});
		expect(res.headers.get('preference-applied')).toBe('count=exact');
		expect(res.headers.get('content-range')).toBe('0-0/1');
	});
});

describe('count=planned and count=estimated', () => {
	// Source: docs, Pagination and Count > Planned Count (the planner's estimate, from EXPLAIN of
	// the count query, not the rows there are); Query.hs resultSetWTotal. planned_rows has 150
	// rows, but its statistics say 100.
	it('answers the planner estimate for count=planned', async () => {
		const planned = await db.from('planned_rows').select('id', { count: 'planned' }).limit(1);
		expectData(planned, 206, [{ id: 1 }], 100);
		const exact = await db.from('planned_rows').select('id', { count: 'exact' }).limit(1);
		expectData(exact, 206, [{ id: 1 }], 150);
	});

	// Source: as above, with a filter: the estimate of the filtered count query (the fixture's
	// statistics on counters are current, so here it is exact).
	it('estimates a filtered count=planned', async () => {
		const res = await db
			.from('counters')
			.select('id', { count: 'planned' })
			.eq('grp', 'small')
			.order('id')
			.limit(2);
		expectData(res, 206, [{ id: 1 }, { id: 2 }], 3);
	});

	// Source: docs, Pagination and Count > Estimated Count (an exact count up to db-max-rows).
	it('counts exactly below max_rows for count=estimated', async () => {
		const res = await db.from('planned_rows').select('id', { count: 'estimated' }).limit(1);
		expectData(res, 206, [{ id: 1 }], 150);
	});

	// Source: docs, Pagination and Count > Estimated Count (past db-max-rows, the planner's
	// estimate, at least what was counted); Query.hs resultSetWTotal (max of the two).
	// estimated_rows has 1100 rows, past max_rows (1000); its statistics say 1200.
	it('takes the planner estimate past max_rows for count=estimated', async () => {
		const res = await restFetch(rt, '/estimated_rows?select=id', {
			method: 'HEAD',
			headers: { prefer: 'count=estimated' }
		});
		expect({ status: res.status, range: res.headers.get('content-range') }).toEqual({
			status: 206,
			range: '0-999/1200'
		});
	});
});

describe('limited update and delete', () => {
	// Source: docs, API > Tables and Views > Limited Update/Delete ("PATCH /items?limit=…&order=…"
	// changes only the rows the limit and order pick). The runtime used to change every row.
	it('updates only the rows a limit and order pick', async () => {
		const res = await restFetch(rt, '/counters?grp=eq.large&order=id.desc&limit=2&select=id', {
			method: 'PATCH',
			headers: { ...json, prefer: 'return=representation' },
			body: JSON.stringify({ n: 5 })
		});
		expect({ status: res.status, json: res.json }).toEqual({
			status: 200,
			json: [{ id: 10 }, { id: 9 }]
		});
		const n = await counters();
		expect(n.slice(3)).toEqual([2, 2, 2, 2, 2, 5, 5]);
	});

	// Source: as above, for DELETE with an offset.
	it('deletes only the rows a limit, offset and order pick', async () => {
		const res = await restFetch(rt, '/estimated_rows?order=id&limit=2&offset=1', {
			method: 'DELETE',
			headers: { prefer: 'return=representation' }
		});
		expect({ status: res.status, json: res.json }).toEqual({
			status: 200,
			json: [{ id: 2 }, { id: 3 }]
		});
		const [left] = await superuserQuery<{ n: string }>(
			rt,
			'select count(*) as n from public.estimated_rows'
		);
		expect(Number(left.n)).toBe(1098);
	});
});

describe('tx', () => {
	// Source: Preferences.hs fromHeaders (preferTransaction is Nothing unless db-tx-end allows an
	// override; tx=… is still a known preference, so handling=strict does not refuse it); hosted
	// Supabase keeps db-tx-end = commit.
	it('ignores tx=rollback when db-tx-end does not allow it', async () => {
		const res = await restFetch(rt, '/counters?id=eq.10', {
			method: 'PATCH',
			headers: { ...json, prefer: 'tx=rollback, handling=strict' },
			body: JSON.stringify({ n: 42 })
		});
		expect({ status: res.status, applied: res.headers.get('preference-applied') }).toEqual({
			status: 204,
			applied: 'handling=strict'
		});
		expect((await counters())[9]).toBe(42);
	});
});

describe('timezone', () => {
	// Source: docs, Prefer Header > Timezone (the request runs in that time zone, and it is
	// echoed in Preference-Applied); Preferences.hs (only names Postgres knows).
	it('runs the request in the preferred time zone', async () => {
		const res = await restFetch(rt, '/rpc/current_tz', {
			headers: { prefer: 'timezone=America/Los_Angeles' }
		});
		expect({
			status: res.status,
			json: res.json,
			applied: res.headers.get('preference-applied')
		}).toEqual({
			status: 200,
			json: 'America/Los_Angeles',
			applied: 'timezone=America/Los_Angeles'
		});
	});
});

describe('features a hosted project leaves off', () => {
	// Source: docs, Aggregate Functions ("disabled by default ... db-aggregates-enabled");
	// Error.hs AggregatesNotAllowed (PGRST123, 400).
	it('answers 400 PGRST123 for count()', async () => {
		const res = await db.from('counters').select('count()');
		expectError(res, 400, {
			code: 'PGRST123',
			details: null,
			hint: null,
			message: 'Use of aggregate functions is not allowed'
		});
	});

	// Source: as above, for a column aggregate with an alias and a cast, and inside an embed.
	it('answers 400 PGRST123 for sum() and avg(), also embedded', async () => {
		const sum = await db.from('counters').select('total:n.sum()::int');
		expect(sum.error?.code).toBe('PGRST123');
		const embedded = await serviceClient(rt).from('channels').select('slug, messages(id.max())');
		expect(embedded.error?.code).toBe('PGRST123');
	});

	// Source: PostgREST test/spec/Feature/Query/PlanSpec.hs, disabledSpec ("doesn't work if
	// db-plan-enabled=false (the default)": 406 for GET, RPC and DELETE); Negotiate.hs (the
	// accepted types named by toMime: `application/vnd.pgrst.plan+text; for="application/json"`).
	it('answers 406 PGRST107 for an execution plan', async () => {
		const message = 'None of these media types are available: ';
		const plan = { accept: 'application/vnd.pgrst.plan' };
		const read = await restFetch(rt, '/counters?id=in.(1,2,3)', { headers: plan });
		const call = await restFetch(rt, '/rpc/current_tz', { headers: plan });
		const remove = await restFetch(rt, '/counters?id=in.(1,2,3)', {
			method: 'DELETE',
			headers: plan
		});
		const json = await restFetch(rt, '/counters', {
			headers: { accept: 'application/vnd.pgrst.plan+json; for="text/csv"; options=analyze' }
		});
		expect([read, call, remove, json].map((r) => ({ status: r.status, json: r.json }))).toEqual([
			...[read, call, remove].map(() => ({
				status: 406,
				json: {
					code: 'PGRST107',
					details: null,
					hint: null,
					message: `${message}application/vnd.pgrst.plan+text; for="application/json"`
				}
			})),
			{
				status: 406,
				json: {
					code: 'PGRST107',
					details: null,
					hint: null,
					message: `${message}application/vnd.pgrst.plan+json; for="text/csv"; options=analyze`
				}
			}
		]);
		expect((await counters()).length).toBe(10);
	});
});

describe('db-tx-end = commit-allow-override', () => {
	let own: TestRuntime;
	beforeAll(async () => {
		own = await startConformanceRuntime({ fidelity: true, txEnd: 'commit-allow-override' });
	});
	afterAll(async () => {
		await own?.stop();
	});

	// Source: docs, Prefer Header > Transaction End Preference (with db-tx-end =
	// commit-allow-override, tx=rollback answers as usual and rolls the transaction back);
	// Query.hs optionalRollback; Preferences.hs prefAppliedHeader (tx echoed).
	it('answers a write with tx=rollback and keeps nothing', async () => {
		const res = await restFetch(own, '/counters?id=eq.1&select=id,n', {
			method: 'PATCH',
			headers: { ...json, prefer: 'return=representation, tx=rollback' },
			body: JSON.stringify({ n: 99 })
		});
		expect({
			status: res.status,
			json: res.json,
			applied: res.headers.get('preference-applied')
		}).toEqual({
			status: 200,
			json: [{ id: 1, n: 99 }],
			applied: 'return=representation, tx=rollback'
		});
		const [row] = await superuserQuery<{ n: number }>(
			own,
			'select n from public.counters where id = 1'
		);
		expect(row.n).toBe(0);
	});
});
