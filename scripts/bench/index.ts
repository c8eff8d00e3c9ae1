// `npm run bench [-- --no-lighthouse] [--sizes 1000,10000] [--duration 3]`: the whole benchmark.
// Builds the app; for each size starts Postgres (throw-away folder, free ports), the local
// Supabase and the mail catcher in this process, fills the database with the generator's data
// (plan.ts, seed.ts), starts the production build in a process of its own, and drives load from
// another (driver.ts). Then the REST layer beside plain SQL (rest.ts). Prints one table with the
// budgets met or missed (budgets.ts) and saves everything to .bench/bench.json.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { startLocalSupabase, type LocalSupabase } from '../../supabase/local/stack.ts';
import { freePort } from '../../supabase/local/util/free-port.ts';
import { checkBudgets, type SizeResult } from './budgets.ts';
import type { Job, PageWeight, Run } from './driver.ts';
import { PROXY } from './proxy.ts';
import { plan } from './plan.ts';
import { printReport } from './report.ts';
import { seedPlan } from './seed.ts';

const root = new URL('../..', import.meta.url).pathname;
const APP_HEAP_MB = 128;
const { values } = parseArgs({
	options: {
		'no-lighthouse': { type: 'boolean', default: false },
		sizes: { type: 'string', default: '1000,10000' },
		duration: { type: 'string', default: '3' }
	}
});
const sizes = values.sizes.split(',').map(Number);
const duration = Number(values.duration) || 3;
const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;

function node(args: string[], env: Record<string, string> = {}): ChildProcess {
	return spawn(process.execPath, args, {
		cwd: root,
		env: { ...process.env, ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
}

/** Resolves with the first stdout line matching `pattern`; rejects if the child exits first. */
function waitFor(child: ChildProcess, pattern: RegExp, what: string): Promise<RegExpMatchArray> {
	let output = '';
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`${what} did not start:\n${output}`)), 120_000);
		const check = (chunk: Buffer) => {
			output += chunk;
			const match = pattern.exec(output);
			if (match) {
				clearTimeout(timer);
				resolve(match);
			}
		};
		child.stdout?.on('data', check);
		child.stderr?.on('data', (chunk) => (output += chunk));
		child.once('exit', (code) => reject(new Error(`${what} exited (${code}):\n${output}`)));
	});
}

