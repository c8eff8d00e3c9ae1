// The load run's visitors: a few concurrent clients (fetch, keep-alive) sending a weighted mix of
// list pages, activity pages, calendar feeds with and without If-None-Match, the JSON API, and
// sign-ups and cancellations on a few small sessions, until a deadline or a request budget ends.
import { createHmac } from 'node:crypto';
import type { SeenSignup } from './check.ts';

export interface Target {
	activityId: string;
	sessionId: string;
}

export interface TrafficOptions {
	baseUrl: string;
	/** The activities whose sessions take the sign-ups (small capacity, a waiting list). */
	popular: Target[];
	/** Other public activities to view. */
	activityIds: string[];
	/** Derives manage tokens as the app does (SAMMEN_TOKEN_SECRET, else the secret key). */
	tokenSecret: string;
	clients: number;
	until: number;
	maxRequests: number;
}

export interface TrafficResult {
	statuses: Record<string, number>;
	/** Requests that got no answer: refused or broken connections (the app was down). */
	connectionErrors: number;
	byKind: Record<string, number>;
	seen: SeenSignup[];
	requests: number;
}

const PAGES = [
	'/',
	'/?category=sport&city=Oslo',
	'/?attr=substance_free&when=week',
	'/en?mode=inperson&when=month',
	'/?q=tur',
	'/menu'
];
const FEEDS = [
	'/feeds/all.ics',
	'/feeds/category/outdoor.ics',
	'/feeds/org/ball-og-fellesskap.ics'
];
const API = [
	'/api/v1/sessions?limit=20',
	'/api/v1/sessions?category=sport&city=Oslo',
	'/api/v1/organizations',
	'/en/api/v1/sessions?when=week'
];

class ConnectionError extends Error {}

const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)];

/** Runs the clients until the deadline or the budget; every answer is counted by status. */
export async function runTraffic(options: TrafficOptions): Promise<TrafficResult> {
	const result: TrafficResult = {
		statuses: {},
		connectionErrors: 0,
		byKind: {},
		seen: [],
		requests: 0
	};
	const etags = new Map<string, string>();
	const cancellable: SeenSignup[] = [];
	const retry: { seen: SeenSignup; body: URLSearchParams; address: string }[] = [];
	let visitor = 0;

	async function send(kind: string, path: string, init: RequestInit = {}): Promise<Response> {
		result.requests++;
		result.byKind[kind] = (result.byKind[kind] ?? 0) + 1;
		let response: Response;
		try {
			response = await fetch(`${options.baseUrl}${path}`, {
				redirect: 'manual',
				signal: AbortSignal.timeout(30_000),
				...init,
				// One of a few hundred readers' addresses unless the request speaks for its own.
				headers: {
					'x-forwarded-for': `2001:db8:ff::${Math.floor(Math.random() * 400).toString(16)}`,
					...(init.headers as Record<string, string>)
				}
			});
		} catch (error) {
			result.connectionErrors++;
			throw new ConnectionError((error as Error).message);
		}
		result.statuses[response.status] = (result.statuses[response.status] ?? 0) + 1;
		return response;
	}

	const formHeaders = (address: string) => ({
		'content-type': 'application/x-www-form-urlencoded',
		origin: options.baseUrl,
		accept: 'text/html',
		'x-forwarded-for': address
	});

	/** Posts a sign-up and reads the outcome from the page; a broken connection leaves it unknown. */
	async function postSignup(seen: SeenSignup, body: URLSearchParams, address: string) {
		const target = options.popular.find((t) => t.sessionId === seen.sessionId)!;
		try {
			const response = await send('signup', `/activity/${target.activityId}?/signup`, {
				method: 'POST',
				headers: formHeaders(address),
				body
			});
			const html = await response.text();
			if (response.status === 200 && html.includes('Du er påmeldt')) seen.outcome = 'confirmed';
			else if (response.status === 200 && html.includes('Du står på ventelisten'))
				seen.outcome = 'waitlisted';
			else seen.outcome = 'refused';
			if (seen.outcome !== 'refused') cancellable.push(seen);
		} catch (error) {
			if (!(error instanceof ConnectionError)) throw error;
			seen.outcome = 'unknown';
			// A visitor whose page broke submits again: the same form, the same idempotency key.
			retry.push({ seen, body, address });
		}
	}

	async function signUp() {
		const again = retry.shift();
		if (again) return postSignup(again.seen, again.body, again.address);
		const n = ++visitor;
		const target = pick(options.popular);
		const key = crypto.randomUUID();
		const withEmail = n % 5 !== 0;
		const email = withEmail ? `load-${n}-${key.slice(0, 8)}@example.com` : null;
		const body = new URLSearchParams({
			key,
			sessionId: target.sessionId,
			name: `Last ${n}`,
			email: email ?? '',
			phone: withEmail ? '' : `+47 4${String(n).padStart(7, '0')}`,
			consent: 'yes'
		});
		const seen: SeenSignup = {
			key,
			sessionId: target.sessionId,
			email,
			outcome: 'unknown',
			cancelled: false
		};
		result.seen.push(seen);
		await postSignup(seen, body, `2001:db8:10ad::${n.toString(16)}`);
	}

	async function cancel() {
		const seen = cancellable.splice(Math.floor(Math.random() * cancellable.length), 1)[0];
		if (!seen) return signUp();
		const token = createHmac('sha256', options.tokenSecret)
			.update(`manage:${seen.key}`)
			.digest('base64url');
		try {
			const response = await send('cancel', `/signup/${token}?/cancel`, {
				method: 'POST',
				headers: formHeaders('2001:db8:c::1'),
				body: new URLSearchParams()
			});
			const html = await response.text();
			if (response.status === 200 && html.includes('Du er meldt av.')) seen.cancelled = true;
		} catch (error) {
			if (!(error instanceof ConnectionError)) throw error;
			cancellable.push(seen); // try again later
		}
	}

	async function get(kind: string, path: string) {
		const headers: Record<string, string> = {};
		const conditional = kind === 'feed' && Math.random() < 0.6 && etags.has(path);
		if (conditional) headers['if-none-match'] = etags.get(path)!;
		const response = await send(conditional ? 'feed-304' : kind, path, { headers });
		const etag = response.headers.get('etag');
		if (etag) etags.set(path, etag);
		await response.arrayBuffer();
	}

	const mix: [number, () => Promise<void>][] = [
		[18, () => get('list', pick(PAGES))],
		[16, () => get('activity', `/activity/${pick(options.activityIds)}`)],
		[16, () => get('feed', pick([...FEEDS, `/feeds/activity/${pick(options.activityIds)}.ics`]))],
		[14, () => get('api', pick([...API, `/api/v1/activities/${pick(options.activityIds)}`]))],
		[10, signUp],
		[4, cancel]
	];
	const total = mix.reduce((sum, [w]) => sum + w, 0);
	const next = () => {
		let r = Math.random() * total;
		for (const [w, run] of mix) if ((r -= w) < 0) return run;
		return mix[0][1];
	};

	async function client() {
		while (Date.now() < options.until && result.requests < options.maxRequests) {
			try {
				await next()();
			} catch (error) {
				if (!(error instanceof ConnectionError)) throw error;
				await new Promise((r) => setTimeout(r, 100)); // the app is down: do not spin
			}
		}
	}
	await Promise.all(Array.from({ length: options.clients }, client));
	// Visitors whose sign-up broke mid-way try once more now that the app is back.
	while (retry.length) await signUp();
	return result;
}
