import { ApiError } from './errors.ts';
import {
	parseList,
	type Condition,
	type FieldRef,
	type Filter,
	type OrderTerm,
	type SelectItem
} from './parse.ts';
import {
	key,
	type Column,
	type ForeignKey,
	type Relation,
	type SchemaCache
} from './schema-cache.ts';

/** Collects bind parameters; every value from a request goes through here, never into the SQL text. */
export class Params {
	values: unknown[] = [];
	add(value: unknown, cast?: string): string {
		this.values.push(Array.isArray(value) ? arrayLiteral(value.map(String)) : value);
		// Cast through text: the driver would otherwise serialise a string bound as json a second time.
		return cast ? `$${this.values.length}::text::${cast}` : `$${this.values.length}`;
	}
}

/** A Postgres array literal of text values, every element quoted and escaped. */
export function arrayLiteral(values: string[]): string {
	return `{${values.map((v) => `"${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
}

/** Quotes an identifier that was already checked against the schema cache. */
export const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Per-level query options: filters, order, limit and offset, keyed by embed path ('' is the root). */
export interface LevelOptions {
	filters: Filter[];
	order?: OrderTerm[];
	limit?: number;
	offset?: number;
}

export type Options = Map<string, LevelOptions>;

/** What a query level reads from: a table or view, a mutation's CTE, or a function's rows. */
export interface Scope {
	/** "schema.name" of the relation (relationships are looked up by it). */
	key: string;
	/** Name used in messages: `users`. */
	name: string;
	columns: Map<string, Column>;
	/** SQL that goes after FROM (before the alias). */
	from: string;
	alias: string;
	path: string;
}

/** PostgREST's relationship cardinalities, plus computed relationships (functions of a row). */
type Cardinality = 'm2o' | 'o2m' | 'o2o' | 'm2m' | 'computed';

interface Relationship {
	target: Relation;
	cardinality: Cardinality;
	toOne: boolean;
	/** Column pairs (origin column, target column) of a foreign key; empty otherwise. */
	columns: [string, string][];
	constraint: string;
	isSelf: boolean;
	/** The junction table of a many-to-many relationship, or the function of a computed one. */
	via: string;
	/** SQL condition joining the target alias to the parent alias. */
	join: (parent: string, child: string) => string;
	/** What the target level reads FROM, when it is not the target table (computed relationships). */
	source?: (parent: string) => string;
	description: { cardinality: string; embedding: string; relationship: string };
}

/** Every relationship of each origin ("schema.name"), built once per schema cache. */
const relationshipsByCache = new WeakMap<SchemaCache, Map<string, Relationship[]>>();

export class QueryBuilder {
	private aliases = 0;
	cache: SchemaCache;
	params: Params;
	options: Options;
	constructor(cache: SchemaCache, params: Params, options: Options) {
		this.cache = cache;
		this.params = params;
		this.options = options;
	}

	nextAlias(): string {
		return `t${++this.aliases}`;
	}

	level(path: string): LevelOptions {
		return this.options.get(path) ?? { filters: [] };
	}

	/** `"t0"."col"->'a'->>'b'`, checked against the scope's columns. */
	field(scope: Scope, ref: FieldRef): { sql: string; type: string } {
		const column = scope.columns.get(ref.column);
		const computed = column ? undefined : this.computedField(scope, ref.column);
		if (!column && !computed) {
			throw new ApiError(400, '42703', `column ${scope.name}.${ref.column} does not exist`);
		}
		let sql = computed
			? `${ident(computed.schema)}.${ident(computed.name)}(${scope.alias})`
			: `${scope.alias}.${ident(ref.column)}`;
		let type = computed ? computed.returnType : column!.type;
		for (const step of ref.path) {
			const k = /^-?\d+$/.test(step.key)
				? this.params.add(Number(step.key), 'int')
				: this.params.add(step.key, 'text');
			sql = `${sql}${step.arrow}${k}`;
			type = step.arrow === '->>' ? 'text' : type === 'json' ? 'json' : 'jsonb';
		}
		return { sql: ref.path.length ? `(${sql})` : sql, type };
	}

	/**
	 * A computed field (PostgREST docs, Computed Fields): a function of the level's table row that
	 * returns one scalar, used like a column. Only where the level reads the table itself.
	 */
	private computedField(scope: Scope, name: string) {
		const [schema, ...rest] = scope.key.split('.');
		if (scope.from !== `${ident(schema)}.${ident(rest.join('.'))}`) return undefined;
		const fn = this.cache.computed.get(scope.key)?.get(name);
		return fn && !fn.returnColumns && !fn.returnsSet && !fn.returnsVoid ? fn : undefined;
	}

