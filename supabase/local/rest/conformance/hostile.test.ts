/**
 * Hostile input: SQL injection through every part of a request, malformed query strings, huge
 * values, and bad credentials. Whatever comes in, the answer is a 4xx with a PostgREST-shaped
 * error body (or the API gateway's body for API-key errors), never a 5xx, and nothing injected is
 * ever executed: after each attempt the fixture is checked through a superuser connection.
 *
 * Sources are named above each case. Where real PostgREST's exact answer depends on parser
 * details that changed between versions, the case asserts the class of answer (status, code,
 * message prefix) rather than guessing the rest.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { SignJWT, decodeProtectedHeader, generateKeyPair } from 'jose';
import {
	USER_A,
	anonClient,
	clientWithKey,
	expectData,
	expectError,
	serviceClient,
	startConformanceRuntime,
	superuserQuery,
	tokenClient,
	type TestRuntime
} from './helpers.ts';

let rt: TestRuntime;
let db: SupabaseClient;

let tableCount = 0;

beforeAll(async () => {
	rt = await startConformanceRuntime();
	db = anonClient(rt);
	const [row] = await superuserQuery<{ n: number }>(
		rt,
		"select count(*)::int as n from pg_tables where schemaname in ('public', 'private')"
	);
	tableCount = row.n;
});

// Nothing a test sends may change the fixture: the sentinel row, the users, the tables.
afterEach(async () => {
	const [state] = await superuserQuery<{
		sentinel: unknown;
		users: number;
		messages: number;
		tables: number;
	}>(
		rt,
		`select
			(select json_agg(s order by s.id) from public.sentinel s) as sentinel,
			(select count(*)::int from public.users) as users,
			(select count(*)::int from public.messages) as messages,
			(select count(*)::int from pg_tables where schemaname in ('public', 'private')) as tables`
	);
	expect(state).toEqual({
		sentinel: [{ id: 1, marker: 'untouched' }],
		users: 8,
		messages: 4,
		tables: tableCount
	});
});

afterAll(async () => {
	await rt?.stop();
});

interface Outcome {
	status: number;
	error: unknown;
	data: unknown;
}

/** A client error with a PostgREST-shaped body: code, message, details, hint. */
function expectPostgrestClientError(res: Outcome, status?: number) {
	if (status !== undefined) expect(res.status).toBe(status);
	expect(res.status).toBeGreaterThanOrEqual(400);
	expect(res.status).toBeLessThan(500);
	expect(res.data).toBeNull();
	expect(res.error).toEqual({
		code: expect.any(String),
		message: expect.any(String),
		details: expect.toBeOneOf([null, expect.anything()]),
		hint: expect.toBeOneOf([null, expect.anything()])
	});
}

/** Either handled as ordinary data, or refused with a PostgREST-shaped 4xx. Never a 5xx. */
function expectHandled(res: Outcome) {
	if (res.error === null) {
		expect(res.status).toBeGreaterThanOrEqual(200);
		expect(res.status).toBeLessThan(300);
	} else {
		expectPostgrestClientError(res);
	}
}

/** A parse error of a query parameter: 400 PGRST100, message naming the parameter. */
function expectParseError(res: Outcome, messageStart: string) {
	expectPostgrestClientError(res, 400);
	const error = res.error as { code: string; message: string; hint: unknown };
	expect(error.code).toBe('PGRST100');
	expect(error.hint).toBeNull();
	expect(error.message.startsWith(messageStart)).toBe(true);
	expect(error.message).toMatch(/\(line 1, column \d+\)$/);
}

const INJECTION = "'; drop table public.sentinel; --";

