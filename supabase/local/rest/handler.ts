import type postgres from 'postgres';
import type { Caller } from '../keys/gateway.ts';
import { ApiError, fromPostgres, isPgError } from './errors.ts';
import { route } from './routing.ts';
import type { SchemaCache } from './schema-cache.ts';
import { JSON_TYPE, type RestConfig, type RestRequest, type RestResponse } from './types.ts';

export type { RestConfig, RestRequest, RestResponse } from './types.ts';

/** One request to /rest/v1, answered as PostgREST answers it. Never throws. */
export async function handleRest(
	req: RestRequest,
	caller: Caller,
	pool: postgres.Sql,
	cache: SchemaCache,
	config: RestConfig
): Promise<RestResponse> {
	try {
		return await route(req, caller, pool, cache, config);
	} catch (error) {
		if (error instanceof ApiError) return errorResponse(error);
		if (isPgError(error)) return errorResponse(fromPostgres(error, caller.role !== 'anon'));
		console.error('rest: unexpected error', error);
		return errorResponse(new ApiError(500, 'PGRST000', 'Internal server error'));
	}
}

function errorResponse(error: ApiError): RestResponse {
	const headers: Record<string, string> = { 'content-type': JSON_TYPE };
	if (error.status === 401) headers['www-authenticate'] = 'Bearer';
	return { status: error.status, headers, body: JSON.stringify(error.body()) };
}