	/** The output name of a selected field: its alias, the last JSON key, or the column. */
	static outputName(ref: FieldRef, alias?: string): string {
		return alias ?? (ref.path.length ? ref.path.at(-1)!.key : ref.column);
	}

	/** SELECT list for one level, embeds included. */
	selectList(scope: Scope, items: SelectItem[]): string[] {
		const out: string[] = [];
		for (const item of items) {
			// Columns are listed, not `*`: a mutation's rows carry a bookkeeping column too.
			if (item.type === 'star')
				out.push(...[...scope.columns.keys()].map((c) => `${scope.alias}.${ident(c)}`));
			else if (item.type === 'field') {
				const { sql } = this.field(scope, item.ref);
				const expr = item.cast ? `${sql}::${item.cast}` : sql;
				out.push(`${expr} as ${ident(QueryBuilder.outputName(item.ref, item.alias))}`);
			} else if (item.type === 'aggregate')
				throw new ApiError(400, 'PGRST123', 'Use of aggregate functions is not allowed');
			else out.push(...this.embed(scope, item));
		}
		return out;
	}

	private embed(scope: Scope, item: Extract<SelectItem, { type: 'embed' }>): string[] {
		const rel = this.relationship(scope, item.relation, item.hint);
		const name = item.alias ?? item.relation;
		const path = scope.path ? `${scope.path}.${name}` : name;
		const child = this.childScope(scope, rel, path);
		const opts = this.level(path);
		const where = [rel.join(scope.alias, child.alias), ...this.whereFor(child, item.select)];
		if (item.select.length === 0) return [];
		if (item.spread) {
			if (!rel.toOne) {
				throw new ApiError(
					400,
					'PGRST119',
					`A spread operation on '${item.relation}' is not possible`,
					`'${scope.name}' and '${item.relation}' do not form a many-to-one or one-to-one relationship`
				);
			}
			return this.selectList(child, item.select).map((field) => {
				const as = field.lastIndexOf(' as ');
				return `(select ${field.slice(0, as)} from ${child.from} ${child.alias} where ${where.join(' and ')} limit 1) as ${field.slice(as + 4)}`;
			});
		}
		const inner = `select ${this.selectList(child, item.select).join(', ')} from ${child.from} ${child.alias} where ${where.join(' and ')}${this.orderSql(child, opts.order)}${this.limitSql(opts.limit, opts.offset)}`;
		const sub = this.nextAlias();
		const json = rel.toOne
			? `(select row_to_json(${sub}) from (${inner}) ${sub})`
			: `coalesce((select json_agg(${sub}) from (${inner}) ${sub}), '[]'::json)`;
		return [`${json} as ${ident(name)}`];
	}

	/** Conditions of a level: its own filters, and `!inner` / null-filtered embeds below it. */
	whereFor(scope: Scope, items: SelectItem[]): string[] {
		const opts = this.level(scope.path);
		const embeds = items.filter((i) => i.type === 'embed');
		const conditions: string[] = [];
		for (const filter of opts.filters) {
			const embedFilter =
				filter.type === 'condition' && filter.ref.path.length === 0 && filter.operator === 'is'
					? embeds.find(
							(e) =>
								(e.alias ?? e.relation) === filter.ref.column &&
								!scope.columns.has(filter.ref.column)
						)
					: undefined;
			if (embedFilter && filter.type === 'condition') {
				const exists = this.existsEmbed(scope, embedFilter);
				const isNull = filter.value.toLowerCase() === 'null';
				conditions.push(isNull !== filter.negate ? `not ${exists}` : exists);
			} else conditions.push(this.filter(scope, filter));
		}
		for (const embed of embeds) if (embed.inner) conditions.push(this.existsEmbed(scope, embed));
		return conditions;
	}

	private existsEmbed(scope: Scope, item: Extract<SelectItem, { type: 'embed' }>): string {
		const rel = this.relationship(scope, item.relation, item.hint);
		const name = item.alias ?? item.relation;
		const child = this.childScope(scope, rel, scope.path ? `${scope.path}.${name}` : name);
		const where = [rel.join(scope.alias, child.alias), ...this.whereFor(child, item.select)];
		return `exists (select 1 from ${child.from} ${child.alias} where ${where.join(' and ')})`;
	}