describe('SQL injection', () => {
	// Source: PostgREST docs, API > Tables and Views > Operators (a filter value is a value, bound
	// as a parameter); src/PostgREST/ApiRequest/QueryParams.hs (pSingleVal takes any characters).
	it('treats an injection in an eq value as a plain value', async () => {
		const res = await db.from('users').select('username').eq('username', INJECTION);
		expectData(res, 200, []);
	});

	// Source: PostgREST docs, API > Tables and Views > Operators (in: a list of values).
	it('treats an injection in an in() list as plain values', async () => {
		const res = await db
			.from('users')
			.select('username')
			.in('username', [INJECTION, "x' or '1'='1", 'supabot']);
		expectData(res, 200, [{ username: 'supabot' }]);
	});

	// Source: src/PostgREST/ApiRequest/QueryParams.hs (pListElement: a double-quoted element ends
	// at its closing quote). postgrest-js wraps a value holding parentheses in double quotes without
	// escaping the quotes inside, so this value breaks out of its quotes; the rest is still parsed
	// by PostgREST's grammar, never spliced into SQL.
	it('never executes an in() value that breaks out of its quotes', async () => {
		const res = await db
			.from('users')
			.select('username')
			.in('username', ['supabot") or ("1"="1', 'kiwicopple']);
		expectHandled(res);
	});

	// Source: PostgREST docs, API > Tables and Views > Operators (like/ilike patterns are values).
	it('treats an injection in a like pattern as a pattern', async () => {
		const res = await db.from('users').select('username').ilike('username', `%${INJECTION}%`);
		expectData(res, 200, []);
	});

	// Source: PostgREST docs, API > Tables and Views > Full-Text Search (the query is a value given
	// to to_tsquery).
	it('treats an injection in a full-text query as a value', async () => {
		const res = await db
			.from('users')
			.select('username')
			.textSearch('catchphrase', INJECTION, { config: 'english', type: 'plain' });
		expectData(res, 200, []);
	});

	// Source: src/PostgREST/ApiRequest/QueryParams.hs (pTreePath: a column name is an identifier,
	// quoted by PostgREST).
	it('never executes an injection in a filter column name', async () => {
		const res = await db
			.from('users')
			.select('username')
			.eq(`username = username; drop table public.sentinel; --`, 'x');
		expectHandled(res);
	});

	// Source: src/PostgREST/ApiRequest/QueryParams.hs (pFieldName accepts a double-quoted name;
	// it is still a column name).
	it('never executes an injection in a quoted column name', async () => {
		const res = await db.from('users').select('"username""; drop table public.sentinel; --"');
		expectHandled(res);
	});

	// Source: src/PostgREST/Error.hs (ColumnNotFound -> 400 PGRST204): a payload key is a column
	// name looked up in the schema cache.
	it('refuses an injection in an insert key with 400 PGRST204', async () => {
		const key = `username") values ('x'); drop table public.sentinel; --`;
		const res = await db.from('users').insert({ [key]: 'x' });
		expectError(res, 400, {
			code: 'PGRST204',
			details: null,
			hint: null,
			message: `Could not find the '${key}' column of 'users' in the schema cache`
		});
	});

	// Source: src/PostgREST/ApiRequest/QueryParams.hs (pOrder: "column.asc|desc.nullsfirst|last"
	// and nothing else, parse errors are PGRST100).
	it('refuses an injection in an order string with 400 PGRST100', async () => {
		const res = await db.from('users').select('username').order('username; drop table sentinel');
		expectParseError(res, '"failed to parse order (');
	});

	// Source: src/PostgREST/ApiRequest/QueryParams.hs (pFieldForest; parse errors are PGRST100).
	it('refuses a subquery in a select string with 400 PGRST100', async () => {
		const res = await db.from('users').select('username, (select secret from no_grants)');
		expectParseError(res, '"failed to parse select parameter (');
	});

	// Source: src/PostgREST/ApiRequest/QueryParams.hs (pJsonPath: keys are field names or array
	// indexes; parse errors are PGRST100).
	it('refuses an injection in a selected JSON path with 400 PGRST100', async () => {
		const res = await db.from('users').select("data->>'a'); drop table public.sentinel; --");
		expectParseError(res, '"failed to parse select parameter (');
	});

	// Source: src/PostgREST/ApiRequest/QueryParams.hs (pRequestFilter parses the key with
	// pTreePath: "failed to parse tree path (...)").
	it('refuses an injection in a filtered JSON path with 400 PGRST100', async () => {
		const res = await db.from('users').select('username').eq("data->>'x') or (1=1", 'y');
		expectParseError(res, '"failed to parse tree path (');
	});

	// Source: src/PostgREST/ApiRequest/QueryParams.hs (pRequestLogicTree: "failed to parse logic
	// tree (...)").
	it('refuses an injection in or() with 400 PGRST100', async () => {
		const res = await db
			.from('users')
			.select('username')
			.or('username.eq.x); drop table public.sentinel; --');
		expectParseError(res, '"failed to parse logic tree (');
	});

	// Source: src/PostgREST/Error.hs (NoRpc -> 404 PGRST202): a function name is looked up in the
	// schema cache, never spliced into SQL.
	it('answers 404 PGRST202 for an injection in a function name', async () => {
		const res = await db.rpc('get_status; drop table public.sentinel; --');
		expectPostgrestClientError(res, 404);
		expect(res.error).toMatchObject({
			code: 'PGRST202',
			details:
				'Searched for the function public.get_status; drop table public.sentinel; -- without parameters or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.',
			message:
				'Could not find the function public.get_status; drop table public.sentinel; -- without parameters in the schema cache'
		});
	});

	// Source: src/PostgREST/Error.hs (TableNotFound -> 404 PGRST205): a table name is looked up in
	// the schema cache.
	it('answers 404 PGRST205 for an injection in a table name', async () => {
		const res = await db.from('users; drop table public.sentinel; --').select();
		expectPostgrestClientError(res, 404);
		expect(res.error).toMatchObject({
			code: 'PGRST205',
			details: null,
			message:
				"Could not find the table 'public.users; drop table public.sentinel; --' in the schema cache"
		});
	});

	// Source: src/PostgREST/Error.hs (UnacceptableSchema -> 406 PGRST106).
	it('answers 406 PGRST106 for an injection in a schema name', async () => {
		const res = await db.schema('public; drop table public.sentinel; --').from('users').select();
		expectError(res, 406, {
			code: 'PGRST106',
			details: null,
			hint: 'Only the following schemas are exposed: public',
			message: 'Invalid schema: public; drop table public.sentinel; --'
		});
	});

	// Source: PostgREST docs, API > Tables and Views > Upsert > On Conflict (on_conflict names
	// columns).
	it('never executes an injection in on_conflict', async () => {
		const res = await db
			.from('upsert_items')
			.upsert(
				{ id: 1, handle: 'alpha', name: 'Alpha' },
				{ onConflict: 'id); drop table public.sentinel; --' }
			);
		expectHandled(res);
	});

	// Source: PostgREST docs, API > Functions as RPC (arguments are values).
	it('treats an injection in a function argument as a value', async () => {
		const res = await db.rpc('echo_text', { txt: INJECTION });
		expectData(res, 200, INJECTION);
	});
});

