import type postgres from 'postgres';
import type { Caller } from '../keys/gateway.ts';
import { ApiError, closest } from './errors.ts';
import { read } from './read.ts';
import { checkStrict, parseRequest, preferOptions } from './request.ts';
import { rpc } from './rpc.ts';
import { key, type SchemaCache } from './schema-cache.ts';
import type { RestConfig, RestRequest, RestResponse } from './types.ts';
import { write } from './write.ts';

function schemaOf(req: RestRequest, config: RestConfig): string {
	const reading = req.method === 'GET' || req.method === 'HEAD';
	const asked = req.headers.get(reading ? 'accept-profile' : 'content-profile');
	if (!asked) return config.schemas[0];
	if (!config.schemas.includes(asked)) {
		throw new ApiError(
			406,
			'PGRST106',
			`Invalid schema: ${asked}`,
			null,
			`Only the following schemas are exposed: ${config.schemas.join(', ')}`
		);
	}
	return asked;
}

export async function route(
	req: RestRequest,
	caller: Caller,
	pool: postgres.Sql,
	cache: SchemaCache,
	config: RestConfig
): Promise<RestResponse> {
	const schema = schemaOf(req, config);
	const response = await dispatch(req, caller, pool, cache, config, schema);
	// With more than one exposed schema, PostgREST names the one that answered.
	if (config.schemas.length > 1) response.headers['content-profile'] = schema;
	return response;
}

async function dispatch(
	req: RestRequest,
	caller: Caller,
	pool: postgres.Sql,
	cache: SchemaCache,
	config: RestConfig,
	schema: string
): Promise<RestResponse> {
	const segments = req.path.split('/').filter(Boolean).map(decodeURIComponent);
	if (segments.length === 2 && segments[0] === 'rpc')
		return rpc(req, caller, pool, cache, config, schema, segments[1]);
	if (segments.length !== 1) {
		throw new ApiError(404, 'PGRST125', `Invalid path specified in request URL`);
	}
	const relation = cache.relations.get(key(schema, segments[0]));
	if (!relation) {
		const names = [...cache.relations.values()]
			.filter((r) => r.schema === schema)
			.map((r) => r.name);
		const near = closest(segments[0], names);
		throw new ApiError(
			404,
			'PGRST205',
			`Could not find the table '${schema}.${segments[0]}' in the schema cache`,
			null,
			near ? `Perhaps you meant the table '${schema}.${near}'` : null
		);
	}
	const parsed = parseRequest(req.url, req.headers, false, preferOptions(config, cache));
	checkStrict(parsed.prefer);
	switch (req.method) {
		case 'GET':
		case 'HEAD':
			return read(req, caller, pool, cache, config, relation, parsed);
		case 'POST':
			return write(req, caller, pool, cache, config, relation, parsed, 'insert');
		case 'PATCH':
			return write(req, caller, pool, cache, config, relation, parsed, 'update');
		case 'DELETE':
			return write(req, caller, pool, cache, config, relation, parsed, 'delete');
		default:
			throw new ApiError(405, 'PGRST117', `Unsupported HTTP method: ${req.method}`);
	}
}
