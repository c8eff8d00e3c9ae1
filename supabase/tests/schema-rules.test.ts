// Rules every migration must keep, checked in SQL terms on the migrated schema (DESIGN.md: RLS on
// every table, security definer functions pin their search_path, sign-ups unreachable through the
// API). Each rule is one query that lists the offenders; each is also run once against an object
// made wrongly on purpose, inside a transaction that is rolled back, to show it can fail.
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../local/config/index.ts';
import { cloneTemplate, type TestDatabase } from '../../tests/support/database.ts';

let db: TestDatabase;
let sql: postgres.Sql;

/** The schemas the REST API serves (config.toml `[api] schemas`), as PostgREST reads them. */
const EXPOSED = loadConfig(new URL('../config.toml', import.meta.url)).api.schemas;
const API_ROLES = ['anon', 'authenticated'];
/** Schemas of Postgres, extensions and Supabase's own services: not the app's to keep. */
const SYSTEM = ['pg_catalog', 'information_schema', 'pg_toast', 'extensions', 'auth'];

/**
 * Security definer functions the API roles may call, reviewed one by one. A function that
 * runs as its owner bypasses Row Level Security, so each says why that is safe.
 */
const DEFINER_ALLOWED: Record<string, { roles: string[]; reason: string }> = {
	'public.discover_sessions(timestamp with time zone,timestamp with time zone,text[],activity_category[],activity_attribute[],text,text,boolean,timestamp with time zone,uuid,integer)':
		{
			roles: ['anon', 'authenticated'],
			reason: "public discovery: public columns of approved organizations' published activities"
		},
	'public.discover_cities()': {
		roles: ['anon', 'authenticated'],
		reason: 'the cities of public activities, for the filter'
	},
	'public.feed_sessions(timestamp with time zone,timestamp with time zone,uuid,text,activity_category[],activity_attribute[],text,boolean,text[],uuid,timestamp with time zone,uuid,integer)':
		{
			roles: ['anon', 'authenticated'],
			reason: 'calendar feeds and the JSON API: public activities only, never sign-ups'
		},
	'public.places_left(uuid)': {
		roles: ['anon', 'authenticated'],
		reason: 'seats left per session of a published activity: counts, never people'
	},
	'public.sign_up(uuid,uuid,text,text,text,text,boolean,boolean,signup_role,text,uuid,text,text)': {
		roles: ['anon', 'authenticated'],
		reason: 'the sign-up itself, without an account: locks the session, decides the place'
	},
	'public.signup_by_token(text)': {
		roles: ['anon', 'authenticated'],
		reason: "one sign-up, found only by the hash of its manage link's 256-bit token"
	},
	'public.cancel_signup_by_token(text)': {
		roles: ['anon', 'authenticated'],
		reason: "cancels the one sign-up of a manage link's token"
	},
	'public.erase_signup_by_token(text)': {
		roles: ['anon', 'authenticated'],
		reason: "erases the one sign-up of a manage link's token"
	},
	'public.invitation_preview(text)': {
		roles: ['anon', 'authenticated'],
		reason: "an invitation's organization and role, found only by the hash of its token"
	},
	'public.second_factor_satisfied()': {
		roles: ['anon', 'authenticated'],
		reason:
			"whether the caller's own session is aal2 or has no authenticator (restrictive policies)"
	},
	'public.is_platform_admin()': {
		roles: ['authenticated'],
		reason: 'whether the caller is a platform admin (policies)'
	},
	'public.my_role(uuid)': {
		roles: ['authenticated'],
		reason: "the caller's own role in one organization"
	},
	'public.is_member(uuid)': {
		roles: ['authenticated'],
		reason: 'whether the caller is a member of one organization (policies)'
	},
	'public.can_manage(uuid)': {
		roles: ['authenticated'],
		reason: 'whether the caller is an owner or admin of one organization (policies)'
	},
	'public.my_organization_ids()': {
		roles: ['authenticated'],
		reason: "the caller's own organizations (policies)"
	},
	'public.create_organization(text,text,organization_kind,text,approach[],text,text,text,text)': {
		roles: ['authenticated'],
		reason: 'registers a pending organization with the caller as its owner (second factor)'
	},
	'public.set_organization_status(uuid,organization_status)': {
		roles: ['authenticated'],
		reason: 'approve or suspend: refuses anyone but a platform admin (second factor)'
	},
	'public.invite_member(uuid,text,member_role,text,text,text)': {
		roles: ['authenticated'],
		reason: 'refuses unless the caller manages the organization (second factor); writes the outbox'
	},
	'public.accept_invitation(text)': {
		roles: ['authenticated'],
		reason: 'joins by the hash of a token sent to the caller’s own e-mail address'
	},
	'public.member_list(uuid)': {
		roles: ['authenticated'],
		reason: "members' e-mail addresses from auth.users, for members of that organization only"
	},
	'public.create_recovery_codes(text[])': {
		roles: ['authenticated'],
		reason: "replaces the caller's own recovery code hashes (second factor)"
	},
	'public.signup_counts(uuid)': {
		roles: ['authenticated'],
		reason: "counts per session, for the activity's organizers only"
	},
	'public.session_signups(uuid,uuid,text)': {
		roles: ['authenticated'],
		reason: "attendee list: the activity's organizers with aal2 only, each read audited"
	},
	'public.update_signup(uuid,text)': {
		roles: ['authenticated'],
		reason: "attendance, removal, promotion: the activity's organizers only (second factor)"
	},
	'public.message_signups(uuid,uuid,text,text)': {
		roles: ['authenticated'],
		reason: "a message to those signed up, via the outbox: the activity's organizers only"
	},
	'public.attendee_audit(uuid,integer)': {
		roles: ['authenticated'],
		reason: "the attendee-read audit log, for the organization's owners and admins only"
	},
	'public.activity_headcounts(uuid)': {
		roles: ['authenticated'],
		reason: "headcounts for reports (no people), for the activity's organizers only"
	},
	'public.failed_mails(uuid)': {
		roles: ['authenticated'],
		reason: "failed sign-up mails (no contents), for the organization's owners and admins only"
	},
	'public.session_has_signups(uuid)': {
		roles: ['authenticated'],
		reason: "whether a session has sign-ups (before deleting it), for the activity's members"
	}
};

