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

interface Relationship {
	target: Relation;
	toOne: boolean;
	/** SQL condition joining the target alias to the parent alias. */
	join: (parent: string, child: string) => string;
	description: { cardinality: string; embedding: string; relationship: string };
	/** How an `!hint` names it in error messages: the constraint (or the junction table). */
	hintName: string;
	/** Every name an `!hint` may use: the constraint, its referencing column, the junction. */
	hints: string[];
}

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
		if (!column) {
			throw new ApiError(400, '42703', `column ${scope.name}.${ref.column} does not exist`);
		}
		let sql = `${scope.alias}.${ident(ref.column)}`;
		let type = column.type;
		for (const step of ref.path) {
			const k = /^-?\d+$/.test(step.key)
				? this.params.add(Number(step.key), 'int')
				: this.params.add(step.key, 'text');
			sql = `${sql}${step.arrow}${k}`;
			type = step.arrow === '->>' ? 'text' : type === 'json' ? 'json' : 'jsonb';
		}
		return { sql: ref.path.length ? `(${sql})` : sql, type };
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
			} else out.push(...this.embed(scope, item));
		}
		return out;
	}

	private embed(scope: Scope, item: Extract<SelectItem, { type: 'embed' }>): string[] {
		const rel = this.relationship(scope, item.relation, item.hint);
		const name = item.alias ?? item.relation;
		const path = scope.path ? `${scope.path}.${name}` : name;
		const child: Scope = {
			key: key(rel.target.schema, rel.target.name),
			name: rel.target.name,
			columns: rel.target.columns,
			from: `${ident(rel.target.schema)}.${ident(rel.target.name)}`,
			alias: this.nextAlias(),
			path
		};
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
		const child: Scope = {
			key: key(rel.target.schema, rel.target.name),
			name: rel.target.name,
			columns: rel.target.columns,
			from: `${ident(rel.target.schema)}.${ident(rel.target.name)}`,
			alias: this.nextAlias(),
			path: scope.path ? `${scope.path}.${name}` : name
		};
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
		const child: Scope = {
			key: key(rel.target.schema, rel.target.name),
			name: rel.target.name,
			columns: rel.target.columns,
			from: `${ident(rel.target.schema)}.${ident(rel.target.name)}`,
			alias: this.nextAlias(),
			path: ''
		};
		const { sql } = this.field(child, ref);
		return {
			sql: `(select ${sql} from ${child.from} ${child.alias} where ${rel.join(scope.alias, child.alias)} limit 1)`
		};
	}

	limitSql(limit?: number, offset?: number): string {
		let out = '';
		if (limit !== undefined) out += ` limit ${this.params.add(limit, 'bigint')}`;
		if (offset) out += ` offset ${this.params.add(offset, 'bigint')}`;
		return out;
	}

	/** Finds the one relationship between a level and an embedded name (PGRST200 / PGRST201). */
	relationship(scope: Scope, target: string, hint?: string): Relationship {
		const [schema] = scope.key.split('.');
		const relation = this.cache.relations.get(key(schema, target));
		const candidates: Relationship[] = [];
		if (relation) {
			const to = key(schema, target);
			const from = scope.key;
			for (const fk of this.cache.foreignKeys) {
				if (fk.from === from && fk.to === to) candidates.push(manyToOne(fk, relation, scope.name));
				if (fk.from === to && fk.to === from) candidates.push(oneToMany(fk, relation, scope.name));
			}
			if (candidates.length === 0) candidates.push(...this.manyToMany(scope, relation));
		}
		const matching =
			hint === undefined ? candidates : candidates.filter((c) => c.hints.includes(hint));
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
			`Try changing '${target}' to one of the following: ${matching.map((m) => `'${target}!${m.hintName}'`).join(', ')}. Find the desired relationship in the 'details' key.`
		);
		(error as { details: unknown }).details = matching.map((m) => m.description);
		throw error;
	}

	private manyToMany(scope: Scope, relation: Relation): Relationship[] {
		const to = key(relation.schema, relation.name);
		const found: Relationship[] = [];
		for (const a of this.cache.foreignKeys) {
			if (a.to !== scope.key || a.from === scope.key || a.from === to) continue;
			for (const b of this.cache.foreignKeys) {
				if (b.from !== a.from || b.to !== to || b === a) continue;
				const junction = this.cache.relations.get(a.from);
				if (!junction) continue;
				const j = ident(junction.schema) + '.' + ident(junction.name);
				found.push({
					target: relation,
					toOne: false,
					hintName: junction.name,
					hints: [junction.name, a.constraint, b.constraint],
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
						embedding: `${scope.name} with ${relation.name}`,
						relationship: `${junction.name} using ${a.constraint} and ${b.constraint}`
					}
				});
			}
		}
		return found;
	}
}

function manyToOne(fk: ForeignKey, target: Relation, from: string): Relationship {
	return {
		target,
		toOne: true,
		hintName: fk.constraint,
		hints: [fk.constraint, ...(fk.fromColumns.length === 1 ? fk.fromColumns : [])],
		join: (parent, child) =>
			fk.fromColumns
				.map((c, i) => `${child}.${ident(fk.toColumns[i])} = ${parent}.${ident(c)}`)
				.join(' and '),
		description: {
			cardinality: 'many-to-one',
			embedding: `${from} with ${target.name}`,
			relationship: `${fk.constraint} using ${from}(${fk.fromColumns.join(', ')}) and ${target.name}(${fk.toColumns.join(', ')})`
		}
	};
}

function oneToMany(fk: ForeignKey, target: Relation, from: string): Relationship {
	const unique =
		target.primaryKey.length > 0 && sameSet(target.primaryKey, fk.fromColumns)
			? true
			: target.uniques.some((u) => sameSet(u, fk.fromColumns));
	return {
		target,
		toOne: unique,
		hintName: fk.constraint,
		hints: [fk.constraint, ...(fk.fromColumns.length === 1 ? fk.fromColumns : [])],
		join: (parent, child) =>
			fk.fromColumns
				.map((c, i) => `${child}.${ident(c)} = ${parent}.${ident(fk.toColumns[i])}`)
				.join(' and '),
		description: {
			cardinality: unique ? 'one-to-one' : 'one-to-many',
			embedding: `${from} with ${target.name}`,
			relationship: `${fk.constraint} using ${from}(${fk.toColumns.join(', ')}) and ${target.name}(${fk.fromColumns.join(', ')})`
		}
	};
}

function sameSet(a: string[], b: string[]): boolean {
	return a.length === b.length && a.every((x) => b.includes(x));
}
