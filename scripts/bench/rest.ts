// `npm run bench:rest`: requests/s and p50/p99 latency of the local runtime's /rest/v1 for a
// simple select, an embedded select and an RPC, beside the same SQL sent directly with the
// `postgres` driver. A benchmark, not a test: it reports, it does not judge. Results also go to
// .bench/rest.json.
import { mkdir, writeFile } from 'node:fs/promises';
import postgres from 'postgres';
import { LOCAL_PASSWORD } from '../../supabase/local/db/embedded.ts';
import { withUser } from '../../supabase/local/db/urls.ts';
import { startRuntime } from '../../supabase/local/server.ts';
import { startThrowaway } from '../../supabase/local/throwaway.ts';

const REQUESTS = Number(process.env.BENCH_REQUESTS) || 3000;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY) || 8;
const ROWS = 1000;

const fixture = `
create table public.bench_items (id int primary key, name text not null, created_at timestamptz not null default now());
create table public.bench_tags (id serial primary key, item_id int not null references public.bench_items, label text not null);
alter table public.bench_items enable row level security;
alter table public.bench_tags enable row level security;
create policy "read" on public.bench_items for select to anon using (true);
create policy "read" on public.bench_tags for select to anon using (true);
insert into public.bench_items (id, name) select g, 'item ' || g from generate_series(1, ${ROWS}) g;
insert into public.bench_tags (item_id, label) select g, 'tag ' || t from generate_series(1, ${ROWS}) g, generate_series(1, 3) t;
create function public.bench_lookup(p_id int) returns text language sql stable as
  $$ select name from public.bench_items where id = p_id $$;
`;

interface Result {
	name: string;
	requestsPerSecond: number;
	p50ms: number;
	p99ms: number;
}

async function measure(name: string, once: (i: number) => Promise<void>): Promise<Result> {
	for (let i = 0; i < 100; i++) await once(i); // warm up
	const latencies: number[] = [];
	let next = 0;
	const started = performance.now();
	await Promise.all(
		Array.from({ length: CONCURRENCY }, async () => {
			while (next < REQUESTS) {
				const i = next++;
				const t = performance.now();
				await once(i);
				latencies.push(performance.now() - t);
			}
		})
	);
	const seconds = (performance.now() - started) / 1000;
	latencies.sort((a, b) => a - b);
	const pct = (p: number) =>
		latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))];
	return {
		name,
		requestsPerSecond: Math.round(REQUESTS / seconds),
		p50ms: Number(pct(0.5).toFixed(2)),
		p99ms: Number(pct(0.99).toFixed(2))
	};
}

const workdir = new URL('../..', import.meta.url).pathname;
const cluster = await startThrowaway({ workdir, database: 'sammen_bench', seed: false });
const setup = postgres(cluster.postgresUrl, { max: 1, onnotice: () => {} });
await setup.unsafe(fixture);
await setup.end();
const runtime = await startRuntime({
	authenticatorUrl: withUser(cluster.postgresUrl, 'authenticator', LOCAL_PASSWORD),
	rest: { schemas: ['public'], extraSearchPath: ['public', 'extensions'], maxRows: 1000 },
	port: 0
});
const direct = postgres(withUser(cluster.postgresUrl, 'authenticator', LOCAL_PASSWORD), {
	max: CONCURRENCY
});
const headers = { apikey: runtime.publishableKey, 'content-type': 'application/json' };
const id = (i: number) => (i % ROWS) + 1;
const get = async (path: string) => {
	const res = await fetch(`${runtime.url}/rest/v1/${path}`, { headers });
	if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
	await res.arrayBuffer();
};
/** The same work as one REST request: a transaction as anon with the claims set. */
const asAnon = (query: (tx: postgres.TransactionSql) => Promise<unknown>) =>
	direct.begin('read only', async (tx) => {
		await tx`select set_config('role', 'anon', true), set_config('request.jwt.claims', '{"role":"anon"}', true)`;
		await query(tx);
	});

const results: Result[] = [];
try {
	results.push(
		await measure('REST simple select', (i) => get(`bench_items?select=id,name&id=eq.${id(i)}`))
	);
	results.push(
		await measure('SQL simple select', (i) =>
			asAnon(
				(tx) =>
					tx`select coalesce(json_agg(r), '[]')::text from (select id, name from public.bench_items where id = ${id(i)}) r`
			)
		)
	);
	results.push(
		await measure('REST embedded select', (i) =>
			get(`bench_items?select=id,name,bench_tags(label)&id=eq.${id(i)}`)
		)
	);
	results.push(
		await measure('SQL embedded select', (i) =>
			asAnon(
				(tx) => tx`select coalesce(json_agg(r), '[]')::text from (select i.id, i.name,
					coalesce((select json_agg(t) from (select label from public.bench_tags t where t.item_id = i.id) t), '[]') as bench_tags
					from public.bench_items i where i.id = ${id(i)}) r`
			)
		)
	);
	results.push(
		await measure('REST rpc', async (i) => {
			const res = await fetch(`${runtime.url}/rest/v1/rpc/bench_lookup`, {
				method: 'POST',
				headers,
				body: JSON.stringify({ p_id: id(i) })
			});
			if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
			await res.arrayBuffer();
		})
	);
	results.push(
		await measure('SQL rpc', (i) =>
			asAnon((tx) => tx`select to_json(public.bench_lookup(${id(i)}))::text`)
		)
	);
} finally {
	await direct.end();
	await runtime.stop();
	await cluster.dispose();
}

console.log(
	`\n${REQUESTS} requests each, ${CONCURRENCY} at a time, on ${process.platform}/${process.arch}, Node ${process.version}\n`
);
console.log(
	'workload'.padEnd(24) + 'req/s'.padStart(8) + 'p50 ms'.padStart(9) + 'p99 ms'.padStart(9)
);
for (const r of results) {
	console.log(
		r.name.padEnd(24) +
			String(r.requestsPerSecond).padStart(8) +
			String(r.p50ms).padStart(9) +
			String(r.p99ms).padStart(9)
	);
}
await mkdir(new URL('../../.bench/', import.meta.url), { recursive: true });
await writeFile(
	new URL('../../.bench/rest.json', import.meta.url),
	JSON.stringify(
		{ at: new Date().toISOString(), requests: REQUESTS, concurrency: CONCURRENCY, results },
		null,
		2
	)
);