async function stopChild(child: ChildProcess) {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((done) => child.once('exit', done));
	child.kill('SIGTERM');
	await Promise.race([exited, new Promise((done) => setTimeout(done, 5000))]);
	if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** The app's peak resident set (VmHWM) in MB, from /proc. */
function peakRss(pid: number): number | null {
	try {
		const kb = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
		return kb ? Math.round(Number(kb) / 1024) : null;
	} catch {
		return null;
	}
}

/** Waits until the app's start-up jobs (the session horizon for every activity) are done. */
async function settle(sql: postgres.Sql) {
	const commits = async () =>
		Number(
			(await sql`select xact_commit from pg_stat_database where datname = current_database()`)[0]
				.xact_commit
		);
	let last = await commits();
	for (let quiet = 0, i = 0; quiet < 3 && i < 240; i++) {
		await new Promise((done) => setTimeout(done, 1000));
		const now = await commits();
		quiet = now - last <= 4 ? quiet + 1 : 0;
		last = now;
	}
}

/** Ids and names the workloads need, picked from the generated data. */
async function pickTargets(sql: postgres.Sql) {
	const [activity] = await sql`select a.id from public.activities a
		join public.organizations o on o.id = a.organization_id and o.status = 'approved'
		where a.status = 'published' and a.signup_mode = 'per_session' and a.waitlist and a.rrule is not null
		order by (select count(*) from public.sessions s where s.activity_id = a.id and s.starts_at > now() + interval '2 days') desc, a.slug
		limit 1`;
	const sessions = await sql`select id from public.sessions where activity_id = ${activity.id}
		and status = 'scheduled' and starts_at > now() + interval '2 days' order by starts_at limit 20`;
	const [org] = await sql`select o.slug from public.organizations o
		where o.status = 'approved'
		order by (select count(*) from public.activities a where a.organization_id = o.id) desc, o.slug limit 1`;
	// The race: a date with no sign-ups yet, filled (through sign_up) to its last 5 places.
	const [race] =
		await sql`select s.id as session, a.id as activity, a.capacity from public.sessions s
		join public.activities a on a.id = s.activity_id
		join public.organizations o on o.id = a.organization_id and o.status = 'approved'
		where a.status = 'published' and a.signup_mode = 'per_session' and a.waitlist and a.capacity >= 10
		  and s.status = 'scheduled' and s.starts_at > now() + interval '3 days' and a.id <> ${activity.id}
		  and not exists (select 1 from private.signups x where x.session_id = s.id)
		order by s.starts_at, s.id limit 1`;
	await sql.begin(async (tx) => {
		await tx`select set_config('role', 'anon', true), set_config('request.jwt.claims', '{"role":"anon"}', true)`;
		await tx`select public.sign_up(${race.activity}, ${race.session}, 'Early ' || g, 'early-' || g || '@example.test',
			null, null, false, false, 'participant', 'bench-1', gen_random_uuid(), 'bench-early-token-' || g || '-xxxxxxxxxx')
			from generate_series(1, ${race.capacity - 5}) g`;
	});
	return {
		activityId: activity.id as string,
		sessionIds: sessions.map((s) => s.id as string),
		orgSlug: org.slug as string,
		race: {
			sessionId: race.session as string,
			activityId: race.activity as string,
			capacity: race.capacity as number
		}
	};
}

async function runSize(sessions: number, lighthouse: boolean): Promise<SizeResult> {
	console.log(`\n[${elapsed()}] ${sessions} dates: starting Postgres and the local Supabase…`);
	const dataDir = await mkdtemp(join(tmpdir(), 'sammen-bench-'));
	await chmod(dataDir, 0o755); // Postgres runs as its own user when we are root
	const appPort = await freePort();
	const base = `http://127.0.0.1:${appPort}`;
	let local: LocalSupabase | undefined;
	let app: ChildProcess | undefined;
	let bare: ChildProcess | undefined;
	let sql: postgres.Sql | undefined;
	try {
		local = await startLocalSupabase({
			workdir: root,
			dataDir,
			dbPort: await freePort(),
			apiPort: await freePort(),
			smtpPort: await freePort(),
			mailWebPort: await freePort(),
			siteUrl: base,
			seed: false
		});
		const seeded = await seedPlan(local.db.superuserUrl, plan({ sessions }), (l) => console.log(l));
		console.log(`[${elapsed()}] seeded in ${seeded.seconds} s; starting the app…`);
		sql = postgres(local.db.superuserUrl, { max: 2, onnotice: () => {} });
		// As the README advises for a small server: a heap of 128 MB. Without it V8 sizes its heap by
		// the machine's memory and collects lazily (here: 400–700 MB resident for the same work).
		app = node([`--max-old-space-size=${APP_HEAP_MB}`, join(root, 'build/index.js')], {
			PORT: String(appPort),
			HOST: '127.0.0.1',
			ORIGIN: base,
			// As the end-to-end tests run it: each request may speak for its own client address, so
			// the per-address sign-up limit counts the bench's fictional visitors one by one.
			ADDRESS_HEADER: 'x-forwarded-for',
			XFF_DEPTH: '1',
			PUBLIC_SUPABASE_URL: local.runtime.url,
			PUBLIC_SUPABASE_PUBLISHABLE_KEY: local.runtime.publishableKey,
			SUPABASE_SECRET_KEY: local.runtime.secretKey,
			SMTP_HOST: '127.0.0.1',
			SMTP_PORT: String(local.mail.smtpPort),
			PUBLIC_SITE_URL: base,
			NODE_ENV: 'production'
		});
		await waitFor(app, /Listening on/, 'the app');
		await settle(sql);
		const [{ count: after }] = await sql`select count(*)::int from public.sessions`;
		console.log(
			`[${elapsed()}] the app's horizon job is done (${after} dates; the generator made ${seeded.sessions}); measuring…`
		);
		const t = await pickTargets(sql);

		// The ceiling: the organization's feed bytes from memory.
		const feedUrl = `${base}/feeds/org/${t.orgSlug}.ics`;
		const feed = await fetch(feedUrl, { headers: PROXY });
		const feedFile = join(dataDir, 'feed.ics');
		await writeFile(feedFile, Buffer.from(await feed.arrayBuffer()));
		bare = node([join(root, 'scripts/bench/bare.ts'), feedFile, feed.headers.get('etag') ?? '"x"']);
		const barePort = (await waitFor(bare, /listening (\d+)/, 'the bare server'))[1];
		const bareUrl = `http://127.0.0.1:${barePort}/feed.ics`;

		const activityUrl = `${base}/activity/${t.activityId}`;
		const job: Job = {
			duration,
			connections: [1, 10],
			targets: [
				{ name: 'home list', url: `${base}/` },
				{ name: 'home, filters', url: `${base}/?category=outdoor&category=sport&city=Bergen` },
				{ name: 'home, search (nb)', url: `${base}/?q=samtalegrupper` },
				{ name: 'activity page', url: activityUrl },
				{ name: 'organization page', url: `${base}/org/${t.orgSlug}` },
				{ name: 'embed list', url: `${base}/embed/list?org=${t.orgSlug}` },
				{ name: 'JSON feed', url: `${base}/api/v1/sessions` },
				{ name: 'iCal org, full', url: feedUrl },
				{ name: 'iCal org, 304', url: feedUrl, conditional: true },
				{ name: 'bare http, full', url: bareUrl },
				{ name: 'bare http, 304', url: bareUrl, conditional: true },
				{
					name: 'sign-up post',
					url: `${activityUrl}?/signup`,
					signup: { sessionIds: t.sessionIds, origin: base }
				}
			],
			race: {
				url: `${base}/activity/${t.race.activityId}?/signup`,
				origin: base,
				sessionId: t.race.sessionId,
				count: 50
			},
			pages: [
				{ name: 'home', url: `${base}/` },
				{ name: 'home (en)', url: `${base}/en` },
				{ name: 'activity', url: activityUrl },
				{ name: 'organization', url: `${base}/org/${t.orgSlug}` },
				{ name: 'menu', url: `${base}/menu` },
				{ name: 'share', url: `${base}/share` },
				{ name: 'privacy', url: `${base}/privacy` },
				{ name: 'accessibility', url: `${base}/accessibility` },
				{ name: 'embed list', url: `${base}/embed/list?org=${t.orgSlug}` },
				{ name: 'embed month', url: `${base}/embed/month?org=${t.orgSlug}` }
			],
			lighthouse: lighthouse
				? [
						{ name: 'home', url: `${base}/` },
						{ name: 'activity', url: activityUrl },
						{ name: 'embed list', url: `${base}/embed/list?org=${t.orgSlug}` }
					]
				: []
		};
		const jobFile = join(dataDir, 'job.json');
		const resultFile = join(dataDir, 'result.json');
		await writeFile(jobFile, JSON.stringify(job));
		const driver = node([join(root, 'scripts/bench/driver.ts'), jobFile, resultFile]);
		let driverErr = '';
		driver.stderr?.on('data', (c) => (driverErr += c));
		const code = await new Promise((done) => driver.once('exit', done));
		if (code !== 0) throw new Error(`the load driver failed (${code}):\n${driverErr}`);
		const result = JSON.parse(await readFile(resultFile, 'utf8')) as {
			runs: Run[];
			race: { p50ms: number; p95ms: number; statuses: number[] };
			pages: PageWeight[];
			lighthouse: { name: string; performance: number; accessibility: number }[];
		};
		const [raceCount] =
			await sql`select count(*) filter (where status = 'confirmed')::int as confirmed,
			count(*) filter (where status = 'waitlisted')::int as waitlisted
			from private.signups where session_id = ${t.race.sessionId}`;
		// The embed snippet: the host page's two lines and the script they load.
		const embedJs = Buffer.from(
			await (await fetch(`${base}/embed.js`, { headers: PROXY })).arrayBuffer()
		);
		const snippet = `<div data-sammen-embed="list?org=${t.orgSlug}" data-sammen-title="Aktiviteter fra Sammen"></div>\n<script src="${base}/embed.js" async></script>`;
		const { gzipSync } = await import('node:zlib');
		return {
			sessions: after,
			seeded,
			runs: result.runs,
			race: {
				...result.race,
				confirmed: raceCount.confirmed,
				waitlisted: raceCount.waitlisted,
				capacity: t.race.capacity
			},
			pages: result.pages,
			embedSnippet: {
				raw: embedJs.length + snippet.length,
				gzip: gzipSync(embedJs).length + gzipSync(snippet).length
			},
			peakRssMb: peakRss(app.pid!),
			lighthouse: result.lighthouse
		};
	} finally {
		await sql?.end();
		if (bare) await stopChild(bare);
		if (app) await stopChild(app);
		await local?.stop();
		await rm(dataDir, { recursive: true, force: true });
	}
}

console.log(
	`Sammen bench: ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${loadavg()[0].toFixed(1)}; the app with --max-old-space-size=${APP_HEAP_MB}`
);
console.log(`[${elapsed()}] building the app…`);
const build = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build'], {
	cwd: root,
	stdio: ['ignore', 'ignore', 'inherit']
});
if (build.status !== 0) process.exit(build.status ?? 1);