	filter(scope: Scope, filter: Filter): string {
		if (filter.type === 'logic') {
			const parts = filter.children.map((c) => this.filter(scope, c));
			const joined = `(${parts.join(filter.operator === 'and' ? ' and ' : ' or ')})`;
			return filter.negate ? `not ${joined}` : joined;
		}
		const sql = this.condition(scope, filter);
		return filter.negate ? `not (${sql})` : sql;
	}

	private condition(scope: Scope, c: Condition): string {
		const { sql: expr, type } = this.field(scope, c.ref);
		const p = this.params;
		const arrayOf = (values: string[]) => `${p.add(values, 'text[]')}::${type}[]`;
		const simple: Record<string, string> = {
			eq: '=',
			neq: '<>',
			gt: '>',
			gte: '>=',
			lt: '<',
			lte: '<=',
			like: 'like',
			ilike: 'ilike',
			match: '~',
			imatch: '~*',
			cs: '@>',
			cd: '<@',
			ov: '&&',
			sl: '<<',
			sr: '>>',
			nxr: '&<',
			nxl: '&>',
			adj: '-|-'
		};
		const pattern = (v: string) =>
			c.operator === 'like' || c.operator === 'ilike' ? v.replaceAll('*', '%') : v;
		if (c.modifier) {
			const list = parseList(c.value, '{', '}').map(pattern);
			const operator = simple[c.operator];
			if (!operator || ['cs', 'cd', 'ov', 'sl', 'sr', 'nxr', 'nxl', 'adj'].includes(c.operator)) {
				throw new ApiError(
					400,
					'PGRST100',
					`"failed to parse filter (${c.operator}(${c.modifier}).${c.value})"`,
					'unexpected modifier'
				);
			}
			const arr =
				c.operator === 'like' ||
				c.operator === 'ilike' ||
				c.operator === 'match' ||
				c.operator === 'imatch'
					? p.add(list, 'text[]')
					: arrayOf(list);
			return `${expr} ${operator} ${c.modifier}(${arr})`;
		}
		switch (c.operator) {
			case 'in': {
				const list = parseList(c.value, '(', ')');
				return list.length === 0 ? 'false' : `${expr} = any(${arrayOf(list)})`;
			}
			case 'is': {
				const v = c.value.toLowerCase();
				return v === 'not_null' ? `${expr} is not null` : `${expr} is ${v}`;
			}
			case 'isdistinct':
				return `${expr} is distinct from ${p.add(c.value)}`;
			case 'fts':
			case 'plfts':
			case 'phfts':
			case 'wfts': {
				const fn = {
					fts: 'to_tsquery',
					plfts: 'plainto_tsquery',
					phfts: 'phraseto_tsquery',
					wfts: 'websearch_to_tsquery'
				}[c.operator];
				const config = c.config ? `${p.add(c.config, 'regconfig')}, ` : '';
				return `${expr} @@ ${fn}(${config}${p.add(c.value, 'text')})`;
			}
			default: {
				const operator = simple[c.operator];
				return `${expr} ${operator} ${p.add(pattern(c.value))}`;
			}
		}
	}

	orderSql(scope: Scope, order?: OrderTerm[]): string {
		if (!order?.length) return '';
		const terms = order.map((t) => {
			const { sql } = t.relation
				? this.relatedField(scope, t.relation, t.ref)
				: this.field(scope, t.ref);
			const nulls = t.nulls ? ` nulls ${t.nulls}` : '';
			return `${sql} ${t.descending ? 'desc' : 'asc'}${nulls}`;
		});
		return ` order by ${terms.join(', ')}`;
	}

	/** A to-one embedded resource's column, for ordering the parent rows by it. */
	private relatedField(scope: Scope, relation: string, ref: FieldRef): { sql: string } {
		const rel = this.relationship(scope, relation);
		if (!rel.toOne) {
			throw new ApiError(
				400,
				'PGRST118',
				`A related order on '${relation}' is not possible`,
				`'${scope.name}' and '${relation}' do not form a many-to-one or one-to-one relationship`
			);
		}
		const child = this.childScope(scope, rel, '');
		const { sql } = this.field(child, ref);
		return {
			sql: `(select ${sql} from ${child.from} ${child.alias} where ${rel.join(scope.alias, child.alias)} limit 1)`
		};
	}

	/** The level an embed reads: the target table, or a computed relationship's function call. */
	private childScope(parent: Scope, rel: Relationship, path: string): Scope {
		return {
			key: key(rel.target.schema, rel.target.name),
			name: rel.target.name,
			columns: rel.target.columns,
			from: rel.source
				? rel.source(parent.alias)
				: `${ident(rel.target.schema)}.${ident(rel.target.name)}`,
			alias: this.nextAlias(),
			path
		};
	}

