/** The shapes the REST layer's modules share. */
export interface RestConfig {
	schemas: string[];
	extraSearchPath: string[];
	maxRows: number | null;
}

export interface RestRequest {
	method: string;
	/** Path below /rest/v1, e.g. `/organizations` or `/rpc/take_seat`. */
	path: string;
	url: URL;
	headers: Headers;
	body: string;
}

export interface RestResponse {
	status: number;
	headers: Record<string, string>;
	body: string;
}

export const JSON_TYPE = 'application/json; charset=utf-8';
