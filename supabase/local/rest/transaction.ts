import type postgres from 'postgres';
import type { Caller } from '../keys/gateway.ts';
import { arrayLiteral, ident } from './query.ts';
import type { Preferences } from './request.ts';
import type { SchemaCache } from './schema-cache.ts';
import type { RestConfig, RestRequest } from './types.ts';

/** Carries a finished request's result out of a transaction that is rolled back on purpose. */
class RolledBack<T> {
	value: T;
	constructor(value: T) {
		this.value = value;
	}
}

/**
 * Whether the transaction ends in a rollback: `Prefer: tx=rollback` where db-tx-end allows an
 * override, or db-tx-end = rollback* unless the request asked for tx=commit (PostgREST
 * src/PostgREST/Query.hs, optionalRollback).
 */
function rollsBack(config: RestConfig, prefer: Preferences): boolean {
	const end = config.txEnd ?? 'commit';
	return prefer.tx === 'rollback' || (end.startsWith('rollback') && prefer.tx !== 'commit');
}

/**
 * Runs `work` in one transaction as the caller's role, with its claims, as PostgREST does: the
 * request's schema first on the search_path, then [api] extra_search_path.
 */
export async function asCaller<T>(
	pool: postgres.Sql,
	cache: SchemaCache,
	config: RestConfig,
	caller: Caller,
	req: RestRequest,
	readOnly: boolean,
	context: { schema: string; prefer: Preferences },
	work: (tx: postgres.TransactionSql) => Promise<T>
): Promise<T> {
	const settings: [string, string][] = [
		['role', caller.role],
		['request.jwt.claims', JSON.stringify(caller.claims)],
		['request.method', req.method],
		['request.path', req.path],
		[
			'request.headers',
			JSON.stringify(
				Object.fromEntries(
					[...req.headers].filter(([k]) => k !== 'authorization' && k !== 'apikey')
				)
			)
		],
		[
			'search_path',
			[...new Set([context.schema, ...config.extraSearchPath])].map(ident).join(', ')
		],
		...(cache.roleSettings.get(caller.role) ?? [])
	];
	if (context.prefer.timezone) settings.push(['timezone', context.prefer.timezone]);
	const names = settings.map(([n]) => n);
	const values = settings.map(([, v]) => v);
	const rollback = rollsBack(config, context.prefer);
	try {
		return (await pool.begin(readOnly ? 'read only' : 'read write', async (tx) => {
			await tx`select set_config(n, v, true) from unnest(${arrayLiteral(names)}::text[], ${arrayLiteral(values)}::text[]) as s(n, v)`;
			const result = await work(tx);
			if (!rollback) return result;
			// Deferred constraints still fail the request, as they would on commit.
			await tx`set constraints all immediate`;
			throw new RolledBack(result);
		})) as T;
	} catch (e) {
		if (e instanceof RolledBack) return e.value as T;
		throw e;
	}
}
