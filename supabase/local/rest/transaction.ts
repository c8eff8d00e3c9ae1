import type postgres from 'postgres';
import type { Caller } from '../keys/gateway.ts';
import { arrayLiteral, ident } from './query.ts';
import type { SchemaCache } from './schema-cache.ts';
import type { RestConfig, RestRequest } from './types.ts';

/** Runs `work` in one transaction as the caller's role, with its claims, as PostgREST does. */
export async function asCaller<T>(
	pool: postgres.Sql,
	cache: SchemaCache,
	config: RestConfig,
	caller: Caller,
	req: RestRequest,
	readOnly: boolean,
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
		['search_path', [...new Set([...config.extraSearchPath])].map(ident).join(', ')],
		...(cache.roleSettings.get(caller.role) ?? [])
	];
	const names = settings.map(([n]) => n);
	const values = settings.map(([, v]) => v);
	return (await pool.begin(readOnly ? 'read only' : 'read write', async (tx) => {
		await tx`select set_config(n, v, true) from unnest(${arrayLiteral(names)}::text[], ${arrayLiteral(values)}::text[]) as s(n, v)`;
		return work(tx);
	})) as T;
}
