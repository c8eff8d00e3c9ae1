import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import postgres from 'postgres';
import { identify, isRefusal } from './keys/gateway.ts';
import {
	jwks,
	legacyApiJwt,
	loadSigningKey,
	LOCAL_PUBLISHABLE_KEY,
	LOCAL_SECRET_KEY,
	type SigningKey
} from './keys/index.ts';
import { badJwtMessage } from './auth/errors.ts';
import { handleAuth } from './auth/handler.ts';
import { RateLimiter, type AuthConfig } from './auth/context.ts';
import type { MailerConfig } from './auth/mailer.ts';
import { handleRest, type RestConfig } from './rest/handler.ts';
import { loadSchemaCache, type SchemaCache } from './rest/schema-cache.ts';

export interface RuntimeOptions {
	/** Login URL of the `authenticator` role on the prepared database. */
	authenticatorUrl: string;
	rest: RestConfig;
	/** 127.0.0.1 only: the local keys are published, so the runtime never listens elsewhere. */
	port: number;
	/** Where the ES256 signing key is kept (created on first start); in memory when absent. */
	signingKeyPath?: string;
	/** Connections to Postgres (at least the parallelism the tests use). */
	poolSize?: number;
	/** /auth/v1: the `supabase_auth_admin` login URL, settings and where mails go. */
	auth?: {
		url: string;
		config: AuthConfig;
		mailer: MailerConfig;
		jwtExpiry: number;
		refreshTokenReuseInterval: number;
	};
	/** Where the runtime's log lines go (never a password, token or code). */
	log?: (line: string) => void;
}

export interface Runtime {
	url: string;
	port: number;
	publishableKey: string;
	secretKey: string;
	legacyAnonJwt: string;
	legacyServiceRoleJwt: string;
	signingKey: SigningKey;
	/** Re-reads the schema cache (after DDL), like PostgREST's `NOTIFY pgrst, 'reload schema'`. */
	reloadSchema(): Promise<void>;
	stop(): Promise<void>;
}

const MAX_BODY = 10 * 1024 * 1024;

