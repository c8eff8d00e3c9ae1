/**
 * Horizontal filtering: every operator supabase-js sends, logical trees, negation, JSON paths.
 *
 * Sources are named above each case. "postgrest-js <file>" means a response recorded in
 * supabase/supabase-js, packages/core/postgrest-js/test/<file>, against the same fixture rows.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import {
	ALL_USERNAMES,
	anonClient,
	expectData,
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

const names = (...list: string[]) => list.map((username) => ({ username }));
const ids = (...list: number[]) => list.map((id) => ({ id }));

describe('comparison operators', () => {
	// Source: postgrest-js filters.test.ts, "eq".
	it('eq', async () => {
		const res = await db.from('users').select('username').eq('username', 'supabot');
		expectData(res, 200, names('supabot'));
	});

	// Source: postgrest-js filters.test.ts, "neq".
	it('neq', async () => {
		const res = await db
			.from('users')
			.select('username')
			.neq('username', 'supabot')
			.order('username');
		expectData(res, 200, names(...ALL_USERNAMES.filter((name) => name !== 'supabot')));
	});

	// Source: postgrest-js filters.test.ts, "gt".
	it('gt', async () => {
		const res = await db.from('messages').select('id').gt('id', 1).order('id');
		expectData(res, 200, ids(2, 3, 4));
	});

	// Source: postgrest-js filters.test.ts, "gte".
	it('gte', async () => {
		const res = await db.from('messages').select('id').gte('id', 2).order('id');
		expectData(res, 200, ids(2, 3, 4));
	});

	// Source: postgrest-js filters.test.ts, "lt".
	it('lt', async () => {
		const res = await db.from('messages').select('id').lt('id', 2);
		expectData(res, 200, ids(1));
	});

	// Source: postgrest-js filters.test.ts, "lte".
	it('lte', async () => {
		const res = await db.from('messages').select('id').lte('id', 2).order('id');
		expectData(res, 200, ids(1, 2));
	});

	// Source: PostgREST docs, API > Tables and Views > Horizontal Filtering (several conditions are
	// joined with AND).
	it('combines several filters with AND', async () => {
		const res = await db.from('tasks').select('id').eq('done', false).gt('priority', 0);
		expectData(res, 200, ids(3));
	});

	// Source: postgrest-js filters.test.ts, "filter".
	it('filter() with an operator name', async () => {
		const res = await db.from('users').select('username').filter('username', 'eq', 'supabot');
		expectData(res, 200, names('supabot'));
	});

	// Source: PostgREST docs, API > Tables and Views > Operators (in: "?a=in.(1,2,3)").
	it('filter() with raw PostgREST syntax', async () => {
		const res = await db
			.from('users')
			.select('username')
			.filter('username', 'in', '(supabot,kiwicopple)')
			.order('username');
		expectData(res, 200, names('kiwicopple', 'supabot'));
	});

	// Source: postgrest-js filters.test.ts, "match".
	it('match() ANDs equalities', async () => {
		const res = await db
			.from('users')
			.select('username, status')
			.match({ username: 'supabot', status: 'ONLINE' });
		expectData(res, 200, [{ username: 'supabot', status: 'ONLINE' }]);
	});
});

describe('pattern operators', () => {
	// Source: postgrest-js filters.test.ts, "like".
	it('like with %', async () => {
		const res = await db.from('users').select('username').like('username', '%supa%');
		expectData(res, 200, names('supabot'));
	});

	// Source: PostgREST docs, API > Tables and Views > Operators ("* as an alias of the percent
	// sign %").
	it('like with * as the wildcard', async () => {
		const res = await db.from('users').select('username').like('username', '*copple');
		expectData(res, 200, names('kiwicopple'));
	});

	// Source: postgrest-js filters.test.ts, "ilike".
	it('ilike', async () => {
		const res = await db.from('users').select('username').ilike('username', '%SUPA%');
		expectData(res, 200, names('supabot'));
	});

	// Source: postgrest-js filters.test.ts, "likeAnyOf".
	it('likeAnyOf', async () => {
		const res = await db
			.from('users')
			.select('username')
			.likeAnyOf('username', ['%supa%', '%kiwi%'])
			.order('username');
		expectData(res, 200, names('kiwicopple', 'supabot'));
	});

	// Source: postgrest-js filters.test.ts, "ilikeAllOf".
	it('ilikeAllOf', async () => {
		const res = await db
			.from('users')
			.select('username')
			.ilikeAllOf('username', ['%SUPA%', '%bot%']);
		expectData(res, 200, names('supabot'));
	});
});

describe('in and is', () => {
	// Source: postgrest-js filters.test.ts, "in".
	it('in', async () => {
		const res = await db
			.from('users')
			.select('username')
			.in('username', ['supabot', 'awailas', 'nobody'])
			.order('username');
		expectData(res, 200, names('awailas', 'supabot'));
	});

	// Source: PostgREST docs, API > Tables and Views > Operators (in "also supports commas in quoted
	// strings"); postgrest-js quotes values holding , ( or ) (PostgrestReservedCharsRegexp).
	it('in with a value that holds a comma', async () => {
		const res = await db.from('tasks').select('id').in('title', ['Buy milk', 'Fix bike, soon']);
		expectData(res, 200, ids(2));
	});

	// Source: postgrest-js filters.test.ts, "notIn".
	it('notIn', async () => {
		const res = await db.from('tasks').select('id').notIn('id', [1, 2, 3]).order('id');
		expectData(res, 200, ids(4, 5));
	});

	// Source: postgrest-js filters.test.ts, "is".
	it('is null', async () => {
		const res = await db.from('users').select('username').is('data', null).order('username');
		expectData(res, 200, names('awailas', 'dragarcia', 'kiwicopple', 'supabot'));
	});

	// Source: PostgREST docs, API > Tables and Views > Operators (is: null, true, false, unknown).
	it('is true', async () => {
		const res = await db.from('tasks').select('id').is('done', true).order('id');
		expectData(res, 200, ids(1, 4));
	});

	// Source: PostgREST docs, API > Tables and Views > Operators (is: null, true, false, unknown).
	it('is false', async () => {
		const res = await db.from('tasks').select('id').is('done', false).order('id');
		expectData(res, 200, ids(2, 3, 5));
	});

	// Source: PostgREST test/spec/Feature/Query/QuerySpec.hs, "matches nulls using not operator".
	it('not is null', async () => {
		const res = await db.from('users').select('username').not('data', 'is', null).order('username');
		expectData(res, 200, names('jsonuser', 'jsonusermissing', 'jsonusernull', 'jsonuserobj'));
	});
});

describe('arrays, ranges and jsonb', () => {
	// Source: postgrest-js filters.test.ts, "contains with array".
	it('contains (cs) on an array', async () => {
		const res = await db.from('tasks').select('id').contains('tags', ['home']).order('id');
		expectData(res, 200, ids(2, 3));
	});

	// Source: postgrest-js filters.test.ts, "containedBy with array"; PostgREST docs, API > Tables
	// and Views > Operators (cd).
	it('containedBy (cd) on an array', async () => {
		const res = await db
			.from('tasks')
			.select('id')
			.containedBy('tags', ['home', 'shopping', 'work'])
			.order('id');
		expectData(res, 200, ids(2, 3, 5));
	});

	// Source: postgrest-js filters.test.ts, "contains with json".
	it('contains (cs) on jsonb', async () => {
		const res = await db
			.from('tasks')
			.select('id')
			.contains('meta', { owner: { name: 'ann' } })
			.order('id');
		expectData(res, 200, ids(1, 3));
	});

	// Source: postgrest-js filters.test.ts, "containedBy with json".
	it('containedBy (cd) on jsonb', async () => {
		const res = await db
			.from('users')
			.select('username')
			.containedBy('data', { foo: 'string', en: 'THREE', extra: 1 });
		expectData(res, 200, names('jsonusermissing'));
	});

	// Source: postgrest-js filters.test.ts, "overlaps with array".
	it('overlaps (ov) on an array', async () => {
		const res = await db
			.from('tasks')
			.select('id')
			.overlaps('tags', ['travel', 'writing'])
			.order('id');
		expectData(res, 200, ids(1, 4));
	});

	// Source: postgrest-js filters.test.ts, "overlaps" (range column).
	it('overlaps (ov) on a range', async () => {
		const res = await db
			.from('users')
			.select('username')
			.overlaps('age_range', '[2,25)')
			.order('username');
		expectData(
			res,
			200,
			names('dragarcia', 'jsonuser', 'jsonusermissing', 'jsonusernull', 'jsonuserobj')
		);
	});

	// Source: postgrest-js filters.test.ts, "rangeLt".
	it('rangeLt (sl) on a range', async () => {
		const res = await db.from('users').select('age_range').rangeLt('age_range', '[2,25)');
		expectData(res, 200, [{ age_range: '[1,2)' }]);
	});

	// Source: PostgREST docs, API > Tables and Views > JSON Columns ("This also works with
	// filters"; ->> compares as text).
	it('filters on a JSON path with ->>', async () => {
		const res = await db.from('users').select('username').eq('data->>en', 'TWO');
		expectData(res, 200, names('jsonuserobj'));
	});

	// Source: PostgREST docs, API > Tables and Views > JSON Columns ("To compare with an integer
	// value use ->").
	it('filters on a JSON path with -> as jsonb', async () => {
		const res = await db.from('tasks').select('id').gt('meta->points', 2).order('id');
		expectData(res, 200, ids(1, 3));
	});

	// Source: PostgREST docs, API > Tables and Views > JSON Columns (nested paths).
	it('filters on a nested JSON path', async () => {
		const res = await db.from('tasks').select('id').eq('meta->owner->>name', 'ann').order('id');
		expectData(res, 200, ids(1, 3));
	});
});

describe('full-text search', () => {
	// Source: postgrest-js filters.test.ts, "textSearch" (fts with a config).
	it('fts with a config', async () => {
		const res = await db
			.from('users')
			.select('catchphrase')
			.textSearch('catchphrase', `'fat' & 'cat'`, { config: 'english' });
		expectData(res, 200, [{ catchphrase: "'cat' 'fat'" }]);
	});

	// Source: postgrest-js filters.test.ts, "textSearch with plainto_tsquery".
	it('plfts', async () => {
		const res = await db
			.from('users')
			.select('catchphrase')
			.textSearch('catchphrase', `'fat' & 'cat'`, { config: 'english', type: 'plain' });
		expectData(res, 200, [{ catchphrase: "'cat' 'fat'" }]);
	});

	// Source: postgrest-js filters.test.ts, "textSearch with phraseto_tsquery".
	it('phfts', async () => {
		const res = await db
			.from('users')
			.select('username')
			.textSearch('catchphrase', 'cat', { config: 'english', type: 'phrase' })
			.order('username');
		expectData(res, 200, names('kiwicopple', 'supabot'));
	});

	// Source: postgrest-js filters.test.ts, "textSearch with websearch_to_tsquery".
	it('wfts', async () => {
		const res = await db
			.from('users')
			.select('catchphrase')
			.textSearch('catchphrase', `'fat' & 'cat'`, { config: 'english', type: 'websearch' });
		expectData(res, 200, [{ catchphrase: "'cat' 'fat'" }]);
	});

	// Source: PostgREST test/spec/Feature/Query/QuerySpec.hs, "can use boolean operators(and, or,
	// -) in websearch_to_tsquery".
	it('wfts with a negated word', async () => {
		const res = await db
			.from('users')
			.select('username')
			.textSearch('catchphrase', 'rat -fat', { config: 'english', type: 'websearch' });
		expectData(res, 200, names('awailas'));
	});

	// Source: PostgREST docs, API > Tables and Views > Full-Text Search (not.fts, with a config).
	it('negated fts', async () => {
		const res = await db
			.from('users')
			.select('username')
			.not('catchphrase', 'fts(english)', 'json')
			.order('username');
		expectData(res, 200, names('awailas', 'dragarcia', 'kiwicopple', 'supabot'));
	});
});

describe('logical operators', () => {
	// Source: postgrest-js filters.test.ts, "or".
	it('or', async () => {
		const res = await db
			.from('users')
			.select('status, username')
			.or('status.eq.OFFLINE,username.eq.supabot')
			.order('username');
		expectData(res, 200, [
			{ status: 'OFFLINE', username: 'kiwicopple' },
			{ status: 'ONLINE', username: 'supabot' }
		]);
	});

	// Source: PostgREST docs, API > Tables and Views > Logical operators (nested and() inside
	// or()); postgrest-js resource-embedding.test.ts, "embedded or with and".
	it('or with a nested and', async () => {
		const res = await db
			.from('users')
			.select('username')
			.or('username.eq.kiwicopple,and(status.eq.ONLINE,username.like.json*)')
			.order('username');
		expectData(
			res,
			200,
			names('jsonuser', 'jsonusermissing', 'jsonusernull', 'jsonuserobj', 'kiwicopple')
		);
	});

	// Source: PostgREST docs, API > Tables and Views > Logical operators (not.and inside or).
	it('or with a negated and', async () => {
		const res = await db
			.from('tasks')
			.select('id')
			.or('id.eq.5,not.and(done.is.false,priority.is.null)')
			.order('id');
		expectData(res, 200, ids(1, 3, 4, 5));
	});

	// Source: PostgREST docs, API > Tables and Views > Logical operators (the example
	// "grade=gte.90&student=is.true&or=(...)": or() is ANDed with the other filters).
	it('or next to other filters', async () => {
		const res = await db
			.from('tasks')
			.select('id')
			.eq('done', false)
			.or('priority.is.null,priority.gte.1')
			.order('id');
		expectData(res, 200, ids(2, 3, 5));
	});

	// Source: postgrest-js filters.test.ts, "not".
	it('not', async () => {
		const res = await db
			.from('users')
			.select('username')
			.not('status', 'eq', 'OFFLINE')
			.order('username');
		expectData(res, 200, names(...ALL_USERNAMES.filter((name) => name !== 'kiwicopple')));
	});

	// Source: PostgREST test/spec/Feature/Query/QuerySpec.hs, "matches items NOT IN using not
	// operator".
	it('not in', async () => {
		const res = await db.from('tasks').select('id').not('id', 'in', '(1,2,3,4)');
		expectData(res, 200, ids(5));
	});
});