/**
 * Policies that let every row through (`using (true)`, or no condition at all) are allowed on
 * public catalogue data only, and for one reason each.
 */
const OPEN_POLICY_ALLOWED: Record<string, string> = {
	'private.password_failures: Auth counts failed password sign-ins':
		"Auth's own role (supabase_auth_admin) runs the password hook; the API roles cannot use the schema"
};

/** Sign-ups, their audit log and the outbox: the API roles reach them only through functions. */
const UNREACHABLE = [
	'private.signups',
	'private.signup_counts',
	'private.attendee_reads',
	'private.outbox',
	'private.recovery_codes',
	'private.rate_limit_hits',
	'private.password_failures'
];

type Rows = { offender: string }[];
type Check = (q: postgres.Sql | postgres.TransactionSql) => Promise<Rows>;

const CHECKS = {
	// Row Level Security on every table the app creates, in any schema.
	rlsOff: (q) => q`
		select n.nspname || '.' || c.relname as offender
		from pg_class c join pg_namespace n on n.oid = c.relnamespace
		where c.relkind in ('r', 'p') and not c.relrowsecurity
			and n.nspname not in ${q([...SYSTEM, 'supabase_migrations'])}
			and n.nspname not like 'pg_temp%'`,

	// A security definer function runs with its owner's rights: its search_path is fixed.
	definerWithoutSearchPath: (q) => q`
		select p.oid::regprocedure::text as offender
		from pg_proc p join pg_namespace n on n.oid = p.pronamespace
		where p.prosecdef and n.nspname not in ${q(SYSTEM)}
			and not exists (
				select 1 from unnest(coalesce(p.proconfig, '{}')) as c where c like 'search_path=%')`,

	// The sign-up, audit and outbox tables: no schema usage, no table or column privilege for
	// the API roles, and not in a schema the REST API serves.
	reachableSensitive: (q) => q`
		select r.role || ' → ' || t.name as offender
		from unnest(${UNREACHABLE}::text[]) as t(name)
		cross join unnest(${API_ROLES}::text[]) as r(role)
		where case when to_regclass(t.name) is null then true else
			split_part(t.name, '.', 1) = any(${EXPOSED}::text[])
			or has_schema_privilege(r.role, split_part(t.name, '.', 1), 'usage')
			or has_any_column_privilege(r.role, t.name, 'select, insert, update, references')
			or has_table_privilege(r.role, t.name,
				'select, insert, update, delete, truncate, references, trigger') end
		order by 1`,

	// Security definer functions the API roles can execute, against the reviewed allow-list
	// (Supabase's advisors: 0028/0029 *_security_definer_function_executable).
	definerExecutable: (q) => q`
		select n.nspname || '.' || p.proname || '(' || array_to_string(array(
				select format_type(a.type, null) from unnest(p.proargtypes::oid[]) with ordinality as a(type, i)
				order by a.i), ',') || ') by ' || r.role as offender
		from pg_proc p join pg_namespace n on n.oid = p.pronamespace
		cross join unnest(${API_ROLES}::text[]) as r(role)
		where p.prosecdef and n.nspname not in ${q(SYSTEM)}
			and has_function_privilege(r.role, p.oid, 'execute')
		order by 1`,

	// Every view in an exposed schema checks the caller's rights (security_invoker); a
	// materialized view cannot, so none may be readable there by the API roles.
	viewNotInvoker: (q) => q`
		select n.nspname || '.' || c.relname as offender
		from pg_class c join pg_namespace n on n.oid = c.relnamespace
		where n.nspname = any(${EXPOSED}::text[])
			and (
				(c.relkind = 'v' and not coalesce(lower(c.reloptions::text)::text[] && array[
					'security_invoker=1', 'security_invoker=true', 'security_invoker=yes',
					'security_invoker=on'], false))
				or (c.relkind = 'm' and (has_table_privilege('anon', c.oid, 'select')
					or has_table_privilege('authenticated', c.oid, 'select'))))`,

	// Policies that let every row through (after splinter's 0024_rls_policy_always_true, here for
	// every command and role, SELECT included): catalogue data only, from the allow-list.
	openPolicy: (q) => q`
		select p.schemaname || '.' || p.tablename || ': ' || p.policyname as offender
		from pg_policies p
		where p.schemaname not in ${q(SYSTEM)}
			and p.permissive = 'PERMISSIVE'
			and (
				replace(replace(replace(lower(coalesce(p.qual, '')), ' ', ''), E'\n', ''), E'\t', '')
					in ('true', '(true)', '1=1', '(1=1)')
				or replace(replace(replace(lower(coalesce(p.with_check, '')), ' ', ''), E'\n', ''), E'\t', '')
					in ('true', '(true)', '1=1', '(1=1)')
				or (p.qual is null and p.cmd in ('SELECT', 'UPDATE', 'DELETE', 'ALL'))
				or (p.with_check is null and p.qual is null and p.cmd = 'INSERT')
			)`,

	// TRUNCATE ignores Row Level Security; REFERENCES and TRIGGER are for the owner alone.
	ownerOnlyPrivilege: (q) => q`
		select r.role || ' ' || priv.name || ' on ' || n.nspname || '.' || c.relname as offender
		from pg_class c join pg_namespace n on n.oid = c.relnamespace
		cross join unnest(${API_ROLES}::text[]) as r(role)
		cross join unnest(array['truncate', 'references', 'trigger']) as priv(name)
		where c.relkind in ('r', 'p', 'v', 'm', 'f')
			and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
			and (has_table_privilege(r.role, c.oid, priv.name)
				or (priv.name = 'references' and has_any_column_privilege(r.role, c.oid, 'references')))`,

	// supabase/splinter lints/0002_auth_users_exposed.sql: a view (or materialized view) in an
	// exposed schema over auth.users that the API roles can read.
	splinter0002AuthUsersExposed: (q) => q`
		select distinct n.nspname || '.' || c.relname as offender
		from pg_depend d
			join pg_rewrite r on r.oid = d.objid
			join pg_class c on c.oid = r.ev_class
			join pg_namespace n on n.oid = c.relnamespace
		where d.refobjid = 'auth.users'::regclass and d.deptype = 'n'
			and c.relkind in ('v', 'm')
			and n.nspname = any(${EXPOSED}::text[])
			and (has_table_privilege('anon', c.oid, 'select')
				or has_table_privilege('authenticated', c.oid, 'select'))`,

	// supabase/splinter lints/0010_security_definer_view.sql: a view the API roles can read that
	// is not security_invoker (so it reads with its owner's rights, around RLS).
	splinter0010SecurityDefinerView: (q) => q`
		select n.nspname || '.' || c.relname as offender
		from pg_class c
			join pg_namespace n on n.oid = c.relnamespace
			left join pg_depend dep on c.oid = dep.objid and dep.deptype = 'e'
		where c.relkind = 'v'
			and (has_table_privilege('anon', c.oid, 'select')
				or has_table_privilege('authenticated', c.oid, 'select'))
			and n.nspname not in ('auth', 'cron', 'extensions', 'graphql', 'graphql_public',
				'information_schema', 'net', 'pgsodium', 'pgsodium_masks', 'pgbouncer', 'pg_catalog',
				'pgtle', 'realtime', 'storage', 'supabase_functions', 'supabase_migrations', 'vault')
			and dep.objid is null
			and not (lower(coalesce(c.reloptions::text, '{}'))::text[] && array[
				'security_invoker=1', 'security_invoker=true', 'security_invoker=yes',
				'security_invoker=on'])`,

	// supabase/splinter lints/0013_rls_disabled_in_public.sql: a table in an exposed schema
	// without Row Level Security (newer splinter reads pgrst.db_schemas; we read config.toml).
	splinter0013RlsDisabledInPublic: (q) => q`
		select n.nspname || '.' || c.relname as offender
		from pg_class c join pg_namespace n on c.relnamespace = n.oid
		where c.relkind = 'r' and n.nspname = any(${EXPOSED}::text[]) and not c.relrowsecurity`,

	// supabase/splinter lints/0007_policy_exists_rls_disabled.sql: policies written for a table
	// whose Row Level Security is off, so none of them applies.
	splinter0007PolicyExistsRlsDisabled: (q) => q`
		select n.nspname || '.' || c.relname as offender
		from pg_policy p
			join pg_class c on p.polrelid = c.oid
			join pg_namespace n on c.relnamespace = n.oid
			left join pg_depend dep on c.oid = dep.objid and dep.deptype = 'e'
		where c.relkind = 'r'
			and n.nspname not in ('_timescaledb_internal', 'auth', 'cron', 'extensions', 'graphql',
				'graphql_public', 'information_schema', 'net', 'pgroonga', 'pgsodium', 'pgsodium_masks',
				'pgtle', 'pgbouncer', 'pg_catalog', 'realtime', 'repack', 'storage',
				'supabase_functions', 'supabase_migrations', 'tiger', 'topology', 'vault')
			and not c.relrowsecurity and dep.objid is null
		group by n.nspname, c.relname`,

	// supabase/splinter lints/0011_function_search_path_mutable.sql: any function (not only
	// security definer ones) whose search_path the caller's session decides.
	splinter0011FunctionSearchPathMutable: (q) => q`
		select p.oid::regprocedure::text as offender
		from pg_proc p
			join pg_namespace n on p.pronamespace = n.oid
			left join pg_depend dep on p.oid = dep.objid and dep.deptype = 'e'
		where n.nspname not in ('_timescaledb_cache', '_timescaledb_catalog', '_timescaledb_config',
				'_timescaledb_internal', 'auth', 'cron', 'extensions', 'graphql', 'graphql_public',
				'information_schema', 'net', 'pgmq', 'pgroonga', 'pgsodium', 'pgsodium_masks', 'pgtle',
				'pgbouncer', 'pg_catalog', 'realtime', 'repack', 'storage', 'supabase_functions',
				'supabase_migrations', 'tiger', 'topology', 'vault')
			and dep.objid is null
			and not exists (
				select 1 from unnest(coalesce(p.proconfig, '{}')) as config
				where config like 'search_path=%')`
} satisfies Record<string, Check>;