describe('quotes, backslashes and odd characters', () => {
	const odd = `O'Reilly "quoted" \\back\\slash %_* ;-- $$ \u00e6\u00f8\u00e5 👋`;

	// Source: PostgREST docs, API > Tables and Views > Insert and Horizontal Filtering (values are
	// stored and compared as given).
	it('stores and finds a value with quotes, backslashes and wildcards exactly', async () => {
		const ins = await db.from('tasks').insert({ id: 60, title: odd }).select('title');
		expectData(ins, 201, [{ title: odd }]);
		const found = await db.from('tasks').select('id, title').eq('title', odd);
		expectData(found, 200, [{ id: 60, title: odd }]);
		const del = await db.from('tasks').delete().eq('id', 60);
		expectData(del, 204, null);
	});

	// Source: PostgREST docs, API > Tables and Views > Operators (in: "also supports commas in
	// quoted strings"; postgrest-js quotes values that hold , ( or )).
	it('keeps commas and parentheses inside in() values', async () => {
		const res = await db
			.from('tasks')
			.select('id')
			.in('title', ['Write report', 'a,b', '(c)', 'd)e(']);
		expectData(res, 200, [{ id: 1 }]);
	});

	// Source: src/PostgREST/Error.hs (any PostgreSQL error other than the mapped ones -> 400).
	it('refuses a NUL character without a server error', async () => {
		const res = await db.from('users').select('username').eq('username', 'a\u0000b');
		expectHandled(res);
	});
});

