import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { summarize } from './message.ts';
import { listPage, messagePage, notFoundPage, PAGE_CSP } from './pages.ts';
import type { MailStore } from './store.ts';

export interface WebServer {
	port: number;
	/** Stops listening and drops every open connection, keep-alive ones included. */
	close(): Promise<void>;
}

const COMMON_HEADERS = {
	'cache-control': 'no-store',
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'no-referrer'
};

function send(res: ServerResponse, status: number, type: string, body: string, extra = {}): void {
	res.writeHead(status, {
		...COMMON_HEADERS,
		'content-type': `${type}; charset=utf-8`,
		'content-length': Buffer.byteLength(body),
		...extra
	});
	res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
	send(res, status, 'application/json', JSON.stringify(value));
}

function sendPage(res: ServerResponse, status: number, html: string): void {
	send(res, status, 'text/html', html, { 'content-security-policy': PAGE_CSP });
}

function methodNotAllowed(res: ServerResponse, allow: string): void {
	send(res, 405, 'text/plain', 'Method not allowed\n', { allow });
}

function route(store: MailStore, req: IncomingMessage, res: ServerResponse): void {
	const url = new URL(req.url ?? '/', 'http://127.0.0.1');
	// HEAD is answered as GET; Node leaves the body out.
	const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
	const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
	const [first, second, third, fourth] = segments;

	if (segments.length === 0) {
		if (method !== 'GET') return methodNotAllowed(res, 'GET, HEAD');
		return sendPage(res, 200, listPage(store.list()));
	}
	if (first === 'messages' && second && segments.length <= 3) {
		const message = store.get(second);
		if (method !== 'GET') return methodNotAllowed(res, 'GET, HEAD');
		if (!message || (third !== undefined && third !== 'raw')) {
			return sendPage(res, 404, notFoundPage());
		}
		if (third === 'raw') return send(res, 200, 'text/plain', message.raw);
		return sendPage(res, 200, messagePage(message));
	}
	if (first === 'api' && second === 'v1' && third === 'messages' && segments.length <= 4) {
		if (fourth === undefined) {
			if (method === 'GET') return sendJson(res, 200, store.list().map(summarize));
			if (method === 'DELETE') return sendJson(res, 200, { deleted: store.clear() });
			return methodNotAllowed(res, 'GET, HEAD, DELETE');
		}
		if (method === 'GET') {
			const message = store.get(fourth);
			return message ? sendJson(res, 200, message) : sendJson(res, 404, { error: 'Not found' });
		}
		if (method === 'DELETE') {
			return store.delete(fourth)
				? sendJson(res, 200, { deleted: 1 })
				: sendJson(res, 404, { error: 'Not found' });
		}
		return methodNotAllowed(res, 'GET, HEAD, DELETE');
	}
	if (first === 'api' && second === 'v1' && third === 'search' && segments.length === 3) {
		if (method !== 'GET') return methodNotAllowed(res, 'GET, HEAD');
		const to = url.searchParams.get('to')?.trim();
		if (!to) return sendJson(res, 400, { error: 'The query parameter "to" is required' });
		// Full messages, not summaries: a test searching by address usually wants the link next.
		return sendJson(res, 200, store.search(to));
	}
	if (first === 'api') return sendJson(res, 404, { error: 'Not found' });
	sendPage(res, 404, notFoundPage());
}

/** The mail catcher's pages and JSON API on 127.0.0.1. */
export function startWebServer(options: { port: number; store: MailStore }): Promise<WebServer> {
	const server = createServer((req, res) => {
		try {
			route(options.store, req, res);
		} catch (error) {
			// decodeURIComponent throws on malformed escapes: that is the client's mistake.
			const status = error instanceof URIError ? 400 : 500;
			if (status === 500) console.error('mail catcher: web request failed', error);
			const text = status === 400 ? 'Bad request\n' : 'Internal error\n';
			if (!res.headersSent) send(res, status, 'text/plain', text);
			else res.destroy();
		}
	});
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port, '127.0.0.1', () => {
			server.off('error', reject);
			let closing: Promise<void> | undefined;
			resolve({
				port: (server.address() as AddressInfo).port,
				close: () =>
					(closing ??= new Promise<void>((done) => {
						server.close(() => done());
						server.closeAllConnections();
					}))
			});
		});
	});
}
