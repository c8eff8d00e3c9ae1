/** The shapes the REST layer's modules share. */
export interface RestConfig {
	schemas: string[];
	extraSearchPath: string[];
	maxRows: number | null;
	/**
	 * PostgREST's db-tx-end: whether a request may choose `Prefer: tx=rollback`. Hosted Supabase
	 * keeps PostgREST's default, `commit` (the preference is then ignored).
	 */
	txEnd?: 'commit' | 'commit-allow-override' | 'rollback' | 'rollback-allow-override';
}

export interface RestRequest {
	method: string;
	/** Path below /rest/v1, e.g. `/organizations` or `/rpc/take_seat`. */
	path: string;
	url: URL;
	headers: Headers;
	body: string;
	/** The body's bytes (a bytea parameter takes them as they are). */
	raw?: Buffer;
}

export interface RestResponse {
	status: number;
	headers: Record<string, string>;
	body: string;
}

export const JSON_TYPE = 'application/json; charset=utf-8';