const offenders = (rows: Rows) => rows.map((r) => r.offender);

/** The allow-list as the query's rows: `schema.fn(args) by role`. */
const allowedDefiners = Object.entries(DEFINER_ALLOWED)
	.flatMap(([fn, { roles }]) =>
		roles.map((role) => {
			const [schema, ...rest] = fn.split('.');
			return `${schema}.${rest.join('.')} by ${role}`;
		})
	)
	.sort();

/**
 * Runs `check` after `breakIt` made something wrongly, as the migrations' role (postgres, whose
 * default grants apply), in a transaction that is always rolled back.
 */
async function offendersWhenBroken(check: Check, breakIt: string): Promise<string[]> {
	let found: string[] = [];
	const rollback = new Error('rollback');
	await sql
		.begin(async (tx) => {
			await tx.unsafe(`set local role postgres; ${breakIt}; reset role;`);
			found = offenders(await check(tx));
			throw rollback;
		})
		.catch((error) => {
			if (error !== rollback) throw error;
		});
	return found;
}

beforeAll(async () => {
	db = await cloneTemplate();
	sql = postgres(db.superuserUrl, { max: 1, onnotice: () => {} });
});
afterAll(async () => {
	await sql.end();
	await db.drop();
});

describe('schema rules', () => {
	it('every table in an app schema has Row Level Security enabled', async () => {
		expect(offenders(await CHECKS.rlsOff(sql))).toEqual([]);
		expect(
			await offendersWhenBroken(CHECKS.rlsOff, 'create table private.fuzz_no_rls (id int)')
		).toEqual(['private.fuzz_no_rls']);
	});

	it('no security definer function lacks a fixed search_path', async () => {
		expect(offenders(await CHECKS.definerWithoutSearchPath(sql))).toEqual([]);
		expect(
			await offendersWhenBroken(
				CHECKS.definerWithoutSearchPath,
				'create function private.fuzz_definer() returns int language sql security definer as $$ select 1 $$'
			)
		).toEqual(['private.fuzz_definer()']);
	});

	it('sign-up, audit and outbox tables are unreachable for anon and authenticated', async () => {
		expect(offenders(await CHECKS.reachableSensitive(sql))).toEqual([]);
		expect(
			await offendersWhenBroken(
				CHECKS.reachableSensitive,
				'grant usage on schema private to authenticated; grant select (id) on private.outbox to authenticated'
			)
		).toEqual(UNREACHABLE.map((t) => `authenticated → ${t}`).sort());
		// And in practice: as either API role, every statement on them is refused.
		for (const role of API_ROLES)
			for (const table of UNREACHABLE)
				for (const statement of [
					`select 1 from ${table} limit 1`,
					`delete from ${table}`,
					`truncate ${table}`
				]) {
					const error = await sql
						.begin(async (tx) => {
							await tx.unsafe(`set local role ${role}`);
							await tx.unsafe(statement);
						})
						.then(
							() => null,
							(e: { code?: string }) => e.code
						);
					expect(error, `${role}: ${statement}`).toBe('42501');
				}
	});

	it('no security definer function is executable by the API roles unless reviewed', async () => {
		for (const { reason } of Object.values(DEFINER_ALLOWED))
			expect(reason.length).toBeGreaterThan(10);
		// Exactly the list: a new exposure fails, and so does an entry nobody needs any more.
		expect(offenders(await CHECKS.definerExecutable(sql)).sort()).toEqual(allowedDefiners);
		// Supabase's default grants make any new function in public executable by both roles.
		const broken = await offendersWhenBroken(
			CHECKS.definerExecutable,
			`create function public.fuzz_definer() returns int language sql security definer
				set search_path = '' as $$ select 1 $$`
		);
		expect(broken.filter((f) => f.includes('fuzz_definer'))).toEqual([
			'public.fuzz_definer() by anon',
			'public.fuzz_definer() by authenticated'
		]);
	});

	it('every view in an exposed schema is security_invoker', async () => {
		expect(offenders(await CHECKS.viewNotInvoker(sql))).toEqual([]);
		expect(
			await offendersWhenBroken(
				CHECKS.viewNotInvoker,
				`create view public.fuzz_view as select id from public.organizations;
				 create view public.fuzz_invoker with (security_invoker = on) as select id from public.organizations;
				 create materialized view public.fuzz_matview as select id from public.organizations`
			)
		).toEqual(['public.fuzz_view', 'public.fuzz_matview']);
	});

	it('no policy lets every row through, except on reviewed catalogue data', async () => {
		expect(offenders(await CHECKS.openPolicy(sql)).sort()).toEqual(
			Object.keys(OPEN_POLICY_ALLOWED).sort()
		);
		const broken = await offendersWhenBroken(
			CHECKS.openPolicy,
			`create policy "fuzz open read" on public.memberships for select to anon using (true);
			 create policy "fuzz open write" on public.sessions for insert to authenticated with check (1 = 1);
			 create policy "fuzz no condition" on public.invitations for delete to authenticated`
		);
		expect(broken.filter((p) => p.includes('fuzz')).sort()).toEqual([
			'public.invitations: fuzz no condition',
			'public.memberships: fuzz open read',
			'public.sessions: fuzz open write'
		]);
	});

	// Found: Supabase's default grants gave anon and authenticated TRUNCATE, REFERENCES and
	// TRIGGER on every public table; fixed in 20261129190000_api_role_grants.sql.
	it('anon and authenticated hold no TRUNCATE, REFERENCES or TRIGGER on anything', async () => {
		expect(offenders(await CHECKS.ownerOnlyPrivilege(sql))).toEqual([]);
		// A table made by a future migration gets none of them from the default grants either.
		const broken = await offendersWhenBroken(
			CHECKS.ownerOnlyPrivilege,
			`create table public.fuzz_new (id int);
			 create table public.fuzz_granted (id int);
			 grant truncate on public.fuzz_granted to anon;
			 grant references (id) on public.fuzz_granted to authenticated`
		);
		expect(broken).toEqual([
			'anon truncate on public.fuzz_granted',
			'authenticated references on public.fuzz_granted'
		]);
	});

	describe("Supabase's security advisors (supabase/splinter), as SQL", () => {
		const cases: [keyof typeof CHECKS, string, string[]][] = [
			[
				'splinter0002AuthUsersExposed',
				'reset role; create view public.fuzz_users as select id, email from auth.users; grant select on public.fuzz_users to anon',
				['public.fuzz_users']
			],
			[
				'splinter0010SecurityDefinerView',
				'create view public.fuzz_definer_view as select id from public.organizations',
				['public.fuzz_definer_view']
			],
			[
				'splinter0013RlsDisabledInPublic',
				'create table public.fuzz_open (id int)',
				['public.fuzz_open']
			],
			[
				'splinter0007PolicyExistsRlsDisabled',
				'create table public.fuzz_off (id int); create policy "fuzz" on public.fuzz_off using (false)',
				['public.fuzz_off']
			],
			[
				'splinter0011FunctionSearchPathMutable',
				'create function public.fuzz_mutable() returns int language sql as $$ select 1 $$',
				['fuzz_mutable()']
			]
		];
		it.each(cases)('%s passes, and finds a broken variant', async (name, breakIt, expected) => {
			expect(offenders(await CHECKS[name](sql))).toEqual([]);
			expect(await offendersWhenBroken(CHECKS[name], breakIt)).toEqual(expected);
		});
	});

	it('every app table and function belongs to postgres, as migrations create them', async () => {
		const rows = await sql<{ object: string; owner: string }[]>`
			select tablename as object, tableowner as owner from pg_tables
			where schemaname = 'public' and tableowner <> 'postgres'`;
		expect(rows).toEqual([]);
	});
});
