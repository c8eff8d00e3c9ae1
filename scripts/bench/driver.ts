// The bench's load driver, in its own process so that it never shares an event loop with the app
// or the local Supabase: autocannon runs (bounded in time and count, 127.0.0.1 only), the
// 50-way sign-up race, page weights and Lighthouse. `node scripts/bench/driver.ts <job.json>
// <result.json>`; index.ts writes the job and reads the result.
import { readFile, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { PROXY } from './proxy.ts';

export interface Target {
	name: string;
	url: string;
	/** Send If-None-Match with the ETag of a first GET (expects 304). */
	conditional?: boolean;
	/** A sign-up form post to this action URL, each with its own address and e-mail. */
	signup?: { sessionIds: string[]; origin: string };
}

export interface Job {
	duration: number;
	connections: number[];
	targets: Target[];
	race: { url: string; origin: string; sessionId: string; count: number } | null;
	pages: { name: string; url: string }[];
	lighthouse: { name: string; url: string }[];
}

export interface Run {
	name: string;
	connections: number;
	requestsPerSecond: number;
	p50ms: number;
	p99ms: number;
	requests: number;
	/** Responses with another status than expected (200, or 304 for a conditional GET). */
	unexpected: number;
	bytesPerResponse: number;
}

export interface PageWeight {
	name: string;
	html: [number, number];
	js: [number, number];
	css: [number, number];
}

let counter = 0;
/** A distinct client address and e-mail per sign-up: the limits count per address and e-mail. */
function signupBody(sessionIds: string[]) {
	const n = ++counter;
	const body = new URLSearchParams({
		name: `Last ${n}`,
		email: `last-${process.pid}-${n}@example.test`,
		consent: 'yes',
		role: 'participant',
		sessionId: sessionIds[n % sessionIds.length],
		key: crypto.randomUUID()
	}).toString();
	const address = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
	return { body, address };
}

async function measure(target: Target, connections: number, duration: number): Promise<Run> {
	const headers: Record<string, string> = { ...PROXY, accept: 'text/html,application/json,*/*' };
	let expected = 200;
	if (target.conditional) {
		const first = await fetch(target.url, { headers: PROXY });
		await first.arrayBuffer();
		headers['if-none-match'] = first.headers.get('etag') ?? 'missing';
		expected = 304;
	}
	const options: autocannon.Options = {
		url: target.url,
		connections,
		duration,
		maxOverallRequests: 30_000,
		headers
	};
	if (target.signup) {
		const { sessionIds, origin } = target.signup;
		options.requests = [
			{
				method: 'POST',
				setupRequest: (request) => {
					const { body, address } = signupBody(sessionIds);
					return {
						...request,
						body,
						headers: {
							...headers,
							origin,
							'content-type': 'application/x-www-form-urlencoded',
							'x-forwarded-for': address
						}
					};
				}
			}
		];
	}
	const result = await autocannon(options);
	const ok = Number(result.statusCodeStats?.[`${expected}`]?.count ?? 0);
	return {
		name: target.name,
		connections,
		requestsPerSecond: Math.round(result.requests.average),
		p50ms: result.latency.p50,
		p99ms: result.latency.p99,
		requests: result.requests.total,
		unexpected: result.requests.total - ok + result.errors + result.timeouts,
		bytesPerResponse: result.requests.total
			? Math.round(result.throughput.total / result.requests.total)
			: 0
	};
}

/** 50 sign-ups for the same last places at once, each timed from send to answer. */
async function race(r: NonNullable<Job['race']>) {
	const times: number[] = [];
	const statuses: number[] = [];
	await Promise.all(
		Array.from({ length: r.count }, async () => {
			const { body, address } = signupBody([r.sessionId]);
			const started = performance.now();
			const response = await fetch(r.url, {
				method: 'POST',
				body,
				headers: {
					origin: r.origin,
					'content-type': 'application/x-www-form-urlencoded',
					'x-forwarded-for': address
				},
				redirect: 'manual'
			});
			await response.arrayBuffer();
			times.push(performance.now() - started);
			statuses.push(response.status);
		})
	);
	times.sort((a, b) => a - b);
	const at = (p: number) =>
		Number(times[Math.min(times.length - 1, Math.floor(times.length * p))].toFixed(1));
	return { p50ms: at(0.5), p95ms: at(0.95), statuses };
}

const size = (bytes: Buffer): [number, number] => [bytes.length, gzipSync(bytes).length];

/** HTML, and the JavaScript and CSS it loads (scripts, module preloads, style sheets). */
async function weigh(page: { name: string; url: string }): Promise<PageWeight> {
	const html = Buffer.from(await (await fetch(page.url, { headers: PROXY })).arrayBuffer());
	const text = html.toString();
	const links = [...text.matchAll(/<(script|link)\b[^>]*>/g)].map((m) => m[0]);
	const js = new Set<string>();
	const css = new Set<string>();
	for (const tag of links) {
		const src = /\b(?:src|href)="([^"]+)"/.exec(tag)?.[1];
		if (!src) continue;
		if (tag.startsWith('<script') || /rel="modulepreload"/.test(tag)) js.add(src);
		else if (/rel="stylesheet"/.test(tag)) css.add(src);
	}
	const sum = async (urls: Set<string>): Promise<[number, number]> => {
		let raw = 0;
		let gz = 0;
		for (const u of urls) {
			const [r, g] = size(
				Buffer.from(await (await fetch(new URL(u, page.url), { headers: PROXY })).arrayBuffer())
			);
			raw += r;
			gz += g;
		}
		return [raw, gz];
	};
	return { name: page.name, html: size(html), js: await sum(js), css: await sum(css) };
}

async function lighthouse(pages: Job['lighthouse']) {
	if (!pages.length) return [];
	const { default: run } = await import('lighthouse');
	const chromeLauncher = await import('chrome-launcher');
	const chrome = await chromeLauncher.launch({
		chromePath: process.env.CHROME_PATH || '/usr/bin/chromium',
		chromeFlags: [
			'--headless=new',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking'
		]
	});
	const scores = [];
	try {
		for (const page of pages) {
			const result = await run(page.url, {
				port: chrome.port,
				onlyCategories: ['performance', 'accessibility'],
				output: 'json',
				logLevel: 'error',
				extraHeaders: PROXY
			});
			const categories = result?.lhr.categories;
			scores.push({
				name: page.name,
				performance: Math.round((categories?.performance?.score ?? 0) * 100),
				accessibility: Math.round((categories?.accessibility?.score ?? 0) * 100)
			});
		}
	} finally {
		chrome.kill();
	}
	return scores;
}

const [jobFile, resultFile] = process.argv.slice(2);
const job = JSON.parse(await readFile(jobFile, 'utf8')) as Job;
const runs: Run[] = [];
for (const target of job.targets) {
	// Warm up (JIT, connection pools, caches), then measure at each concurrency.
	await measure(target, 2, 1);
	for (const connections of job.connections)
		runs.push(await measure(target, connections, job.duration));
}
const raced = job.race ? await race(job.race) : null;
const pages: PageWeight[] = [];
for (const page of job.pages) pages.push(await weigh(page));
const scores = await lighthouse(job.lighthouse);
await writeFile(resultFile, JSON.stringify({ runs, race: raced, pages, lighthouse: scores }));
