/**
 * Resource embedding through foreign keys: to-one objects, to-many arrays, one-to-one, views,
 * !inner, hints, embedded filters/order/limit, ambiguity (PGRST201) and missing relationships
 * (PGRST200).
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

describe('relationships', () => {
	// Source: PostgREST docs, API > Resource Embedding > Many-to-one relationships (the to-one end
	// is a JSON object).
	it('embeds a many-to-one relationship as an object', async () => {
		const res = await db.from('messages').select('id, users(username, status)').order('id');
		expectData(
			res,
			200,
			[1, 2, 3, 4].map((id) => ({ id, users: { username: 'supabot', status: 'ONLINE' } }))
		);
	});

	// Source: PostgREST docs, API > Resource Embedding > Many-to-one relationships (alias on the
	// embedded resource).
	it('renames an embedded resource with an alias', async () => {
		const res = await db.from('messages').select('id, author:users(username)').eq('id', 1);
		expectData(res, 200, [{ id: 1, author: { username: 'supabot' } }]);
	});

	// Source: PostgREST docs, API > Resource Embedding > One-to-many relationships (the to-many
	// end is a JSON array).
	it('embeds a one-to-many relationship as an array', async () => {
		const res = await db
			.from('channels')
			.select('slug, messages(id)')
			.order('id')
			.order('id', { referencedTable: 'messages' });
		expectData(res, 200, [
			{ slug: 'public', messages: [{ id: 1 }] },
			{ slug: 'random', messages: [{ id: 2 }] },
			{ slug: 'other', messages: [{ id: 3 }, { id: 4 }] }
		]);
	});

	// Source: postgrest-js resource-embedding.test.ts, "embedded select" (users without messages
	// get an empty array).
	it('embeds an empty array when nothing is related', async () => {
		const res = await db
			.from('users')
			.select('username, messages(id)')
			.eq('username', 'kiwicopple');
		expectData(res, 200, [{ username: 'kiwicopple', messages: [] }]);
	});

	// Source: PostgREST docs, API > Resource Embedding > One-to-one relationships (the foreign key
	// is the primary key: an object, or null when there is no row).
	it('embeds a one-to-one relationship as an object or null', async () => {
		const res = await db.from('channels').select('id, channel_details(details)').order('id');
		expectData(res, 200, [
			{ id: 1, channel_details: { details: 'Details for public channel' } },
			{ id: 2, channel_details: { details: 'Details for random channel' } },
			{ id: 3, channel_details: null }
		]);
	});

	// Source: postgrest-js basic.test.ts, "!left join on one to one relation".
	it('embeds the other end of a one-to-one relationship', async () => {
		const res = await db.from('channel_details').select('channels!left(id)').limit(1).single();
		expectData(res, 200, { channels: { id: 1 } });
	});

	// Source: postgrest-js basic.test.ts, "!left join on zero to one with null relation".
	it('embeds null for a null foreign key', async () => {
		const res = await db
			.from('user_profiles')
			.select('*,users!left(*)')
			.eq('id', 2)
			.limit(1)
			.single();
		expectData(res, 200, { id: 2, username: null, users: null });
	});

	// Source: PostgREST docs, API > Resource Embedding > Nested Embedding.
	it('nests embeddings', async () => {
		const res = await db
			.from('messages')
			.select('id, channels(slug, channel_details(details))')
			.eq('id', 1);
		expectData(res, 200, [
			{
				id: 1,
				channels: { slug: 'public', channel_details: { details: 'Details for public channel' } }
			}
		]);
	});

	// Source: PostgREST docs, API > Resource Embedding > Foreign Key Joins on Table-Valued
	// Functions.
	it('embeds on the rows of a set-returning function', async () => {
		const res = await db
			.rpc('list_channel_messages', { p_channel_id: 3 })
			.select('id, users(username)')
			.order('id');
		expectData(res, 200, [
			{ id: 3, users: { username: 'supabot' } },
			{ id: 4, users: { username: 'supabot' } }
		]);
	});
});

describe('views', () => {
	// Source: PostgREST docs, API > Resource Embedding > Foreign Key Joins on Views ("PostgREST
	// will infer the foreign keys of a view using its base tables").
	it('embeds a table from a view (many-to-one through the base table)', async () => {
		const res = await db.from('messages_view').select('id, users(username)').eq('id', 2);
		expectData(res, 200, [{ id: 2, users: { username: 'supabot' } }]);
	});

	// Source: PostgREST docs, API > Resource Embedding > Foreign Key Joins on Views.
	it('embeds a view from a table (one-to-many through the base table)', async () => {
		const res = await db
			.from('users')
			.select('username, messages_view(id)')
			.eq('username', 'supabot')
			.order('id', { referencedTable: 'messages_view' });
		expectData(res, 200, [
			{ username: 'supabot', messages_view: [{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }] }
		]);
	});
});

describe('embedded filters, order and limit', () => {
	// Source: postgrest-js resource-embedding.test.ts, "embedded eq"; PostgREST docs, API >
	// Resource Embedding > Top-level Filtering ("Embedded Filters don't change the top-level
	// resource rows").
	it('filters the embedded rows, not the parents', async () => {
		const res = await db
			.from('users')
			.select('username, messages(id)')
			.eq('messages.channel_id', 3)
			.order('username')
			.order('id', { referencedTable: 'messages' });
		expectData(
			res,
			200,
			ALL_USERNAMES.map((username) => ({
				username,
				messages: username === 'supabot' ? [{ id: 3 }, { id: 4 }] : []
			}))
		);
	});

	// Source: PostgREST docs, API > Resource Embedding > Top-level Filtering (!inner).
	it('filters the parents with !inner', async () => {
		const res = await db
			.from('users')
			.select('username, messages!inner(id)')
			.eq('messages.channel_id', 3)
			.order('id', { referencedTable: 'messages' });
		expectData(res, 200, [{ username: 'supabot', messages: [{ id: 3 }, { id: 4 }] }]);
	});

	// Source: PostgREST docs, API > Resource Embedding > Top-level Filtering (!inner on a to-one
	// embed drops parents whose filter fails).
	it('filters parents through a to-one !inner embed', async () => {
		const res = await db
			.from('messages')
			.select('id, channels!inner(slug)')
			.eq('channels.slug', 'other')
			.order('id');
		expectData(res, 200, [
			{ id: 3, channels: { slug: 'other' } },
			{ id: 4, channels: { slug: 'other' } }
		]);
	});

	// Source: PostgREST docs, API > Resource Embedding > Null filtering on Embedded Resources
	// (not.is.null behaves like !inner).
	it('keeps only parents with a related row using not.is.null', async () => {
		const res = await db
			.from('channels')
			.select('id, channel_details(id)')
			.not('channel_details', 'is', null)
			.order('id');
		expectData(res, 200, [
			{ id: 1, channel_details: { id: 1 } },
			{ id: 2, channel_details: { id: 2 } }
		]);
	});

	// Source: PostgREST docs, API > Resource Embedding > Null filtering on Embedded Resources
	// (is.null is an anti-join) and Empty Embed (an empty embed is left out of the output).
	it('anti-joins with is.null on an empty embed', async () => {
		const res = await db
			.from('channels')
			.select('id, channel_details()')
			.is('channel_details', null);
		expectData(res, 200, [{ id: 3 }]);
	});

	// Source: postgrest-js resource-embedding.test.ts, "embedded order" and "embedded order on
	// multiple columns" (.order(col, { referencedTable })).
	it('orders the embedded rows', async () => {
		const res = await db
			.from('users')
			.select('username, messages(id, channel_id)')
			.eq('username', 'supabot')
			.order('channel_id', { referencedTable: 'messages', ascending: false })
			.order('id', { referencedTable: 'messages' });
		expectData(res, 200, [
			{
				username: 'supabot',
				messages: [
					{ id: 3, channel_id: 3 },
					{ id: 4, channel_id: 3 },
					{ id: 2, channel_id: 2 },
					{ id: 1, channel_id: 1 }
				]
			}
		]);
	});

	// Source: postgrest-js resource-embedding.test.ts, "embedded limit".
	it('limits the embedded rows', async () => {
		const res = await db
			.from('users')
			.select('username, messages(id)')
			.eq('username', 'supabot')
			.order('id', { referencedTable: 'messages', ascending: false })
			.limit(1, { referencedTable: 'messages' });
		expectData(res, 200, [{ username: 'supabot', messages: [{ id: 4 }] }]);
	});

	// Source: PostgREST docs, API > Resource Embedding > Embedded Filters ("Limit and offset
	// operations are possible").
	it('takes a range of the embedded rows', async () => {
		const res = await db
			.from('users')
			.select('username, messages(id)')
			.eq('username', 'supabot')
			.order('id', { referencedTable: 'messages' })
			.range(1, 2, { referencedTable: 'messages' });
		expectData(res, 200, [{ username: 'supabot', messages: [{ id: 2 }, { id: 3 }] }]);
	});

	// Source: postgrest-js resource-embedding.test.ts, "embedded or".
	it('applies or() to the embedded rows', async () => {
		const res = await db
			.from('users')
			.select('username, messages(id)')
			.eq('username', 'supabot')
			.or('channel_id.eq.2,message.eq.Hello World 👋', { referencedTable: 'messages' })
			.order('id', { referencedTable: 'messages' });
		expectData(res, 200, [{ username: 'supabot', messages: [{ id: 1 }, { id: 2 }] }]);
	});

	// Source: postgrest-js resource-embedding.test.ts, "embedded or with and".
	it('applies or() with a nested and() to the embedded rows', async () => {
		const res = await db
			.from('users')
			.select('username, messages(id)')
			.eq('username', 'supabot')
			.or('channel_id.eq.2,and(message.eq.Hello World 👋,username.eq.supabot)', {
				referencedTable: 'messages'
			})
			.order('id', { referencedTable: 'messages' });
		expectData(res, 200, [{ username: 'supabot', messages: [{ id: 1 }, { id: 2 }] }]);
	});

	// Source: PostgREST docs, API > Resource Embedding > Top-level Ordering (order by a column of
	// a to-one embed).
	it('orders the parents by a to-one embedded column', async () => {
		const res = await db
			.from('messages')
			.select('id, channels(slug)')
			.order('channels(slug)')
			.order('id');
		expectData(res, 200, [
			{ id: 3, channels: { slug: 'other' } },
			{ id: 4, channels: { slug: 'other' } },
			{ id: 1, channels: { slug: 'public' } },
			{ id: 2, channels: { slug: 'random' } }
		]);
	});
});

describe('disambiguation', () => {
	// Source: postgrest-js basic.test.ts, "join on 1-1 relation with nullables" (hints with the
	// foreign key names); PostgREST docs, API > Resource Embedding > Multiple Many-To-One.
	it('picks a relationship with a foreign key name hint', async () => {
		const res = await db
			.from('best_friends')
			.select(
				'id, first:users!best_friends_first_user_fkey(username), second:users!best_friends_second_user_fkey(username)'
			)
			.order('id');
		expectData(res, 200, [
			{ id: 1, first: { username: 'supabot' }, second: { username: 'kiwicopple' } },
			{ id: 2, first: { username: 'supabot' }, second: { username: 'awailas' } }
		]);
	});

	// Source: postgrest-js relationships-error-handling.test.ts (column hints such as
	// best_friends!first_user); PostgREST docs, API > Resource Embedding > Foreign Key Joins on
	// Multiple Foreign Key Relationships.
	it('picks a relationship with a column hint', async () => {
		const res = await db
			.from('best_friends')
			.select('id, third:users!third_wheel(username)')
			.order('id');
		expectData(res, 200, [
			{ id: 1, third: { username: 'awailas' } },
			{ id: 2, third: null }
		]);
	});

	// Source: PostgREST docs, API > Resource Embedding > Multiple One-To-Many.
	it('picks a one-to-many relationship with a hint', async () => {
		const res = await db
			.from('users')
			.select('username, best_friends!second_user(id)')
			.in('username', ['awailas', 'kiwicopple'])
			.order('username');
		expectData(res, 200, [
			{ username: 'awailas', best_friends: [{ id: 2 }] },
			{ username: 'kiwicopple', best_friends: [{ id: 1 }] }
		]);
	});

	// Source: postgrest-js relationships-error-handling.test.ts, "join over a 1-1 relation with both
	// nullables and non-nullables fields with no hinting"; src/PostgREST/Error.hs
	// (AmbiguousRelBetween -> 300 PGRST201).
	it('answers 300 PGRST201 for an ambiguous many-to-one embed', async () => {
		const res = await db
			.from('best_friends')
			.select('first_user:users(*), second_user:users(*), third_wheel:users(*)')
			.single();
		expectError(res, 300, {
			code: 'PGRST201',
			details: [
				{
					cardinality: 'many-to-one',
					embedding: 'best_friends with users',
					relationship:
						'best_friends_first_user_fkey using best_friends(first_user) and users(username)'
				},
				{
					cardinality: 'many-to-one',
					embedding: 'best_friends with users',
					relationship:
						'best_friends_second_user_fkey using best_friends(second_user) and users(username)'
				},
				{
					cardinality: 'many-to-one',
					embedding: 'best_friends with users',
					relationship:
						'best_friends_third_wheel_fkey using best_friends(third_wheel) and users(username)'
				}
			],
			hint: "Try changing 'users' to one of the following: 'users!best_friends_first_user_fkey', 'users!best_friends_second_user_fkey', 'users!best_friends_third_wheel_fkey'. Find the desired relationship in the 'details' key.",
			message:
				"Could not embed because more than one relationship was found for 'best_friends' and 'users'"
		});
	});

	// Source: postgrest-js relationships-error-handling.test.ts, "join over a 1-M relation with both
	// nullables and non-nullables fields with no hinting".
	it('answers 300 PGRST201 for an ambiguous one-to-many embed', async () => {
		const res = await db.from('users').select('username, best_friends(*)').limit(1).single();
		expectError(res, 300, {
			code: 'PGRST201',
			details: [
				{
					cardinality: 'one-to-many',
					embedding: 'users with best_friends',
					relationship:
						'best_friends_first_user_fkey using users(username) and best_friends(first_user)'
				},
				{
					cardinality: 'one-to-many',
					embedding: 'users with best_friends',
					relationship:
						'best_friends_second_user_fkey using users(username) and best_friends(second_user)'
				},
				{
					cardinality: 'one-to-many',
					embedding: 'users with best_friends',
					relationship:
						'best_friends_third_wheel_fkey using users(username) and best_friends(third_wheel)'
				}
			],
			hint: "Try changing 'best_friends' to one of the following: 'best_friends!best_friends_first_user_fkey', 'best_friends!best_friends_second_user_fkey', 'best_friends!best_friends_third_wheel_fkey'. Find the desired relationship in the 'details' key.",
			message:
				"Could not embed because more than one relationship was found for 'users' and 'best_friends'"
		});
	});

	// Source: postgrest-js relationships-error-handling.test.ts, "nested query with selective fields
	// and inner join should error on non existing relation"; src/PostgREST/Error.hs (NoRelBetween
	// -> 400 PGRST200).
	it('answers 400 PGRST200 when there is no relationship', async () => {
		const res = await db.from('messages').select('id, message_details(*)');
		expectError(res, 400, {
			code: 'PGRST200',
			details:
				"Searched for a foreign key relationship between 'messages' and 'message_details' in the schema 'public', but no matches were found.",
			hint: null,
			message:
				"Could not find a relationship between 'messages' and 'message_details' in the schema cache"
		});
	});

	// Source: src/PostgREST/Error.hs (NoRelBetween details: "... using the hint '<hint>' ...").
	it('answers 400 PGRST200 when a hint matches no relationship', async () => {
		const res = await db.from('messages').select('id, users!no_such_fkey(username)');
		expectError(res, 400, {
			code: 'PGRST200',
			details:
				"Searched for a foreign key relationship between 'messages' and 'users' using the hint 'no_such_fkey' in the schema 'public', but no matches were found.",
			hint: null,
			message: "Could not find a relationship between 'messages' and 'users' in the schema cache"
		});
	});
});
