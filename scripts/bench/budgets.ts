// The performance budgets of the README, checked against the largest size of a bench run.
import type { PageWeight, Run } from './driver.ts';
import type { SeedResult } from './seed.ts';

export interface SizeResult {
	sessions: number;
	seeded: SeedResult;
	runs: Run[];
	race: {
		p50ms: number;
		p95ms: number;
		statuses: number[];
		confirmed: number;
		waitlisted: number;
		capacity: number;
	};
	pages: PageWeight[];
	embedSnippet: { raw: number; gzip: number };
	peakRssMb: number | null;
	lighthouse: { name: string; performance: number; accessibility: number }[];
}

export interface RestResult {
	name: string;
	requestsPerSecond: number;
	p50ms: number;
	p99ms: number;
}

export interface Budget {
	budget: string;
	measured: string;
	met: boolean;
}

const KB = 1024;

/** Each budget with the figure it is judged by. */
export function checkBudgets(size: SizeResult, rest: RestResult[]): Budget[] {
	const run = (name: string, connections: number) =>
		size.runs.find((r) => r.name === name && r.connections === connections);
	const out: Budget[] = [];
	for (const name of ['home list', 'activity page']) {
		const r = run(name, 10);
		out.push({
			budget: `${name}: ≥ 200 req/s at 10 clients, p99 ≤ 100 ms`,
			measured: r ? `${r.requestsPerSecond} req/s, p99 ${r.p99ms} ms` : 'not measured',
			met: !!r && r.requestsPerSecond >= 200 && r.p99ms <= 100 && r.unexpected === 0
		});
	}
	const feed = run('iCal org, full', 1);
	out.push({
		budget: 'iCalendar feed of one organization ≤ 50 ms (p50, 1 client)',
		measured: feed ? `${feed.p50ms} ms` : 'not measured',
		met: !!feed && feed.p50ms <= 50 && feed.unexpected === 0
	});
	const n304 = run('iCal org, 304', 10);
	const bare304 = run('bare http, 304', 10);
	out.push({
		budget: '304 responses ≥ half the bare-server ceiling (10 clients)',
		measured:
			n304 && bare304
				? `${n304.requestsPerSecond} / ${bare304.requestsPerSecond} req/s = ${(n304.requestsPerSecond / bare304.requestsPerSecond).toFixed(2)}`
				: 'not measured',
		met:
			!!n304 &&
			!!bare304 &&
			n304.unexpected === 0 &&
			n304.requestsPerSecond >= bare304.requestsPerSecond / 2
	});
	for (const kind of ['simple select', 'embedded select', 'rpc']) {
		const viaRest = rest.find((r) => r.name === `REST ${kind}`);
		const direct = rest.find((r) => r.name === `SQL ${kind}`);
		const added = viaRest && direct ? viaRest.p50ms - direct.p50ms : NaN;
		out.push({
			budget: `REST layer adds ≤ 2 ms p50 (${kind})`,
			measured: Number.isNaN(added) ? 'not measured' : `+${added.toFixed(2)} ms`,
			met: added <= 2
		});
	}
	const exact = size.race.confirmed === size.race.capacity;
	out.push({
		budget: 'sign-up p95 ≤ 150 ms in the 50-way race for 5 places (exactly 5 confirmed)',
		measured: `p95 ${size.race.p95ms} ms; ${size.race.confirmed}/${size.race.capacity} places taken`,
		met: size.race.p95ms <= 150 && exact
	});
	const heaviest = [...size.pages].sort((a, b) => b.js[1] - a.js[1])[0];
	out.push({
		budget: 'public pages ≤ 15 KB gzip of JavaScript',
		measured: heaviest
			? `${(heaviest.js[1] / KB).toFixed(1)} KB (${heaviest.name}, the heaviest)`
			: 'none',
		met: !!heaviest && heaviest.js[1] <= 15 * KB
	});
	out.push({
		budget: "embed snippet ≤ 2 KB gzip (the host page's lines and /embed.js)",
		measured: `${(size.embedSnippet.gzip / KB).toFixed(2)} KB`,
		met: size.embedSnippet.gzip <= 2 * KB
	});
	out.push({
		budget: 'peak RSS of the app server ≤ 300 MB',
		measured: size.peakRssMb === null ? 'unknown' : `${size.peakRssMb} MB`,
		met: size.peakRssMb !== null && size.peakRssMb <= 300
	});
	return out;
}
