import type postgres from 'postgres';
import { arrayLiteral } from './query.ts';

export interface Column {
	name: string;
	/** format_type() of the column: safe to splice into SQL (it comes from the catalog). */
	type: string;
	nullable: boolean;
	hasDefault: boolean;
	generated: boolean;
}

export interface Relation {
	schema: string;
	name: string;
	kind: 'table' | 'view';
	columns: Map<string, Column>;
	primaryKey: string[];
	/** Column sets with a unique constraint or unique index (one-to-one detection). */
	uniques: string[][];
}

/** A foreign key, possibly carried over to a view that exposes its columns. */
export interface ForeignKey {
	constraint: string;
	from: string; // "schema.table"
	fromColumns: string[];
	to: string;
	toColumns: string[];
}

export interface FunctionArg {
	name: string;
	type: string;
	hasDefault: boolean;
}

export interface DbFunction {
	schema: string;
	name: string;
	args: FunctionArg[];
	/** Type of the result (format_type), or the relation/record it returns rows of. */
	returnType: string;
	returnsSet: boolean;
	/** Columns when it returns rows (setof table, a composite, or `returns table (…)`). */
	returnColumns: Map<string, Column> | null;
	returnsVoid: boolean;
	volatility: 'i' | 's' | 'v';
	/** "schema.name" of the table or view whose rows it returns, if any. */
	returnRelation: string | null;
	/** The planner's row estimate (`rows 1` makes a computed relationship to-one). */
	rows: number;
}

export interface SchemaCache {
	schemas: string[];
	relations: Map<string, Relation>;
	foreignKeys: ForeignKey[];
	functions: Map<string, DbFunction[]>;
	/** Computed fields: functions of one table row returning a scalar, by "schema.table" and name. */
	computed: Map<string, Map<string, DbFunction>>;
	/** Computed relationships: functions of one table row returning rows of a table or view. */
	computedRelationships: Map<string, DbFunction[]>;
	/** Time zone names Postgres knows (Prefer: timezone=…). */
	timezones: Set<string>;
	/** Settings of the API roles (statement_timeout …) that PostgREST applies per request. */
	roleSettings: Map<string, [string, string][]>;
}

export const key = (schema: string, name: string) => `${schema}.${name}`;

/**
 * Reads tables, views, keys and functions of the exposed schemas from the catalog. Type names are
 * read with an empty search_path, so they come schema-qualified where they need to be.
 */
export async function loadSchemaCache(pool: postgres.Sql, schemas: string[]): Promise<SchemaCache> {
	return (await pool.begin('read only', async (tx) => {
		await tx`select set_config('search_path', '', true)`;
		return readCatalog(tx, schemas);
	})) as SchemaCache;
}

