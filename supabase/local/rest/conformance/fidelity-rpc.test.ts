/**
 * Issue 16: which function a call to /rpc means, as PostgREST 13/14 resolves it, on
 * fidelity.sql's overloads: named parameters with defaults, ambiguity (PGRST203), a single
 * unnamed json/text/bytea parameter taking the raw body, and polymorphic parameters.
 *
 * Sources are named above each case: "Plan.hs findProc" is PostgREST's src/PostgREST/Plan.hs
 * (an overload fits when its required parameters are exactly the given keys less its optional
 * ones; a single unnamed parameter is the fallback for a POST); "Error.hs" its error texts; the
 * rest are pages of PostgREST's documentation (API > Functions as RPC).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import {
	anonClient,
	expectData,
	expectError,
	restFetch,
	startConformanceRuntime,
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

const AMBIGUOUS_HINT =
	'Try renaming the parameters or the function itself in the database so function overloading can be resolved';

describe('overloaded functions', () => {
	// Source: Plan.hs findProc (required {name} plus optional {greeting}: the given keys less the
	// optional ones must equal the required ones, so greet(name) and greet(name, greeting default)
	// both fit {name}); Error.hs AmbiguousRpc (PGRST203, status 300).
	it('answers 300 PGRST203 when a default makes two overloads fit', async () => {
		const res = await db.rpc('greet', { name: 'Kari' });
		expectError(res, 300, {
			code: 'PGRST203',
			details: null,
			hint: AMBIGUOUS_HINT,
			message:
				'Could not choose the best candidate function between: public.greet(name => text), public.greet(name => text, greeting => text)'
		});
	});

	// Source: Plan.hs findProc (only greet(name, greeting) takes both keys).
	it('calls the overload whose parameters are the given keys', async () => {
		const res = await db.rpc('greet', { name: 'Kari', greeting: 'hei' });
		expectData(res, 200, 'hei Kari!');
	});

	// Source: Plan.hs findProc (required {title, name}, the optional polite left out).
	it('calls an overload leaving its optional parameter out', async () => {
		const res = await db.rpc('greet', { title: 'Dr', name: 'Kari' });
		expectData(res, 200, 'dear Dr Kari');
	});

	// Source: Plan.hs findProc (GET: the query parameters are the keys, the same rules).
	it('resolves a GET call by its query parameters', async () => {
		const res = await db.rpc('greet', { title: 'Dr', name: 'Kari', polite: false }, { get: true });
		expectData(res, 200, 'Dr Kari');
	});

	// Source: Plan.hs findProc; Error.hs AmbiguousRpc (the candidates as name => type).
	it('answers 300 PGRST203 between overloads of different types', async () => {
		const res = await db.rpc('ambiguous', { x: 1 });
		expectError(res, 300, {
			code: 'PGRST203',
			details: null,
			hint: AMBIGUOUS_HINT,
			message:
				'Could not choose the best candidate function between: public.ambiguous(x => integer), public.ambiguous(x => text, y => text)'
		});
	});
});

describe('a single unnamed parameter', () => {
	// Source: docs, Functions as RPC > Functions with a single unnamed JSON parameter (the whole
	// JSON body is the argument).
	it('passes the whole JSON body to a single unnamed json parameter', async () => {
		const res = await db.rpc('unnamed_json', { a: 1, b: [true, null] });
		expectData(res, 200, { a: 1, b: [true, null] });
	});

	// Source: docs, Functions as RPC > Functions with a single unnamed TEXT parameter
	// (Content-Type: text/plain).
	it('passes a text/plain body to a single unnamed text parameter', async () => {
		const res = await restFetch(rt, '/rpc/unnamed_text', {
			method: 'POST',
			headers: { 'content-type': 'text/plain' },
			body: 'hei på deg'
		});
		expect({ status: res.status, json: res.json }).toEqual({
			status: 200,
			json: 'got: hei på deg'
		});
	});

	// Source: docs, Functions as RPC > Functions with a single unnamed BYTEA parameter
	// (Content-Type: application/octet-stream; the bytes as they are).
	it('passes an octet-stream body to a single unnamed bytea parameter', async () => {
		const res = await restFetch(rt, '/rpc/unnamed_bytea', {
			method: 'POST',
			headers: { 'content-type': 'application/octet-stream' },
			body: new Blob([new Uint8Array([0, 1, 2, 0xff, 0xfe])])
		});
		expect({ status: res.status, json: res.json }).toEqual({ status: 200, json: 5 });
	});

	// Source: Plan.hs findProc (an overload with named parameters that fit wins; the single
	// unnamed parameter is only the fallback).
	it('prefers a named overload that fits, and falls back to the unnamed one', async () => {
		expectData(await db.rpc('unnamed_or_named', { a: 7 }), 200, 'named 7');
		expectData(await db.rpc('unnamed_or_named', { b: 2 }), 200, 'unnamed {"b":2}');
	});

	// Source: Error.hs NoRpc (a raw body: no parameter list in the message, the body's type in
	// the details, no hint).
	it('answers 404 PGRST202 for a text body no function takes', async () => {
		const res = await restFetch(rt, '/rpc/unnamed_json', {
			method: 'POST',
			headers: { 'content-type': 'text/plain' },
			body: 'plain'
		});
		expect({ status: res.status, json: res.json }).toEqual({
			status: 404,
			json: {
				code: 'PGRST202',
				details:
					'Searched for the function public.unnamed_json with a single unnamed text parameter, but no matches were found in the schema cache.',
				hint: null,
				message: 'Could not find the function public.unnamed_json in the schema cache'
			}
		});
	});
});

describe('polymorphic parameters', () => {
	// Source: Plan.hs findProc (overloads are told apart by parameter names only, so a function
	// with a polymorphic parameter is found like any other). The arguments are then read into a
	// record of the parameters' declared types, which Postgres refuses for a pseudo-type; the
	// runtime passes that error on (supabase/local/README.md lists it as unsupported).
	it('finds a function with an anyarray parameter, and passes on Postgres refusing the call', async () => {
		const res = await db.rpc('first_of', { arr: [3, 4] });
		expectError(res, 400, {
			code: '42P16',
			details: null,
			hint: null,
			message: 'column "arr" has pseudo-type anyarray'
		});
	});
});
