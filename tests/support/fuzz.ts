// Fuzzing the app over HTTP (issue 15): fast-check arbitraries for hostile input, a request
// builder for form posts and GETs, and the oracle every response is judged by. The specs in
// tests/fuzz/ send at least 1,000 generated inputs to every form action and endpoint.
import fc from 'fast-check';

/** Payloads an attacker tries first. `fzz` marks the HTML ones, to find them echoed raw. */
export const PAYLOADS = [
	"' or 1=1 --",
	"'; drop table public.activities; --",
	'" or ""="',
	"1' and pg_sleep(5) is null --",
	"') union select id, email from auth.users --",
	'\\',
	"'",
	'%',
	'_',
	'<script>fzz()</script>',
	'"><img src=x onerror=fzz()>',
	"'><svg onload=fzz()>",
	'</textarea><script>fzz()</script>',
	'javascript:fzz()',
	'{{7*7}}',
	'${7*7}',
	'../../../../etc/passwd',
	'\u0000',
	'a\u0000b',
	'%00',
	'\r\nSet-Cookie: fzz=1',
	'\u202e\u0301\ufeff',
	'😀'.repeat(61),
	'ø'.repeat(121),
	'null',
	'undefined',
	'NaN',
	'-1',
	'0',
	'1e309',
	'99999999999999999999',
	'2026-02-30',
	'2026-13-45',
	'9999-99-99',
	'0000-00-00',
	'25:61',
	'99:99',
	'[]',
	'{}',
	'__proto__',
	'constructor',
	'true',
	'on',
	'yes'
];

/** What raw HTML payloads look like if a page echoed them without escaping. */
const RAW_HTML = /<script>fzz\(\)|<img src=x onerror=fzz\(\)>|<svg onload=fzz\(\)>/;

/** A hostile string: payloads, any Unicode, NUL bytes, very long, numbers and dates as text. */
export const nasty: fc.Arbitrary<string> = fc.oneof(
	{ weight: 4, arbitrary: fc.constantFrom(...PAYLOADS) },
	{ weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
	{ weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
	{
		weight: 2,
		arbitrary: fc
			.tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 }))
			.map(([a, b]) => `${a}\u0000${b}`)
	},
	{
		weight: 1,
		arbitrary: fc
			.tuple(
				fc.constantFrom('a', 'ø', '😀', '<', '\u0000', ' ', '1', "'"),
				fc.integer({ min: 200, max: 12_000 })
			)
			.map(([c, n]) => c.repeat(n))
	},
	{ weight: 1, arbitrary: fc.uuid().map(String) },
	{ weight: 1, arbitrary: fc.integer().map(String) },
	{ weight: 1, arbitrary: fc.double().map(String) },
	{
		weight: 1,
		arbitrary: fc.date().map((d) => (isNaN(d.getTime()) ? 'Invalid' : d.toISOString()))
	},
	{ weight: 1, arbitrary: fc.constant('') }
);

/** One field's value: text, the same field sent several times, or a file where text is expected. */
export type FieldValue =
	| { kind: 'text'; value: string }
	| { kind: 'many'; values: string[] }
	| { kind: 'file'; name: string; type: string; content: string };

export const fieldValue = (plausible: fc.Arbitrary<string>): fc.Arbitrary<FieldValue> =>
	fc.oneof(
		{ weight: 5, arbitrary: plausible.map((value) => ({ kind: 'text', value }) as const) },
		{ weight: 4, arbitrary: nasty.map((value) => ({ kind: 'text', value }) as const) },
		{
			weight: 1,
			arbitrary: fc
				.array(fc.oneof(plausible, nasty), { minLength: 2, maxLength: 4 })
				.map((values) => ({ kind: 'many', values }) as const)
		},
		{
			weight: 1,
			arbitrary: fc
				.record({
					name: fc.constantFrom('a.txt', 'x.exe', '', '../../x', '<b>.png'),
					type: fc.constantFrom('text/plain', 'application/octet-stream', 'image/png'),
					content: fc.oneof(plausible, nasty)
				})
				.map((f) => ({ kind: 'file', ...f }) as const)
		}
	);

/** How the body is sent: as a browser would, or broken. */
export type Encoding =
	'urlencoded' | 'multipart' | 'broken-multipart' | 'broken-urlencoded' | 'json';

export interface FuzzForm {
	fields: [string, FieldValue][];
	encoding: Encoding;
	/** use:enhance's header: SvelteKit answers with JSON instead of a page. */
	enhanced: boolean;
}

