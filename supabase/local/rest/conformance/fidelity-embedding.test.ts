/**
 * Issue 16: embedding as PostgREST 13/14 resolves it, on fidelity.sql's own tables: recursive
 * (self-referencing) relationships, a foreign key's column or constraint as the embedded name,
 * one-to-one through a unique foreign key, one table embedded twice, `!left`, `!inner` on a
 * to-many embed with a filter, one column under two aliases, and functions of a row as computed
 * fields and computed relationships.
 *
 * Sources are named above each case: "Plan.hs findRel" is PostgREST's src/PostgREST/Plan.hs
 * (the rules that pick a relationship, quoted in its comments); the rest are pages of PostgREST's
 * documentation (docs.postgrest.org, API > Resource Embedding / Computed Fields).
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
	rt = await startConformanceRuntime({ fidelity: true });
	db = anonClient(rt);
});

afterAll(async () => {
	await rt?.stop();
});

describe('recursive relationships', () => {
	// Source: Plan.hs findRel, self-relationship without hint: "The O2M by using the table name in
	// the target: /family_tree?select=children:family_tree(*)"; docs, Resource Embedding >
	// Recursive Relationships.
	it('embeds the one-to-many end by the table name', async () => {
		const res = await db
			.from('employees')
			.select('first_name, employees(first_name)')
			.eq('id', 1)
			.order('id', { referencedTable: 'employees' });
		expectData(res, 200, [
			{ first_name: 'Ada', employees: [{ first_name: 'Ben' }, { first_name: 'Cy' }] }
		]);
	});

	// Source: Plan.hs findRel, self-relationship without hint: "The M2O by using the column name
	// in the target: /family_tree?select=parent(*)".
	it('embeds the many-to-one end by the foreign key column', async () => {
		const res = await db
			.from('employees')
			.select('first_name, boss:supervisor_id(first_name)')
			.in('id', [1, 4])
			.order('id');
		expectData(res, 200, [
			{ first_name: 'Ada', boss: null },
			{ first_name: 'Di', boss: { first_name: 'Ben' } }
		]);
	});

	// Source: Plan.hs findRel, self-relationship with hint:
	// "/organizations?select=auditees:organizations!auditor(*)" (the hint is the referencing column).
	it('embeds the one-to-many end with a column hint', async () => {
		const res = await db
			.from('employees')
			.select('first_name, reports:employees!supervisor_id(first_name)')
			.eq('id', 2);
		expectData(res, 200, [{ first_name: 'Ben', reports: [{ first_name: 'Di' }] }]);
	});

	// Source: Plan.hs findRel (a self-relationship's hint only matches the referencing column of
	// the one-to-many end, so a constraint hint finds nothing); Error.hs NoRelBetween (PGRST200).
	it('answers 400 PGRST200 for a constraint hint on a self-relationship', async () => {
		const res = await db
			.from('employees')
			.select('first_name, employees!employees_supervisor_id_fkey(first_name)');
		expectError(res, 400, {
			code: 'PGRST200',
			details:
				"Searched for a foreign key relationship between 'employees' and 'employees' using the hint 'employees_supervisor_id_fkey' in the schema 'public', but no matches were found.",
			hint: null,
			message:
				"Could not find a relationship between 'employees' and 'employees' in the schema cache"
		});
	});
});

describe('the embedded name and hints', () => {
	// Source: Plan.hs findRel: "/projects?select=client_id(*)" (a foreign key's column as the
	// target); docs, Resource Embedding > Disambiguation > Foreign key column.
	it('embeds through a foreign key column name', async () => {
		const res = await db
			.from('orders')
			.select('name, billing:billing_address_id(name), shipping:shipping_address_id(name)')
			.order('id');
		expectData(res, 200, [
			{ name: 'bike', billing: { name: 'home' }, shipping: { name: 'work' } },
			{ name: 'lamp', billing: { name: 'work' }, shipping: { name: 'work' } },
			{ name: 'book', billing: null, shipping: { name: 'home' } }
		]);
	});

	// Source: Plan.hs findRel: "/projects?select=projects_client_id_fkey(*)" (a constraint as the
	// target); docs, Resource Embedding > Disambiguation > Foreign key constraint.
	it('embeds through a constraint name', async () => {
		const res = await db
			.from('orders')
			.select('name, orders_billing_address_id_fkey(name)')
			.eq('id', 1);
		expectData(res, 200, [{ name: 'bike', orders_billing_address_id_fkey: { name: 'home' } }]);
	});

	// Source: docs, Resource Embedding > Disambiguation (the same table twice, each with a hint
	// naming its column: `billing_address:addresses!billing_address_id(name)`).
	it('embeds the same table twice with column hints', async () => {
		const res = await db
			.from('orders')
			.select(
				'name, billing_address:addresses!billing_address_id(name), shipping_address:addresses!shipping_address_id(name)'
			)
			.eq('id', 2);
		expectData(res, 200, [
			{ name: 'lamp', billing_address: { name: 'work' }, shipping_address: { name: 'work' } }
		]);
	});

	// Source: Error.hs AmbiguousRelBetween (PGRST201: status 300, every candidate in details as
	// compressedRel, the hint listing 'table!constraint').
	it('answers 300 PGRST201 when two foreign keys reach the same table', async () => {
		const res = await db.from('orders').select('name, addresses(name)');
		expectError(res, 300, {
			code: 'PGRST201',
			details: [
				{
					cardinality: 'many-to-one',
					embedding: 'orders with addresses',
					relationship:
						'orders_billing_address_id_fkey using orders(billing_address_id) and addresses(id)'
				},
				{
					cardinality: 'many-to-one',
					embedding: 'orders with addresses',
					relationship:
						'orders_shipping_address_id_fkey using orders(shipping_address_id) and addresses(id)'
				}
			],
			hint: "Try changing 'addresses' to one of the following: 'addresses!orders_billing_address_id_fkey', 'addresses!orders_shipping_address_id_fkey'. Find the desired relationship in the 'details' key.",
			message:
				"Could not embed because more than one relationship was found for 'orders' and 'addresses'"
		});
	});

	// Source: Plan.hs findRel with a hint: "/projects?select=clients!client_id(*)" also from the
	// one-to-many end (the hint is the referencing column of the embedded table).
	it('embeds the one-to-many end with a column hint', async () => {
		const res = await db
			.from('addresses')
			.select('name, orders!shipping_address_id(name)')
			.eq('id', 2)
			.order('id', { referencedTable: 'orders' });
		expectData(res, 200, [{ name: 'work', orders: [{ name: 'bike' }, { name: 'lamp' }] }]);
	});

	// Source: docs, API > Resource Embedding > Spread / aliases ("a column can be selected more
	// than once under different aliases"); Plan.hs keeps every select item.
	it('selects one column twice under two aliases', async () => {
		const res = await db.from('employees').select('a:first_name, b:first_name, id').eq('id', 3);
		expectData(res, 200, [{ a: 'Cy', b: 'Cy', id: 3 }]);
	});
});

describe('many-to-many', () => {
	// Source: docs, Resource Embedding > Many-to-many relationships (a junction whose primary key
	// holds both foreign keys); Error.hs AmbiguousRelBetween (a direct foreign key between the
	// same tables makes the bare name ambiguous; the junction is the hint for the many-to-many).
	it('answers 300 PGRST201 between a direct foreign key and a junction', async () => {
		const res = await db.from('films').select('title, actors(name)');
		expectError(res, 300, {
			code: 'PGRST201',
			details: [
				{
					cardinality: 'many-to-one',
					embedding: 'films with actors',
					relationship: 'films_lead_actor_id_fkey using films(lead_actor_id) and actors(id)'
				},
				{
					cardinality: 'many-to-many',
					embedding: 'films with actors',
					relationship: 'roles using roles_film_id_fkey(film_id) and roles_actor_id_fkey(actor_id)'
				}
			],
			hint: "Try changing 'actors' to one of the following: 'actors!films_lead_actor_id_fkey', 'actors!roles'. Find the desired relationship in the 'details' key.",
			message:
				"Could not embed because more than one relationship was found for 'films' and 'actors'"
		});
	});

	// Source: Plan.hs findRel with a hint: "/users?select=tasks!users_tasks(*) many-to-many
	// between users and tasks" (the junction as the hint).
	it('embeds through the junction named as the hint', async () => {
		const res = await db
			.from('films')
			.select('title, actors!roles(name)')
			.order('id')
			.order('name', { referencedTable: 'actors' });
		expectData(res, 200, [
			{ title: 'Fjord', actors: [{ name: 'Liv' }, { name: 'Max' }] },
			{ title: 'Vidde', actors: [{ name: 'Max' }, { name: 'Ola' }] }
		]);
	});

	// Source: Plan.hs findRel with a hint (the direct foreign key's column).
	it('embeds the direct foreign key named by its column', async () => {
		const res = await db.from('films').select('title, actors!lead_actor_id(name)').order('id');
		expectData(res, 200, [
			{ title: 'Fjord', actors: { name: 'Liv' } },
			{ title: 'Vidde', actors: { name: 'Ola' } }
		]);
	});
});

describe('one-to-one, !left and !inner', () => {
	// Source: docs, Resource Embedding > One-to-one relationships (a unique foreign key: an
	// object, or null, from both ends).
	it('embeds a unique foreign key as an object from the referenced end', async () => {
		const res = await db.from('countries').select('name, capitals(name)').order('id');
		expectData(res, 200, [
			{ name: 'Norway', capitals: { name: 'Oslo' } },
			{ name: 'Sweden', capitals: { name: 'Stockholm' } },
			{ name: 'Atlantis', capitals: null }
		]);
	});

	// Source: docs, Resource Embedding > One-to-one relationships.
	it('embeds a unique foreign key as an object from the referencing end', async () => {
		const res = await db.from('capitals').select('name, countries(name)').eq('id', 2);
		expectData(res, 200, [{ name: 'Stockholm', countries: { name: 'Sweden' } }]);
	});

	// Source: docs, Resource Embedding > Top-level filtering: `!left` is the default join (every
	// parent row, null where nothing is related).
	it('keeps every parent with !left', async () => {
		const res = await db.from('countries').select('name, capitals!left(name)').order('id');
		expectData(res, 200, [
			{ name: 'Norway', capitals: { name: 'Oslo' } },
			{ name: 'Sweden', capitals: { name: 'Stockholm' } },
			{ name: 'Atlantis', capitals: null }
		]);
	});

	// Source: docs, Resource Embedding > Top-level filtering (`!inner` drops parents without a
	// related row).
	it('drops parents without a related row with !inner', async () => {
		const res = await db.from('countries').select('name, capitals!inner(name)').order('id');
		expectData(res, 200, [
			{ name: 'Norway', capitals: { name: 'Oslo' } },
			{ name: 'Sweden', capitals: { name: 'Stockholm' } }
		]);
	});

	// Source: docs, Resource Embedding > Top-level filtering ("/films?select=title,actors!inner(...)
	// &actors.first_name=eq.Jehanne": a to-many `!inner` embed with a filter keeps the parents
	// that have a matching row, and only those rows).
	it('filters parents by a to-many !inner embed with a hint and a filter', async () => {
		const res = await db
			.from('addresses')
			.select('name, orders!shipping_address_id!inner(name)')
			.eq('orders.name', 'lamp')
			.order('id');
		expectData(res, 200, [{ name: 'work', orders: [{ name: 'lamp' }] }]);
	});
});

describe('computed fields', () => {
	// Source: docs, API > Computed Fields ("a function taking the table's row type ... selected
	// like a column").
	it('selects a computed field', async () => {
		const res = await db.from('employees').select('first_name, full_name').eq('id', 2);
		expectData(res, 200, [{ first_name: 'Ben', full_name: 'Ben #2' }]);
	});

	// Source: docs, API > Computed Fields ("Computed fields ... can be used in filters").
	it('filters by a computed field', async () => {
		const res = await db.from('employees').select('id').eq('full_name', 'Cy #3');
		expectData(res, 200, [{ id: 3 }]);
	});

	// Source: docs, API > Computed Fields ("... and ordering").
	it('orders by a computed field', async () => {
		const res = await db.from('employees').select('id').order('full_name', { ascending: false });
		expectData(res, 200, [{ id: 4 }, { id: 3 }, { id: 2 }, { id: 1 }]);
	});

	// Source: docs, API > Computed Fields ("computed fields are not included in `*`; select them
	// explicitly").
	it('leaves computed fields out of *', async () => {
		const res = await db.from('employees').select('*').eq('id', 1);
		expectData(res, 200, [{ id: 1, first_name: 'Ada', supervisor_id: null }]);
	});
});

describe('computed relationships', () => {
	// Source: docs, API > Resource Embedding > Computed Relationships (a function of the row
	// returning `setof` a table embeds as an array).
	it('embeds a setof function as an array', async () => {
		const res = await db
			.from('employees')
			.select('first_name, supervisees(first_name)')
			.eq('id', 1)
			.order('first_name', { referencedTable: 'supervisees' });
		expectData(res, 200, [
			{ first_name: 'Ada', supervisees: [{ first_name: 'Ben' }, { first_name: 'Cy' }] }
		]);
	});

	// Source: docs, Computed Relationships ("`rows 1` ... the relationship is to-one": an object
	// or null).
	it('embeds a rows 1 function as an object or null', async () => {
		const res = await db
			.from('employees')
			.select('first_name, supervisor(first_name)')
			.in('id', [1, 4])
			.order('id');
		expectData(res, 200, [
			{ first_name: 'Ada', supervisor: null },
			{ first_name: 'Di', supervisor: { first_name: 'Ben' } }
		]);
	});

	// Source: docs, Computed Relationships (a function returning a single row, not setof, is
	// to-one too). Where it finds nothing, Postgres itself makes one row of nulls out of a
	// non-set function in FROM; the docs recommend `setof … rows 1` (the case above) for that.
	it('embeds a function returning one row as an object', async () => {
		const res = await db
			.from('countries')
			.select('name, capital_of(name)')
			.in('id', [1, 2])
			.order('id');
		expectData(res, 200, [
			{ name: 'Norway', capital_of: { name: 'Oslo' } },
			{ name: 'Sweden', capital_of: { name: 'Stockholm' } }
		]);
	});

	// Source: docs, Computed Relationships (to-one computed relationships order the parents like
	// regular to-one embeds: `order=rel(col)`).
	it('orders the parents by a to-one computed relationship', async () => {
		const res = await db
			.from('employees')
			.select('id, supervisor(first_name)')
			.order('supervisor(first_name)', { ascending: false, nullsFirst: false })
			.order('id');
		expectData(res, 200, [
			{ id: 4, supervisor: { first_name: 'Ben' } },
			{ id: 2, supervisor: { first_name: 'Ada' } },
			{ id: 3, supervisor: { first_name: 'Ada' } },
			{ id: 1, supervisor: null }
		]);
	});

	// Source: docs, Computed Relationships ("computed relationships ... support the same
	// features as regular ones": embedded filters and !inner).
	it('filters parents through a computed relationship with !inner', async () => {
		const res = await db
			.from('employees')
			.select('first_name, supervisees!inner(first_name)')
			.eq('supervisees.first_name', 'Di');
		expectData(res, 200, [{ first_name: 'Ben', supervisees: [{ first_name: 'Di' }] }]);
	});
});