/** The local Supabase runtime's HTTP side: /rest/v1 and the JWKS, over the prepared database. */
export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
	if (process.env.NODE_ENV === 'production') {
		throw new Error(
			'The local Supabase runtime uses published keys: it refuses to run with NODE_ENV=production.'
		);
	}
	const signingKey = await loadSigningKey(options.signingKeyPath);
	const pool = postgres(options.authenticatorUrl, {
		max: options.poolSize ?? 20,
		onnotice: () => {},
		fetch_types: false,
		// Request values are bound as the text the client sent, like PostgREST does: the driver
		// must not re-encode a string for the type Postgres infers (JSON-quote it for jsonb, turn
		// 'true' into 'f' for boolean, or parse it as a Date for timestamptz).
		types: textTypes()
	});
	let cache: SchemaCache = await loadSchemaCache(pool, options.rest.schemas);
	const log = options.log ?? ((line: string) => console.log(line));
	const authPool = options.auth
		? postgres(options.auth.url, { max: 10, onnotice: () => {} })
		: undefined;

	const server: Server = createServer((req, res) => {
		handle(req, res).catch((error) => {
			console.error('runtime: unexpected error', error);
			if (!res.headersSent)
				send(
					res,
					500,
					{ 'content-type': 'application/json' },
					JSON.stringify({ message: 'Internal error' })
				);
		});
	});

	async function handle(req: IncomingMessage, res: ServerResponse) {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const headers = new Headers();
		for (const [k, v] of Object.entries(req.headers)) {
			if (typeof v === 'string') headers.set(k, v);
			else if (Array.isArray(v)) headers.set(k, v.join(', '));
		}
		if (req.method === 'OPTIONS') return send(res, 204, cors(), '');
		if (url.pathname === '/auth/v1/.well-known/jwks.json') {
			return send(
				res,
				200,
				{ 'content-type': 'application/json', 'cache-control': 'public, max-age=600', ...cors() },
				JSON.stringify(jwks(signingKey))
			);
		}
		if (options.auth && authPool && url.pathname.startsWith('/auth/v1/')) {
			return auth(req, res, url, headers, options.auth, authPool);
		}
		if (url.pathname === '/rest/v1' || url.pathname.startsWith('/rest/v1/')) {
			const raw = await readBody(req);
			if (raw === null) {
				return send(
					res,
					413,
					{ 'content-type': 'application/json' },
					JSON.stringify({
						code: 'PGRST413',
						details: null,
						hint: null,
						message: 'Payload Too Large'
					})
				);
			}
			const caller = await identify(headers, signingKey);
			if (isRefusal(caller)) {
				return send(
					res,
					caller.status,
					{ 'content-type': 'application/json', ...cors(), ...(caller.headers ?? {}) },
					JSON.stringify(caller.body)
				);
			}
			const result = await handleRest(
				{
					method: req.method ?? 'GET',
					path: url.pathname.slice('/rest/v1'.length) || '/',
					url,
					headers,
					body: raw.toString('utf8'),
					raw
				},
				caller,
				pool,
				cache,
				options.rest
			);
			return send(res, result.status, { ...result.headers, ...cors() }, result.body);
		}
		send(
			res,
			404,
			{ 'content-type': 'application/json' },
			JSON.stringify({ message: 'no Route matched with those values' })
		);
	}

	let authContext: Parameters<typeof handleAuth>[0] | undefined;
	async function auth(
		req: IncomingMessage,
		res: ServerResponse,
		url: URL,
		headers: Headers,
		settings: NonNullable<RuntimeOptions['auth']>,
		sql: postgres.Sql
	) {
		authContext ??= {
			sql,
			config: settings.config,
			mailer: settings.mailer,
			limiter: new RateLimiter(settings.config.rateLimit),
			log,
			session: {
				key: signingKey,
				issuer: `http://127.0.0.1:${(server.address() as AddressInfo).port}/auth/v1`,
				jwtExpiry: settings.jwtExpiry,
				refreshTokenReuseInterval: settings.refreshTokenReuseInterval
			}
		};
		const path = url.pathname.slice('/auth/v1'.length) || '/';
		const method = req.method ?? 'GET';
		const json = { 'content-type': 'application/json', ...cors() };
		// The gateway lets a mail's link and the health check through without an API key.
		const open = method === 'GET' && (path === '/verify' || path === '/health');
		let caller: Awaited<ReturnType<typeof identify>> = { role: 'anon', claims: { role: 'anon' } };
		if (!open) {
			caller = await identify(headers, signingKey);
			if (isRefusal(caller)) {
				if (caller.body.code === 'PGRST301' || caller.body.code === 'PGRST303') {
					const apiVersion = headers.get('x-supabase-api-version');
					const message = badJwtMessage(caller.body);
					const body = apiVersion
						? { code: 'bad_jwt', message }
						: { code: 403, error_code: 'bad_jwt', msg: message };
					log(`auth: ${method} ${path} 403`);
					const version: Record<string, string> = apiVersion
						? { 'x-supabase-api-version': '2024-01-01' }
						: {};
					return send(res, 403, { ...json, ...version }, JSON.stringify(body));
				}
				return send(res, caller.status, json, JSON.stringify(caller.body));
			}
		}
		const bytes = await readBody(req);
		let body: Record<string, unknown> = {};
		if (bytes === null)
			return send(res, 413, json, JSON.stringify({ code: 413, msg: 'Request body too large' }));
		const raw = bytes.toString('utf8');
		if (raw.trim()) {
			try {
				const parsed = JSON.parse(raw);
				body = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : {};
			} catch {
				return send(
					res,
					400,
					json,
					JSON.stringify({ code: 'bad_json', message: 'Could not parse request body as JSON' })
				);
			}
		}
		const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
		const ip = forwarded || req.socket.remoteAddress || '127.0.0.1';
		const result = await handleAuth(authContext, { method, path, url, headers, body, ip, caller });
		log(`auth: ${method} ${path} ${result.status}`);
		const out = result.body === undefined ? '' : JSON.stringify(result.body);
		return send(res, result.status, { ...(out ? json : cors()), ...(result.headers ?? {}) }, out);
	}

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port, '127.0.0.1', () => resolve());
	});
	const port = (server.address() as AddressInfo).port;
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		publishableKey: LOCAL_PUBLISHABLE_KEY,
		secretKey: LOCAL_SECRET_KEY,
		legacyAnonJwt: await legacyApiJwt('anon'),
		legacyServiceRoleJwt: await legacyApiJwt('service_role'),
		signingKey,
		async reloadSchema() {
			cache = await loadSchemaCache(pool, options.rest.schemas);
		},
		async stop() {
			server.closeAllConnections();
			await new Promise((done) => server.close(done));
			await pool.end({ timeout: 5 });
			await authPool?.end({ timeout: 5 });
		}
	};
}

function textTypes() {
	const asText = (x: unknown) => (typeof x === 'string' ? x : JSON.stringify(x));
	const keep = (x: string) => x;
	return {
		json: { to: 114, from: [114, 3802], serialize: asText, parse: (x: string) => JSON.parse(x) },
		boolean: { to: 16, from: [16], serialize: asText, parse: (x: string) => x === 't' },
		date: { to: 1184, from: [1082, 1114, 1184], serialize: asText, parse: keep },
		bytea: { to: 17, from: [17], serialize: asText, parse: keep }
	};
}

function cors(): Record<string, string> {
	return {
		'access-control-allow-origin': '*',
		'access-control-allow-headers':
			'authorization, x-client-info, apikey, content-type, prefer, range, accept-profile, content-profile, x-supabase-api-version',
		'access-control-allow-methods': 'GET, HEAD, POST, PATCH, PUT, DELETE, OPTIONS',
		'access-control-expose-headers': 'content-range, content-location, preference-applied'
	};
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string) {
	res.writeHead(status, headers);
	res.end(body);
}

function readBody(req: IncomingMessage): Promise<Buffer | null> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		let tooLarge = false;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY) tooLarge = true;
			else chunks.push(chunk);
		});
		req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks)));
		req.on('error', reject);
	});
}
