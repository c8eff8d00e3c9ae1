// The bench's one table: every workload at each size side by side, then pages, the race, RSS,
// Lighthouse, the REST layer and the budgets.
import type { Budget, RestResult, SizeResult } from './budgets.ts';

interface Report {
	sizes: SizeResult[];
	rest: { results: RestResult[]; concurrency: number };
	budgets: Budget[];
	durationSeconds: number;
}

const pad = (s: string | number, n: number) => String(s).padStart(n);
const kb = (bytes: number) => (bytes / 1024).toFixed(1);

export function printReport(report: Report) {
	const { sizes } = report;
	const heads = sizes.map((s) => `${s.sessions} dates`);
	console.log(
		`\nThroughput and latency (${report.durationSeconds} s per run; uncompressed responses, as adapter-node sends them)`
	);
	console.log(
		'workload'.padEnd(22) +
			'clients'.padStart(8) +
			heads.map((h) => pad(h, 26)).join('') +
			'\n' +
			''.padEnd(30) +
			sizes.map(() => pad('req/s  p50 ms  p99 ms', 26)).join('')
	);
	for (const run of sizes[0].runs) {
		const cells = sizes.map((s) => {
			const r = s.runs.find((x) => x.name === run.name && x.connections === run.connections);
			if (!r) return pad('-', 26);
			if (r.requests === 0) return pad('no answer within the run', 26);
			const flag = r.unexpected ? ` !${r.unexpected}` : '';
			return pad(`${r.requestsPerSecond} ${pad(r.p50ms, 7)} ${pad(r.p99ms, 7)}${flag}`, 26);
		});
		console.log(run.name.padEnd(22) + pad(run.connections, 8) + cells.join(''));
	}
	const bare = (s: SizeResult, name: string) =>
		s.runs.find((r) => r.name === name && r.connections === 10)?.requestsPerSecond ?? 0;
	for (const [app, ceiling] of [
		['iCal org, full', 'bare http, full'],
		['iCal org, 304', 'bare http, 304']
	])
		console.log(
			`${app} / ${ceiling} at 10 clients: ` +
				sizes.map((s) => `${(bare(s, app) / Math.max(1, bare(s, ceiling))).toFixed(2)}`).join(' → ')
		);

	console.log('\nSign-up race: 50 posts at once for the last 5 places');
	for (const s of sizes)
		console.log(
			`  ${s.sessions} dates: p50 ${s.race.p50ms} ms, p95 ${s.race.p95ms} ms; confirmed ${s.race.confirmed} of ${s.race.capacity} places, waitlisted ${s.race.waitlisted}; statuses ${summarize(s.race.statuses)}`
		);

	console.log('\nPage weight, KB raw / gzip (HTML, the JavaScript and CSS it loads)');
	console.log(
		'page'.padEnd(16) +
			sizes.map((s) => pad(`${s.sessions} dates: HTML      JS     CSS`, 44)).join('')
	);
	for (const page of sizes[0].pages) {
		const cells = sizes.map((s) => {
			const p = s.pages.find((x) => x.name === page.name);
			if (!p) return pad('-', 44);
			return pad(
				`${kb(p.html[0])}/${kb(p.html[1])}  ${kb(p.js[0])}/${kb(p.js[1])}  ${kb(p.css[0])}/${kb(p.css[1])}`,
				44
			);
		});
		console.log(page.name.padEnd(16) + cells.join(''));
	}
	console.log(
		`embed snippet (lines + /embed.js): ${sizes.map((s) => `${s.embedSnippet.raw} B raw, ${s.embedSnippet.gzip} B gzip`).join(' | ')}`
	);
	console.log(`peak RSS of the app server: ${sizes.map((s) => `${s.peakRssMb} MB`).join(' → ')}`);
	for (const s of sizes)
		if (s.lighthouse.length)
			console.log(
				`Lighthouse at ${s.sessions} dates (performance / accessibility): ` +
					s.lighthouse.map((l) => `${l.name} ${l.performance}/${l.accessibility}`).join(', ')
			);

	console.log(`\nREST layer beside the same SQL (${report.rest.concurrency} at a time)`);
	for (const r of report.rest.results)
		console.log(
			`  ${r.name.padEnd(22)}${pad(r.requestsPerSecond, 7)} req/s  p50 ${pad(r.p50ms, 6)} ms  p99 ${pad(r.p99ms, 6)} ms`
		);

	console.log(`\nBudgets (at ${sizes.at(-1)!.sessions} dates)`);
	for (const b of report.budgets)
		console.log(`  ${b.met ? 'met   ' : 'MISSED'}  ${b.budget}: ${b.measured}`);
}

function summarize(statuses: number[]) {
	const counts = new Map<number, number>();
	for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
	return [...counts].map(([s, n]) => `${n}×${s}`).join(', ');
}