/**
 * A form for an action whose fields are `spec` (name → plausible values): each field present
 * with a plausible or hostile value, repeated, a file, or missing; a few unknown fields beside.
 */
export function formOf(spec: Record<string, fc.Arbitrary<string>>): fc.Arbitrary<FuzzForm> {
	const known = Object.entries(spec).map(([name, plausible]) =>
		fc.option(fieldValue(plausible), { freq: 6, nil: undefined }).map((v) => [name, v] as const)
	);
	return fc.record({
		fields: fc
			.tuple(
				fc.tuple(...known),
				fc.array(
					fc.tuple(
						fc.oneof(
							fc.constantFrom('__proto__', 'constructor', 'id', 'role', 'status', ''),
							nasty
						),
						fieldValue(nasty)
					),
					{ maxLength: 2 }
				)
			)
			.map(([k, extra]) => [
				...k.filter((e): e is [string, FieldValue] => e[1] !== undefined),
				...extra
			]),
		encoding: fc.constantFrom<Encoding>(
			'urlencoded',
			'urlencoded',
			'urlencoded',
			'multipart',
			'multipart',
			'broken-multipart',
			'broken-urlencoded',
			'json'
		),
		// Mostly use:enhance's JSON answer (the same action code, no page to render); a quarter as
		// a plain post, whose page must show hostile values escaped.
		enhanced: fc.constantFrom(true, true, true, false)
	});
}

/** Percent-encodes any string for a URL (lone surrogates become U+FFFD first). */
export const pct = (s: string) => encodeURIComponent(s.toWellFormed());

/** The body and content type of a generated form. */
export function encode(form: FuzzForm): { body: BodyInit; contentType?: string } {
	const flat = form.fields.flatMap(([name, v]): [string, string | File][] =>
		v.kind === 'text'
			? [[name, v.value]]
			: v.kind === 'many'
				? v.values.map((x) => [name, x])
				: [[name, new File([v.content], v.name, { type: v.type })]]
	);
	switch (form.encoding) {
		case 'multipart': {
			const data = new FormData();
			for (const [k, v] of flat)
				data.append(k.toWellFormed(), typeof v === 'string' ? v.toWellFormed() : v);
			return { body: data };
		}
		case 'broken-multipart':
			return {
				body: `--x\r\nContent-Disposition: form-data; name="${flat[0]?.[0] ?? ''}"\r\n\r\n${flat
					.map(([, v]) => (typeof v === 'string' ? v : v.name))
					.join('')}`,
				contentType: 'multipart/form-data; boundary=y'
			};
		case 'broken-urlencoded':
			return {
				body: `%zz=%&${flat.map(([k, v]) => `${k}=${typeof v === 'string' ? v : ''}`).join('&')}%`,
				contentType: 'application/x-www-form-urlencoded'
			};
		case 'json':
			return {
				body: JSON.stringify(Object.fromEntries(flat.map(([k, v]) => [k, String(v)]))),
				contentType: 'application/json'
			};
		default: {
			const params = new URLSearchParams();
			for (const [k, v] of flat)
				params.append(k.toWellFormed(), typeof v === 'string' ? v.toWellFormed() : v.name);
			return { body: params, contentType: 'application/x-www-form-urlencoded' };
		}
	}
}

/** A query string of generated parameters (repeats allowed) for GET endpoints. */
export function queryOf(spec: Record<string, fc.Arbitrary<string>>): fc.Arbitrary<string> {
	const names = Object.keys(spec);
	const pair = fc.oneof(
		...names.map((n) => fc.oneof(spec[n], nasty).map((v) => [n, v] as const)),
		fc.tuple(nasty, nasty)
	);
	return fc
		.array(pair, { maxLength: 6 })
		.map((pairs) =>
			pairs.length ? '?' + pairs.map(([k, v]) => `${pct(k)}=${pct(v)}`).join('&') : ''
		)
		.filter((query) => query.length <= 8000);
}

/** A path segment: the right kind of value, a forged one, or anything at all. */
export const segment = (...good: fc.Arbitrary<string>[]) =>
	fc.oneof(
		{ weight: 6, arbitrary: fc.oneof(...good).map(pct) },
		// Node's HTTP server refuses request lines over 16 KB itself (431) and drops the connection:
		// long values are tried in bodies, where the app has to cope with them.
		{ weight: 2, arbitrary: nasty.map(pct).filter((s) => s !== '' && s.length <= 4000) },
		{
			weight: 1,
			arbitrary: fc.constantFrom('%', '%E0%A4%A', '%C0%AE', '..', '%2e%2e', '%2F', '%00')
		}
	);

export interface FuzzResponse {
	status: number;
	contentType: string;
	body: string;
}