describe('unknown names', () => {
	// Source: PostgREST test/spec/Feature/Query/QuerySpec.hs, "fails if an operator is not given";
	// src/PostgREST/ApiRequest/QueryParams.hs (doctest: "failed to parse filter (noop.0)").
	it('refuses an unknown operator with 400 PGRST100', async () => {
		const res = await db.from('users').select('username').filter('username', 'nope', 'x');
		expectParseError(res, '"failed to parse filter (nope.x)"');
	});

	// Source: postgrest-js relationships-error-handling.test.ts (42703 body for a missing column).
	it('refuses an unknown column in order with 400 42703', async () => {
		const res = await db.from('users').select('username').order('missing_column');
		expectError(res, 400, {
			code: '42703',
			details: null,
			hint: null,
			message: 'column users.missing_column does not exist'
		});
	});

	// Source: src/PostgREST/Error.hs (TableNotFound -> 404 PGRST205).
	it('refuses an unknown table with 404 PGRST205', async () => {
		const res = await db.from('no_such_table_anywhere').delete().eq('id', 1);
		expectPostgrestClientError(res, 404);
		expect(res.error).toMatchObject({ code: 'PGRST205' });
	});

	// Source: src/PostgREST/Error.hs (NoRpc -> 404 PGRST202).
	it('refuses an unknown function with 404 PGRST202', async () => {
		const res = await db.rpc('no_such_function_anywhere', { x: 1 }, { get: true });
		expectPostgrestClientError(res, 404);
		expect(res.error).toMatchObject({
			code: 'PGRST202',
			message:
				'Could not find the function public.no_such_function_anywhere(x) in the schema cache',
			details:
				'Searched for the function public.no_such_function_anywhere with parameter x, but no matches were found in the schema cache.'
		});
	});
});