async function readCatalog(sql: postgres.TransactionSql, schemas: string[]): Promise<SchemaCache> {
	const relRows = await sql<
		{
			schema: string;
			name: string;
			kind: string;
			columns: Column[];
			pk: string[] | null;
			uniques: string[][] | null;
		}[]
	>`
		select n.nspname as schema, c.relname as name,
			case when c.relkind in ('v', 'm') then 'view' else 'table' end as kind,
			coalesce((
				select json_agg(json_build_object(
					'name', a.attname,
					'type', format_type(a.atttypid, a.atttypmod),
					'nullable', not a.attnotnull,
					'hasDefault', a.atthasdef or a.attidentity <> '',
					'generated', a.attgenerated <> '') order by a.attnum)
				from pg_attribute a
				where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
			), '[]') as columns,
			(select to_json(array_agg(a.attname order by array_position(i.indkey::int2[], a.attnum)))
				from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
				where i.indrelid = c.oid and i.indisprimary) as pk,
			(select json_agg(cols) from (
				select to_json(array_agg(a.attname)) as cols
				from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
				where i.indrelid = c.oid and i.indisunique and i.indpred is null
				group by i.indexrelid) u) as uniques
		from pg_class c join pg_namespace n on n.oid = c.relnamespace
		where n.nspname = any(${arrayLiteral(schemas)}::text[]) and c.relkind in ('r', 'p', 'v', 'm', 'f')`;
	const relations = new Map<string, Relation>();
	for (const r of relRows) {
		relations.set(key(r.schema, r.name), {
			schema: r.schema,
			name: r.name,
			kind: r.kind as Relation['kind'],
			columns: new Map(r.columns.map((c) => [c.name, c])),
			primaryKey: r.pk ?? [],
			uniques: r.uniques ?? []
		});
	}

	const fkRows = await sql<ForeignKey[]>`
		select con.conname as constraint,
			fn.nspname || '.' || fc.relname as from,
			(select to_json(array_agg(a.attname order by k.ord)) from unnest(con.conkey) with ordinality k(att, ord)
				join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.att) as "fromColumns",
			tn.nspname || '.' || tc.relname as to,
			(select to_json(array_agg(a.attname order by k.ord)) from unnest(con.confkey) with ordinality k(att, ord)
				join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.att) as "toColumns"
		from pg_constraint con
		join pg_class fc on fc.oid = con.conrelid join pg_namespace fn on fn.oid = fc.relnamespace
		join pg_class tc on tc.oid = con.confrelid join pg_namespace tn on tn.oid = tc.relnamespace
		where con.contype = 'f'
		-- A stable order (not the catalog's heap order, which shifts as migrations are added), so
		-- PGRST201's list of candidate relationships comes out the same way every time.
		order by fn.nspname, fc.relname, con.conname`;

	// Views: a view over one base table that exposes a foreign key's columns under the same names
	// gets that relationship too (PostgREST infers it from the view definition).
	const viewBases = await sql<{ view: string; base: string }[]>`
		select vn.nspname || '.' || v.relname as view, bn.nspname || '.' || b.relname as base
		from pg_class v join pg_namespace vn on vn.oid = v.relnamespace
		join pg_rewrite rw on rw.ev_class = v.oid
		join pg_depend d on d.objid = rw.oid and d.classid = 'pg_rewrite'::regclass
			and d.refclassid = 'pg_class'::regclass and d.refobjsubid > 0
		join pg_class b on b.oid = d.refobjid and b.oid <> v.oid
		join pg_namespace bn on bn.oid = b.relnamespace
		where v.relkind in ('v', 'm') and vn.nspname = any(${arrayLiteral(schemas)}::text[])
		group by 1, 2`;
	const basesOf = new Map<string, string[]>();
	for (const { view, base } of viewBases) basesOf.set(view, [...(basesOf.get(view) ?? []), base]);
	const foreignKeys: ForeignKey[] = [...fkRows];
	for (const [view, bases] of basesOf) {
		const columns = relations.get(view)?.columns;
		if (!columns || bases.length !== 1) continue;
		const base = bases[0];
		const exposes = (cols: string[]) => cols.every((c) => columns.has(c));
		for (const fk of fkRows) {
			if (fk.from === base && exposes(fk.fromColumns)) foreignKeys.push({ ...fk, from: view });
			if (fk.to === base && exposes(fk.toColumns)) foreignKeys.push({ ...fk, to: view });
		}
	}

	const fnRows = await sql<
		{
			schema: string;
			name: string;
			args: { name: string | null; type: string; mode: string }[];
			ndefaults: number;
			returnType: string;
			returnsSet: boolean;
			returnRel: string | null;
			returnKind: string;
			volatility: 'i' | 's' | 'v';
			rows: number;
		}[]
	>`
		select n.nspname as schema, p.proname as name,
			coalesce((select json_agg(json_build_object(
					'name', p.proargnames[i],
					'type', format_type(coalesce(p.proallargtypes[i], p.proargtypes[i - 1]), null),
					'mode', coalesce(p.proargmodes[i], 'i')) order by i)
				from generate_series(1, coalesce(array_length(p.proallargtypes, 1), p.pronargs)) i), '[]') as args,
			p.pronargdefaults as ndefaults,
			format_type(p.prorettype, null) as "returnType",
			p.proretset as "returnsSet",
			case when t.typrelid <> 0 then rn.nspname || '.' || rc.relname end as "returnRel",
			t.typtype as "returnKind",
			p.provolatile as volatility,
			p.prorows::float8 as rows
		from pg_proc p join pg_namespace n on n.oid = p.pronamespace
		join pg_type t on t.oid = p.prorettype
		left join pg_class rc on rc.oid = t.typrelid left join pg_namespace rn on rn.oid = rc.relnamespace
		where n.nspname = any(${arrayLiteral(schemas)}::text[]) and p.prokind = 'f'
		order by p.oid`;
	const functions = new Map<string, DbFunction[]>();
	const computed = new Map<string, Map<string, DbFunction>>();
	const computedRelationships = new Map<string, DbFunction[]>();
	for (const f of fnRows) {
		const inputs = f.args.filter((a) => a.mode === 'i' || a.mode === 'b');
		const outputs = f.args.filter((a) => a.mode === 't' || a.mode === 'o' || a.mode === 'b');
		let returnColumns: Map<string, Column> | null = null;
		if (f.returnRel)
			returnColumns =
				relations.get(f.returnRel)?.columns ?? (await compositeColumns(sql, f.returnRel));
		else if (f.returnType === 'record' && outputs.length > 0) {
			returnColumns = new Map(
				outputs.map((a, i) => {
					const name = a.name ?? `column${i + 1}`;
					return [
						name,
						{ name, type: a.type, nullable: true, hasDefault: false, generated: false }
					];
				})
			);
		}
		const firstDefault = inputs.length - f.ndefaults;
		const fn: DbFunction = {
			schema: f.schema,
			name: f.name,
			args: inputs.map((a, i) => ({
				name: a.name ?? '',
				type: a.type,
				hasDefault: i >= firstDefault
			})),
			returnType: f.returnType,
			returnsSet: f.returnsSet,
			returnColumns,
			returnsVoid: f.returnType === 'void',
			volatility: f.volatility,
			returnRelation: f.returnRel,
			rows: f.rows
		};
		const k = key(f.schema, f.name);
		functions.set(k, [...(functions.get(k) ?? []), fn]);
		// A function of one row of a table or view in its own schema is a computed field or a
		// computed relationship of that table (PostgREST docs: Computed Fields, Computed Relationships).
		const row = fn.args.length === 1 ? relations.get(fn.args[0].type) : undefined;
		if (row && row.schema === fn.schema) {
			const rk = key(row.schema, row.name);
			if (fn.returnRelation && relations.has(fn.returnRelation))
				computedRelationships.set(rk, [...(computedRelationships.get(rk) ?? []), fn]);
			else if (!returnColumns && !fn.returnsSet && !fn.returnsVoid) {
				if (!computed.has(rk)) computed.set(rk, new Map());
				computed.get(rk)!.set(fn.name, fn);
			}
		}
	}

	const settingRows = await sql<{ role: string; config: string[] }[]>`
		select r.rolname as role, to_json(s.setconfig) as config
		from pg_db_role_setting s join pg_roles r on r.oid = s.setrole
		where s.setdatabase in (0, (select oid from pg_database where datname = current_database()))
			and r.rolname in ('anon', 'authenticated', 'service_role')`;
	const roleSettings = new Map<string, [string, string][]>();
	for (const { role, config } of settingRows) {
		const pairs = config
			.map((c) => c.split(/=(.*)/s).slice(0, 2) as [string, string])
			.filter(([name]) => name === 'statement_timeout' || name === 'lock_timeout');
		roleSettings.set(role, [...(roleSettings.get(role) ?? []), ...pairs]);
	}

	const zones = await sql<{ name: string }[]>`select name from pg_timezone_names`;
	const timezones = new Set(zones.map((z) => z.name));

	return {
		schemas,
		relations,
		foreignKeys,
		functions,
		computed,
		computedRelationships,
		timezones,
		roleSettings
	};
}

async function compositeColumns(
	sql: postgres.TransactionSql,
	rel: string
): Promise<Map<string, Column>> {
	const [schema, name] = rel.split('.');
	const rows = await sql<Column[]>`
		select a.attname as name, format_type(a.atttypid, a.atttypmod) as type, true as nullable,
			false as "hasDefault", false as generated
		from pg_attribute a join pg_class c on c.oid = a.attrelid
		join pg_namespace n on n.oid = c.relnamespace
		where n.nspname = ${schema} and c.relname = ${name} and a.attnum > 0 and not a.attisdropped
		order by a.attnum`;
	return new Map(rows.map((c) => [c.name, c]));
}