/**
 * The oracle: no 5xx, no stack trace or server file path in the body, no raw HTML payload
 * echoed in a page. Returns what is wrong (empty when the response is fine).
 */
export function judge(response: FuzzResponse): string[] {
	const problems: string[] = [];
	if (response.status >= 500) problems.push(`status ${response.status}`);
	const trace = [
		/^\s*at .+:\d+:\d+\)?$/m,
		/node:internal/,
		/\/src\/(lib|routes)\//,
		/node_modules\//,
		/\b(TypeError|RangeError|ReferenceError|SyntaxError|URIError)\b/,
		/\bError: [A-Za-z]/
	].find((re) => re.test(response.body));
	if (trace) problems.push(`stack trace or server path in the body (${trace})`);
	const echoed = /html/.test(response.contentType) && RAW_HTML.exec(response.body);
	if (echoed) problems.push(`raw HTML payload echoed: …${echoed[0]}…`);
	return problems;
}

export interface FuzzRequest {
	method: string;
	path: string;
	headers?: Record<string, string>;
	form?: FuzzForm;
}

let counter = 0;
/** A documentation-range address (RFC 3849) for each request: per-IP limits see a new visitor. */
export const freshAddress = () => `2001:db8:f::${(++counter).toString(16)}`;

/** Sends one generated request to the app (no redirects followed). */
export async function send(
	base: string,
	request: FuzzRequest,
	cookie?: string
): Promise<FuzzResponse> {
	const headers: Record<string, string> = {
		origin: base,
		accept: 'text/html',
		'x-forwarded-for': freshAddress(),
		...(cookie ? { cookie } : {}),
		...request.headers
	};
	let body: BodyInit | undefined;
	if (request.form) {
		const encoded = encode(request.form);
		body = encoded.body;
		if (encoded.contentType) headers['content-type'] = encoded.contentType;
		if (request.form.enhanced) headers['x-sveltekit-action'] = 'true';
	}
	const attempt = () =>
		fetch(base + request.path, {
			method: request.method,
			headers,
			body: request.method === 'GET' || request.method === 'HEAD' ? undefined : body,
			redirect: 'manual',
			signal: AbortSignal.timeout(60_000)
		});
	// A kept-alive connection the server closed just as it was reused fails before anything is
	// sent; the same request once more on a new connection tells that apart from a server that
	// drops this input (which fails again, and is reported).
	const response = await attempt().catch(async (e: Error & { cause?: { code?: string } }) => {
		if (e.cause?.code !== 'ECONNRESET' && !/other side closed/.test(String(e.cause))) throw e;
		return attempt();
	});
	return {
		status: response.status,
		contentType: response.headers.get('content-type') ?? '',
		body: await response.text()
	};
}

/** What a failing input looked like, short enough to read. */
const describe = (request: FuzzRequest) =>
	JSON.stringify(request, (_k, v) =>
		typeof v === 'string' && v.length > 200 ? `${v.slice(0, 200)}…(${v.length})` : v
	);

export interface Target {
	name: string;
	request: fc.Arbitrary<FuzzRequest>;
	cookie?: () => string;
}

/**
 * Sends `runs` generated requests to one target, one after another, judging each; fast-check
 * shrinks a failing input to a small one. Returns how many inputs were sent.
 */
export async function fuzz(base: string, target: Target, runs: number): Promise<number> {
	let sent = 0;
	const started = Date.now();
	const statuses: Record<number, number> = {};
	await fc.assert(
		fc.asyncProperty(target.request, async (request) => {
			sent++;
			const response = await send(base, request, target.cookie?.());
			statuses[response.status] = (statuses[response.status] ?? 0) + 1;
			const problems = judge(response);
			if (problems.length)
				throw new Error(
					`${target.name}: ${problems.join('; ')}\n${describe(request)}\n${response.body.slice(0, 600)}`
				);
		}),
		{ numRuns: runs, endOnFailure: true }
	);
	if (process.env.FUZZ_TIMES)
		console.log(
			`${target.name}: ${sent} inputs in ${((Date.now() - started) / 1000).toFixed(1)} s ${JSON.stringify(statuses)}`
		);
	return sent;
}

/** Runs `tasks` with at most `limit` at once. */
export async function pool<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
	const results: T[] = [];
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(limit, tasks.length) }, async () => {
			while (next < tasks.length) {
				const i = next++;
				results[i] = await tasks[i]();
			}
		})
	);
	return results;
}

/** Inputs per target: 1,000 in `npm test`; FUZZ_RUNS changes it for a quick local try. */
export const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