describe('malformed query strings', () => {
	// Source: src/PostgREST/ApiRequest/QueryParams.hs (pFieldForest: an unclosed embed).
	it('refuses an unbalanced select', async () => {
		const res = await db.from('users').select('username,messages(id');
		expectParseError(res, '"failed to parse select parameter (username,messages(id)"');
	});

	// Source: src/PostgREST/ApiRequest/QueryParams.hs (pFieldForest: an empty piece).
	it('refuses an empty piece in select', async () => {
		const res = await db.from('users').select('username,,status');
		expectParseError(res, '"failed to parse select parameter (username,,status)"');
	});

	// Source: src/PostgREST/ApiRequest/QueryParams.hs (doctest: "name::" fails).
	it('refuses a cast without a type', async () => {
		const res = await db.from('users').select('username::');
		expectParseError(res, '"failed to parse select parameter (username::)"');
	});

	// Source: src/PostgREST/ApiRequest/QueryParams.hs (doctests of pOrder: "id.smth34" fails).
	it('refuses an unknown order direction', async () => {
		const res = await db.from('users').select('username').order('username.sideways');
		expectParseError(res, '"failed to parse order (username.sideways.asc)"');
	});

	// Source: src/PostgREST/ApiRequest/QueryParams.hs (pOrder needs a column name).
	it('refuses an empty order column', async () => {
		const res = await db.from('users').select('username').order('');
		expectParseError(res, '"failed to parse order (.asc)"');
	});

	// Source: src/PostgREST/ApiRequest/QueryParams.hs (doctest of pLogicTree: "or()" fails).
	it('refuses an empty or()', async () => {
		const res = await db.from('users').select('username').or('');
		expectParseError(res, '"failed to parse logic tree (())"');
	});

	// Source: src/PostgREST/ApiRequest/QueryParams.hs (pLogicTree: an empty piece).
	it('refuses a trailing comma in or()', async () => {
		const res = await db.from('users').select('username').or('username.eq.supabot,');
		expectParseError(res, '"failed to parse logic tree ((username.eq.supabot,))"');
	});

	// Source: src/PostgREST/ApiRequest/QueryParams.hs (pLogicTree: unbalanced parentheses).
	it('refuses unbalanced parentheses in or()', async () => {
		const res = await db
			.from('users')
			.select('username')
			.or('and(username.eq.supabot,status.eq.ONLINE');
		expectParseError(
			res,
			'"failed to parse logic tree ((and(username.eq.supabot,status.eq.ONLINE))"'
		);
	});

	// Source: PostgREST test/spec/Feature/Query/RangeSpec.hs, "fails if limit is negative"
	// (range(5, 2) sends limit=-2).
	it('refuses an inverted range with 416 PGRST103', async () => {
		const res = await db.from('users').select('username').range(5, 2);
		expectError(res, 416, {
			code: 'PGRST103',
			message: 'Requested range not satisfiable',
			details: 'Limit should be greater than or equal to zero.',
			hint: null
		});
	});

	// Source: PostgREST docs, Errors (PGRST102 "An invalid request body was sent"); message
	// "Empty or invalid json" (PostgREST CHANGELOG 12.0.1, #2344).
	it('refuses a malformed JSON body with 400 PGRST102', async () => {
		const response = await fetch(`${rt.url}/rest/v1/tasks`, {
			method: 'POST',
			headers: {
				apikey: rt.publishableKey,
				Authorization: `Bearer ${rt.publishableKey}`,
				'Content-Type': 'application/json'
			},
			body: '{"id": 70, "title": '
		});
		expect(response.status).toBe(400);
		expect(await response.json()).toEqual({
			code: 'PGRST102',
			details: null,
			hint: null,
			message: 'Empty or invalid json'
		});
	});
});

describe('huge values', () => {
	// Source: HTTP servers cap the request line (Node's default 16 KB header limit, PostgREST
	// behind the Supabase gateway likewise): a 1 MB URL is refused with a 4xx, never a 5xx.
	it('refuses a 1 MB filter value in the URL with a 4xx', async () => {
		const res = await db.from('users').select('username').eq('username', 'x'.repeat(1_000_000));
		expect(res.status).toBeGreaterThanOrEqual(400);
		expect(res.status).toBeLessThan(500);
	});

	// Source: as above (a 100 000-element in() list is a ~600 KB URL).
	it('refuses a 100 000-element in() list with a 4xx', async () => {
		const list = Array.from({ length: 100_000 }, (_, i) => i);
		const res = await db.from('many_rows').select('id').in('id', list);
		expect(res.status).toBeGreaterThanOrEqual(400);
		expect(res.status).toBeLessThan(500);
	});

	// Source: PostgREST docs, API > Tables and Views > Operators (in); a long but ordinary URL.
	it('answers a 1 500-element in() list', async () => {
		const list = Array.from({ length: 1500 }, (_, i) => i + 3);
		const res = await db.from('tasks').select('id').in('id', list).order('id');
		expectData(res, 200, [{ id: 3 }, { id: 4 }, { id: 5 }]);
	});

	// Source: src/PostgREST/ApiRequest/QueryParams.hs (limit is read with readMaybe as an Integer,
	// so 1e20 parses), src/PostgREST/Plan.hs (readPlan: treeRestrictRange configDbMaxRows caps it)
	// and PostgREST docs, Configuration > db-max-rows (max_rows is 1000 here).
	it('caps limit=1e20 at max_rows', async () => {
		const res = await db.from('users').select('username', { count: 'exact' }).limit(1e20);
		expect(res.error).toBeNull();
		expect(res.status).toBe(200);
		expect(res.count).toBe(8);
		expect(res.data).toHaveLength(8);
	});

	// Source: PostgREST docs, API > Functions as RPC (a POST body carries the arguments). The
	// Supabase gateway may refuse or truncate bodies near 1 MB (a 4xx); a 5xx never.
	it('takes a 1 MB argument in a POST body, or refuses it with a 4xx', async () => {
		const big = 'y'.repeat(1_000_000);
		const res = await db.rpc('echo_text', { txt: big });
		if (res.error === null) {
			expect(res.status).toBe(200);
			expect(res.data).toBe(big);
		} else {
			expectPostgrestClientError(res);
		}
	});
});