const results: SizeResult[] = [];
for (const [i, size] of sizes.entries())
	results.push(await runSize(size, !values['no-lighthouse'] && i === sizes.length - 1));

console.log(`\n[${elapsed()}] the REST layer beside plain SQL (npm run bench:rest)…`);
const rest = spawnSync(process.execPath, [join(root, 'scripts/bench/rest.ts')], {
	cwd: root,
	env: { ...process.env, BENCH_REQUESTS: '2000' },
	stdio: ['ignore', 'ignore', 'inherit']
});
if (rest.status !== 0) process.exit(rest.status ?? 1);
const restResults = JSON.parse(await readFile(join(root, '.bench/rest.json'), 'utf8'));

const budgets = checkBudgets(results.at(-1)!, restResults.results);
const report = {
	at: new Date().toISOString(),
	machine: {
		cores: cpus().length,
		memoryGiB: Math.round(totalmem() / 2 ** 30),
		node: process.version,
		loadAverageAtEnd: loadavg(),
		appHeapMb: APP_HEAP_MB
	},
	durationSeconds: duration,
	sizes: results,
	rest: restResults,
	budgets,
	wallClockSeconds: Math.round((performance.now() - started) / 1000)
};
printReport(report);
await mkdir(join(root, '.bench'), { recursive: true });
await writeFile(join(root, '.bench/bench.json'), JSON.stringify(report, null, 2));
console.log(
	`\nSaved to .bench/bench.json. Wall-clock time: ${report.wallClockSeconds} s; load average at the end ${loadavg()[0].toFixed(1)} (other work on the machine slows every figure).`
);
