-- Fixtures for the fidelity cases (issue 16): run after fixture.sql, as the same non-superuser
-- `postgres` role. Names follow PostgREST's documentation examples where there is one, so a case
-- can be read next to the page it comes from.

-- ---------------------------------------------------------------------------------------------
-- Resource Embedding > Recursive relationships; embedding through a column or constraint name
-- ---------------------------------------------------------------------------------------------

-- Recursive one-to-many / many-to-one: every employee has a supervisor (a column to its own table).
create table public.employees (
  id int primary key,
  first_name text not null,
  supervisor_id int references public.employees(id)
);
insert into public.employees (id, first_name, supervisor_id)
values (1, 'Ada', null), (2, 'Ben', 1), (3, 'Cy', 1), (4, 'Di', 2);

-- Two foreign keys to the same table, told apart by their columns (Resource Embedding >
-- Disambiguation; the docs' `orders` with `billing_address_id` and `shipping_address_id`).
create table public.addresses (
  id int primary key,
  name text not null
);
create table public.orders (
  id int primary key,
  name text not null,
  billing_address_id int constraint orders_billing_address_id_fkey references public.addresses(id),
  shipping_address_id int constraint orders_shipping_address_id_fkey references public.addresses(id)
);
insert into public.addresses (id, name) values (1, 'home'), (2, 'work');
insert into public.orders (id, name, billing_address_id, shipping_address_id)
values (1, 'bike', 1, 2), (2, 'lamp', 2, 2), (3, 'book', null, 1);

-- One-to-one through a unique foreign key (Resource Embedding > One-to-one relationships: the
-- docs' `country` and `capital`).
create table public.countries (
  id int primary key,
  name text not null
);
create table public.capitals (
  id int primary key,
  name text not null,
  country_id int unique references public.countries(id)
);
insert into public.countries (id, name) values (1, 'Norway'), (2, 'Sweden'), (3, 'Atlantis');
insert into public.capitals (id, name, country_id) values (1, 'Oslo', 1), (2, 'Stockholm', 2);

-- ---------------------------------------------------------------------------------------------
-- Computed Fields and Computed Relationships (functions taking a table's row)
-- ---------------------------------------------------------------------------------------------

-- A computed field: a scalar from the row.
create function public.full_name(public.employees)
returns text language sql immutable as $$
  select $1.first_name || ' #' || $1.id;
$$;

-- Computed relationships: setof (to-many) and `rows 1` (to-one).
create function public.supervisees(public.employees)
returns setof public.employees language sql stable as $$
  select * from public.employees where supervisor_id = $1.id;
$$;
create function public.supervisor(public.employees)
returns setof public.employees rows 1 language sql stable as $$
  select * from public.employees where id = $1.supervisor_id;
$$;
-- A single row (not setof): also to-one.
create function public.capital_of(public.countries)
returns public.capitals language sql stable as $$
  select * from public.capitals where country_id = $1.id;
$$;

-- ---------------------------------------------------------------------------------------------
-- Functions as RPC > Overloaded functions; Functions with a single unnamed parameter
-- ---------------------------------------------------------------------------------------------

-- Overloads with defaults: the one whose required parameters are exactly the given keys wins.
create function public.greet(name text)
returns text language sql immutable as $$ select 'hello ' || name; $$;
create function public.greet(name text, greeting text default 'hi')
returns text language sql immutable as $$ select greeting || ' ' || name || '!'; $$;
create function public.greet(title text, name text, polite boolean default true)
returns text language sql immutable as $$
  select case when polite then 'dear ' else '' end || title || ' ' || name;
$$;

-- Two overloads that both fit one argument `x` (one has a default): PGRST203.
create function public.ambiguous(x int)
returns int language sql immutable as $$ select x; $$;
create function public.ambiguous(x text, y text default 'y')
returns text language sql immutable as $$ select x || y; $$;

-- A single unnamed parameter takes the whole body.
create function public.unnamed_json(json)
returns json language sql immutable as $$ select $1; $$;
create function public.unnamed_text(text)
returns text language sql immutable as $$ select 'got: ' || $1; $$;
create function public.unnamed_bytea(bytea)
returns int language sql immutable as $$ select length($1); $$;

-- A single unnamed json parameter next to a named overload: the named one wins when its keys
-- fit, the unnamed one takes any other object.
create function public.unnamed_or_named(json)
returns text language sql immutable as $$ select 'unnamed ' || $1::text; $$;
create function public.unnamed_or_named(a int)
returns text language sql immutable as $$ select 'named ' || a; $$;

-- Polymorphic parameters.
create function public.first_of(arr anyarray)
returns text language sql immutable as $$ select (arr[1])::text; $$;

-- ---------------------------------------------------------------------------------------------
-- Prefer: max-affected, counts, tx
-- ---------------------------------------------------------------------------------------------

create table public.counters (
  id int primary key,
  grp text not null,
  n int not null default 0
);
insert into public.counters (id, grp, n)
select i, case when i <= 3 then 'small' else 'large' end, 0 from generate_series(1, 10) i;
analyze public.counters;

create function public.bump_group(g text)
returns setof public.counters language sql volatile as $$
  update public.counters set n = n + 1 where grp = g returning *;
$$;
create function public.bump_one(i int)
returns public.counters language sql volatile as $$
  update public.counters set n = n + 1 where id = i returning *;
$$;

-- ---------------------------------------------------------------------------------------------
-- Schemas: a second exposed schema with a table of the same name
-- ---------------------------------------------------------------------------------------------

create schema v2;
grant usage on schema v2 to anon, authenticated, service_role;
create table v2.employees (
  id int primary key,
  first_name text not null,
  version int not null default 2
);
grant select, insert, update, delete on v2.employees to anon, authenticated, service_role;
insert into v2.employees (id, first_name) values (1, 'Ada v2');
-- A function in v2 that reads an unqualified name: the profile's schema comes first on the
-- search_path.
create function v2.which_employees()
returns text language sql stable as $$ select first_name from employees where id = 1; $$;
grant execute on function v2.which_employees() to anon, authenticated, service_role;

-- Planner statistics, so that count=planned and count=estimated have figures to read.
analyze public.many_rows;

-- The time zone a request runs in (Prefer: timezone=…).
create function public.current_tz()
returns text language sql stable as $$ select current_setting('timezone'); $$;

-- Statistics that no longer match the rows, so a planner estimate and an exact count differ:
-- planned_rows has 150 rows but was analyzed at 100 (one page either way); estimated_rows has
-- 1100 rows but was analyzed at 1200 (a delete leaves its pages).
create table public.planned_rows (id int primary key);
insert into public.planned_rows select generate_series(1, 100);
analyze public.planned_rows;
insert into public.planned_rows select generate_series(101, 150);

create table public.estimated_rows (id int primary key);
insert into public.estimated_rows select generate_series(1, 1200);
analyze public.estimated_rows;
delete from public.estimated_rows where id > 1100;

-- Many-to-many through a junction whose primary key is both foreign keys, next to a direct
-- foreign key between the same two tables (Resource Embedding > Many-to-many relationships).
create table public.actors (
  id int primary key,
  name text not null
);
create table public.films (
  id int primary key,
  title text not null,
  lead_actor_id int references public.actors(id)
);
create table public.roles (
  film_id int references public.films(id),
  actor_id int references public.actors(id),
  character text,
  primary key (film_id, actor_id)
);
insert into public.actors (id, name) values (1, 'Liv'), (2, 'Max'), (3, 'Ola');
insert into public.films (id, title, lead_actor_id) values (1, 'Fjord', 1), (2, 'Vidde', 3);
insert into public.roles (film_id, actor_id, character)
values (1, 1, 'Kari'), (1, 2, 'Per'), (2, 2, 'Nils'), (2, 3, 'Ida');