describe('credentials', () => {
	// Source: the Supabase API gateway's answer without an API key (supabase/cli Kong
	// configuration, as seen on hosted projects): 401 {"message":"No API key found in request",
	// "hint":"No `apikey` request header or url param was found."}.
	it('refuses a request without an API key with 401', async () => {
		const response = await fetch(`${rt.url}/rest/v1/users?select=username`);
		expect(response.status).toBe(401);
		expect(await response.json()).toEqual({
			message: 'No API key found in request',
			hint: 'No `apikey` request header or url param was found.'
		});
	});

	// Source: the Supabase API gateway's answer to an unknown key: 401 {"message":"Invalid API
	// key","hint":"Double check your Supabase `anon` or `service_role` API key."}.
	it('refuses a wrong publishable key with 401', async () => {
		const res = await clientWithKey(rt, `sb_publishable_${randomBytes(16).toString('hex')}`)
			.from('users')
			.select('username');
		expectError(res, 401, {
			message: 'Invalid API key',
			hint: 'Double check your Supabase `anon` or `service_role` API key.'
		});
	});

	// Source: as above.
	it('refuses a wrong secret key with 401', async () => {
		const res = await clientWithKey(rt, `sb_secret_${randomBytes(16).toString('hex')}`)
			.from('notes')
			.select('id');
		expectError(res, 401, {
			message: 'Invalid API key',
			hint: 'Double check your Supabase `anon` or `service_role` API key.'
		});
	});

	// Source: as above (a legacy-style JWT key that is not one of the project's keys).
	it('refuses a JWT API key signed with another secret with 401', async () => {
		const forged = await new SignJWT({ role: 'service_role', iss: 'supabase' })
			.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
			.setIssuedAt()
			.setExpirationTime('1h')
			.sign(randomBytes(32));
		const res = await clientWithKey(rt, forged).from('notes').select('id');
		expectError(res, 401, {
			message: 'Invalid API key',
			hint: 'Double check your Supabase `anon` or `service_role` API key.'
		});
	});

	// Source: src/PostgREST/Error.hs (JWTExpired -> 401 "JWT expired"; PGRST303 since v13, PGRST301
	// before).
	it('refuses an expired user token with 401 "JWT expired"', async () => {
		const token = await rt.signUserToken({
			sub: USER_A,
			exp: Math.floor(Date.now() / 1000) - 3600
		});
		const res = await tokenClient(rt, token).from('notes').select('id');
		expectPostgrestClientError(res, 401);
		expect(res.error).toMatchObject({
			code: expect.toBeOneOf(['PGRST301', 'PGRST303']),
			message: 'JWT expired'
		});
	});

	// Source: src/PostgREST/Error.hs and src/PostgREST/Auth/Jwt.hs (a signature no key verifies ->
	// 401 PGRST301).
	it('refuses a user token signed with another key (same kid) with 401 PGRST301', async () => {
		const real = await rt.signUserToken({ sub: USER_A });
		const header = decodeProtectedHeader(real);
		const { privateKey } = await generateKeyPair('ES256');
		const forged = await new SignJWT({
			sub: USER_A,
			role: 'authenticated',
			aud: 'authenticated'
		})
			.setProtectedHeader({ ...header, alg: 'ES256' })
			.setIssuedAt()
			.setExpirationTime('1h')
			.sign(privateKey);
		const res = await tokenClient(rt, forged).from('notes').select('id');
		expectPostgrestClientError(res, 401);
		expect(res.error).toMatchObject({ code: 'PGRST301' });
	});

	// Source: as above (an HS256 token signed with a secret the project does not have).
	it('refuses a user token signed with an unknown HS256 secret with 401 PGRST301', async () => {
		const forged = await new SignJWT({ sub: USER_A, role: 'authenticated', aud: 'authenticated' })
			.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
			.setIssuedAt()
			.setExpirationTime('1h')
			.sign(randomBytes(32));
		const res = await tokenClient(rt, forged).from('notes').select('id');
		expectPostgrestClientError(res, 401);
		expect(res.error).toMatchObject({ code: 'PGRST301' });
	});

	// Source: src/PostgREST/Auth/Jwt.hs (only signed tokens are accepted; an unsecured "alg":
	// "none" token is a decode error -> 401).
	it('refuses an alg "none" token claiming service_role with 401', async () => {
		const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
		const unsigned = `${part({ alg: 'none', typ: 'JWT' })}.${part({
			sub: USER_A,
			role: 'service_role',
			exp: Math.floor(Date.now() / 1000) + 3600
		})}.`;
		const res = await tokenClient(rt, unsigned).from('notes').select('id');
		expectPostgrestClientError(res, 401);
		expect((res.error as { code: string }).code).toMatch(/^PGRST30\d$/);
	});

	// Source: PostgREST test/spec/Feature/Query/ErrorSpec.hs, "works with Jwt error" ("Expected 3
	// parts in JWT; got 2", 401 PGRST301).
	it('refuses a token that is not a JWT with 401 PGRST301', async () => {
		const res = await tokenClient(rt, 'not-a-jwt').from('notes').select('id');
		expectError(res, 401, {
			code: 'PGRST301',
			details: null,
			hint: null,
			message: 'Expected 3 parts in JWT; got 1'
		});
	});

	// Source: src/PostgREST/Error.hs (a role the authenticator may not switch to fails with 42501 or
	// 22023 "role ... does not exist": 401/403, never a 2xx). The token's signature is valid.
	it('refuses a validly signed token whose role is postgres', async () => {
		const token = await rt.signUserToken({ sub: USER_A, role: 'postgres' });
		const res = await tokenClient(rt, token).from('sentinel').delete().eq('id', 1);
		expectPostgrestClientError(res);
		expect([401, 403]).toContain(res.status);
	});

	// Source: as above.
	it('refuses a validly signed token whose role is supabase_admin', async () => {
		const token = await rt.signUserToken({ sub: USER_A, role: 'supabase_admin' });
		const res = await tokenClient(rt, token).from('sentinel').delete().eq('id', 1);
		expectPostgrestClientError(res);
		expect([401, 403]).toContain(res.status);
	});

	// Source: src/PostgREST/Error.hs (22023 "role ... does not exist" -> 401 since #3601, 400
	// before).
	it('refuses a validly signed token whose role does not exist', async () => {
		const token = await rt.signUserToken({ sub: USER_A, role: 'no_such_role' });
		const res = await tokenClient(rt, token).from('sentinel').select('id');
		expectPostgrestClientError(res);
		expect([400, 401]).toContain(res.status);
	});

	// Source: Supabase docs, API keys (the publishable key is anon: it may read the sentinel, not
	// delete it; PostgreSQL answers 42501 -> 401 for anon).
	it('lets anon read but not delete the sentinel', async () => {
		const read = await db.from('sentinel').select('id, marker');
		expectData(read, 200, [{ id: 1, marker: 'untouched' }]);
		const del = await db.from('sentinel').delete().eq('id', 1);
		expectPostgrestClientError(del, 401);
		expect(del.error).toMatchObject({
			code: '42501',
			message: 'permission denied for table sentinel'
		});
	});

	// Source: Supabase docs, API keys (service_role may do everything it is granted; the sentinel
	// is checked after every test, so this one only reads).
	it('still answers ordinary requests afterwards', async () => {
		const res = await serviceClient(rt).from('sentinel').select('marker').single();
		expectData(res, 200, { marker: 'untouched' });
	});
});