	limitSql(limit?: number, offset?: number): string {
		let out = '';
		if (limit !== undefined) out += ` limit ${this.params.add(limit, 'bigint')}`;
		if (offset) out += ` offset ${this.params.add(offset, 'bigint')}`;
		return out;
	}

	/**
	 * Finds the one relationship between a level and an embedded name (PGRST200 / PGRST201), with
	 * PostgREST's rules (src/PostgREST/Plan.hs, findRel): the name is a table or view, a foreign
	 * key's constraint or (single) column, or a computed relationship's function; a hint is a
	 * constraint, a column at either end, or a junction table. In a self-relationship the table's
	 * name means the one-to-many end and the column the many-to-one end.
	 */
	relationship(scope: Scope, target: string, hint?: string): Relationship {
		const [schema] = scope.key.split('.');
		const all = relationshipsOf(this.cache, scope.key, scope.name);
		const single = (r: Relationship) => (r.columns.length === 1 ? r.columns[0] : null);
		const fkCol = (h: string, r: Relationship) => single(r)?.[0] === h;
		const fkRefCol = (h: string, r: Relationship) => single(r)?.[1] === h;
		const constraint = (h: string, r: Relationship) =>
			r.cardinality !== 'm2m' && r.cardinality !== 'computed' && r.constraint === h;
		const junction = (h: string, r: Relationship) => r.cardinality === 'm2m' && r.via === h;
		// A computed relationship takes the level's table row: only where the level reads the table.
		const [, ...rest] = scope.key.split('.');
		const rowLevel = scope.from === `${ident(schema)}.${ident(rest.join('.'))}`;
		const matching = all.filter((r) => {
			if (r.cardinality === 'computed') return rowLevel && r.via === target;
			const isView = r.target.kind === 'view';
			if (r.isSelf) {
				if (hint === undefined)
					return (
						(r.target.name === target && r.cardinality === 'o2m') ||
						(fkCol(target, r) && r.cardinality === 'm2o')
					);
				return r.target.name === target && r.cardinality === 'o2m' && fkRefCol(hint, r);
			}
			if (hint === undefined)
				return (
					r.target.name === target ||
					(constraint(target, r) && !isView) ||
					(fkCol(target, r) && !isView)
				);
			return (
				r.target.name === target &&
				(constraint(hint, r) || fkCol(hint, r) || fkRefCol(hint, r) || junction(hint, r))
			);
		});
		if (matching.length === 1) return matching[0];
		if (matching.length === 0) {
			throw new ApiError(
				400,
				'PGRST200',
				`Could not find a relationship between '${scope.name}' and '${target}' in the schema cache`,
				`Searched for a foreign key relationship between '${scope.name}' and '${target}'${hint ? ` using the hint '${hint}'` : ''} in the schema '${schema}', but no matches were found.`
			);
		}
		const error = new ApiError(
			300,
			'PGRST201',
			`Could not embed because more than one relationship was found for '${scope.name}' and '${target}'`,
			null,
			`Try changing '${target}' to one of the following: ${matching.map((m) => `'${m.target.name}!${m.cardinality === 'm2m' ? m.via : m.constraint}'`).join(', ')}. Find the desired relationship in the 'details' key.`
		);
		(error as { details: unknown }).details = matching.map((m) => m.description);
		throw error;
	}
}

/** The relationships of one origin, built on first use and kept with the schema cache. */
function relationshipsOf(cache: SchemaCache, origin: string, originName: string): Relationship[] {
	let byOrigin = relationshipsByCache.get(cache);
	if (!byOrigin) relationshipsByCache.set(cache, (byOrigin = new Map()));
	let found = byOrigin.get(origin);
	if (found) return found;
	found = [];
	const [schema] = origin.split('.');
	const unique = (relation: Relation, cols: string[]) =>
		(relation.primaryKey.length > 0 && sameSet(relation.primaryKey, cols)) ||
		relation.uniques.some((u) => sameSet(u, cols));
	for (const fk of cache.foreignKeys) {
		const from = cache.relations.get(fk.from);
		const to = cache.relations.get(fk.to);
		if (!from || !to || from.schema !== schema || to.schema !== schema) continue;
		const oneToOne = unique(from, fk.fromColumns);
		if (fk.from === origin) {
			found.push(
				fkRelationship(fk, to, originName, oneToOne ? 'o2o' : 'm2o', fk.fromColumns, fk.toColumns)
			);
		}
		if (fk.to === origin) {
			found.push(
				fkRelationship(fk, from, originName, oneToOne ? 'o2o' : 'o2m', fk.toColumns, fk.fromColumns)
			);
		}
	}
	found.push(...manyToMany(cache, origin, originName));
	for (const fn of cache.computedRelationships.get(origin) ?? []) {
		const target = fn.returnRelation ? cache.relations.get(fn.returnRelation) : undefined;
		if (!target) continue;
		const toOne = !fn.returnsSet || fn.rows === 1;
		const call = `${ident(fn.schema)}.${ident(fn.name)}`;
		found.push({
			target,
			cardinality: 'computed',
			toOne,
			columns: [],
			constraint: '',
			isSelf: false,
			via: fn.name,
			join: () => 'true',
			source: (parent) => `${call}(${parent})`,
			description: {
				cardinality: toOne ? 'many-to-one' : 'one-to-many',
				embedding: `${originName} with ${target.name}`,
				relationship: `${fn.name}`
			}
		});
	}
	byOrigin.set(origin, found);
	return found;
}

function fkRelationship(
	fk: ForeignKey,
	target: Relation,
	originName: string,
	cardinality: 'm2o' | 'o2m' | 'o2o',
	originColumns: string[],
	targetColumns: string[]
): Relationship {
	const label = { m2o: 'many-to-one', o2m: 'one-to-many', o2o: 'one-to-one' }[cardinality];
	return {
		target,
		cardinality,
		toOne: cardinality !== 'o2m',
		columns: originColumns.map((c, i) => [c, targetColumns[i]]),
		constraint: fk.constraint,
		isSelf: fk.from === fk.to,
		via: '',
		join: (parent, child) =>
			originColumns
				.map((c, i) => `${child}.${ident(targetColumns[i])} = ${parent}.${ident(c)}`)
				.join(' and '),
		description: {
			cardinality: label,
			embedding: `${originName} with ${target.name}`,
			relationship: `${fk.constraint} using ${originName}(${originColumns.join(', ')}) and ${target.name}(${targetColumns.join(', ')})`
		}
	};
}

/**
 * Many-to-many relationships through a junction table, as PostgREST's schema cache makes them
 * (src/PostgREST/SchemaCache.hs, addM2MRels): two different many-to-one foreign keys of the
 * junction whose columns are all part of its primary key.
 */
function manyToMany(cache: SchemaCache, origin: string, originName: string): Relationship[] {
	const found: Relationship[] = [];
	for (const a of cache.foreignKeys) {
		if (a.to !== origin) continue;
		const junction = cache.relations.get(a.from);
		if (!junction || junction.primaryKey.length === 0) continue;
		const inKey = (cols: string[]) => cols.every((c) => junction.primaryKey.includes(c));
		const manyToOne = (cols: string[]) =>
			!(sameSet(junction.primaryKey, cols) || junction.uniques.some((u) => sameSet(u, cols)));
		if (!manyToOne(a.fromColumns)) continue;
		for (const b of cache.foreignKeys) {
			if (b.from !== a.from || b.constraint === a.constraint) continue;
			if (!inKey([...a.fromColumns, ...b.fromColumns]) || !manyToOne(b.fromColumns)) continue;
			const relation = cache.relations.get(b.to);
			if (!relation || relation.schema !== junction.schema) continue;
			const j = ident(junction.schema) + '.' + ident(junction.name);
			found.push({
				target: relation,
				cardinality: 'm2m',
				toOne: false,
				columns: [],
				constraint: '',
				isSelf: b.to === origin,
				via: junction.name,
				join: (parent, child) => {
					const ja = 'j_' + child;
					const onA = a.fromColumns.map(
						(c, i) => `${ja}.${ident(c)} = ${parent}.${ident(a.toColumns[i])}`
					);
					const onB = b.fromColumns.map(
						(c, i) => `${ja}.${ident(c)} = ${child}.${ident(b.toColumns[i])}`
					);
					return `exists (select 1 from ${j} ${ja} where ${[...onA, ...onB].join(' and ')})`;
				},
				description: {
					cardinality: 'many-to-many',
					embedding: `${originName} with ${relation.name}`,
					relationship: `${junction.name} using ${a.constraint}(${a.fromColumns.join(', ')}) and ${b.constraint}(${b.fromColumns.join(', ')})`
				}
			});
		}
	}
	return found;
}

function sameSet(a: string[], b: string[]): boolean {
	return a.length === b.length && a.every((x) => b.includes(x));
}
