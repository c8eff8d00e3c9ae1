// `npm run test:load`: 60 seconds of mixed traffic against the production build on 127.0.0.1,
// with the app server killed (SIGKILL) and started again halfway. Then: no 5xx, no session over
// capacity, no sign-up lost, no cancellation undone, and every e-mail queued once and sent once
// (scripts/load/check.ts). Prints a summary and writes .test-results/load.json. Needs `npm run
// build` first (npm test builds before it runs this).
//
// SAMMEN_LOAD_SECONDS shortens the run (default 60); SAMMEN_LOAD_BREAK=1 is the negative control:
// behind the app's back it confirms a cancelled sign-up again, deletes a waitlisted one and marks
// a sent mail unsent, and the run must then fail.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import postgres from 'postgres';
import { findLeaks } from '../lib/log-leaks.ts';
import { checkRun, inFlightAtKill, type OutboxRow } from './check.ts';
import { startLoadStack } from './stack.ts';
import { runTraffic, type Target } from './traffic.ts';

const root = new URL('../..', import.meta.url).pathname;
const SECONDS = Number(process.env.SAMMEN_LOAD_SECONDS) || 60;
const BREAK = process.env.SAMMEN_LOAD_BREAK === '1';
const CLIENTS = 6;
const MAX_REQUESTS = 20_000;
/** `outbox_claim`'s lease: a row's claim began this long before its `locked_until`. */
const LEASE = '2 minutes';
const started = Date.now();

if (!existsSync(join(root, 'build/index.js'))) {
	console.error('test:load: no build/ — run `npm run build` first.');
	process.exit(1);
}

const stack = await startLoadStack();
const sql = postgres(stack.databaseUrl, { max: 4, onnotice: () => {} });
// The catcher keeps its newest 1000 messages; count every one that arrives.
const caughtMessageIds: string[] = [];
const store = stack.local.mail.store;
const add = store.add.bind(store);
store.add = (message) => {
	const id = message.headers.find((h) => h.name.toLowerCase() === 'message-id')?.value;
	caughtMessageIds.push(id ?? '(none)');
	add(message);
};

let problems: string[] = [];
let summary: Record<string, unknown> = {};
try {
	const popular = await popularSessions();
	const activityIds = (
		await sql`select id from public.activities where status = 'published' order by id`
	).map((r) => r.id as string);

	const until = Date.now() + SECONDS * 1000;
	const killAt = Date.now() + (SECONDS * 1000) / 2;
	let restartedIn = 0;
	// The database's clock when the killed server was gone: a row claimed before it (its lease
	// began before) was the killed server's; any row claimed after it is the new server's.
	let killedAt = '';
	const restart = (async () => {
		await new Promise((r) => setTimeout(r, killAt - Date.now()));
		await stack.killApp();
		[{ killedAt }] = await sql`select now()::text as "killedAt"`;
		const down = Date.now();
		await stack.startApp();
		restartedIn = Date.now() - down;
	})();
	const traffic = await runTraffic({
		baseUrl: stack.baseUrl,
		popular,
		activityIds,
		tokenSecret: stack.local.runtime.secretKey,
		clients: CLIENTS,
		until,
		maxRequests: MAX_REQUESTS
	});
	await restart;

	if (BREAK) await breakPromises();
	const drained = await outboxDrained(killedAt, 90_000);
	const data = await readState(popular, killedAt);
	const run = {
		...data,
		statuses: traffic.statuses,
		seen: traffic.seen,
		caughtMessageIds,
		kills: 1
	};
	problems = checkRun(run);
	if (!drained) problems.push('the outbox did not drain within 90 s');
	// The server's own output holds no one's address, name or token (as in the e2e run).
	const leaks = findLeaks(
		stack.appOutput(),
		traffic.seen.flatMap((s) => (s.email ? [{ kind: 'sign-up e-mail', value: s.email }] : []))
	);
	for (const l of leaks) problems.push(`app output line ${l.line}: ${l.kind} ${l.masked}`);

	const outcomes = count(traffic.seen.map((s) => s.outcome));
	summary = {
		seconds: SECONDS,
		clients: CLIENTS,
		requests: traffic.requests,
		perSecond: Math.round(traffic.requests / SECONDS),
		statuses: traffic.statuses,
		connectionErrors: traffic.connectionErrors,
		byKind: traffic.byKind,
		signups: outcomes,
		cancelled: traffic.seen.filter((s) => s.cancelled).length,
		sessions: data.sessions.map((s) => `${s.confirmed}/${s.capacity}`),
		outbox: {
			rows: data.outbox.length,
			// Claimed by the killed server: sent once its lease ends.
			leasedByKilledServer: data.outbox.filter((r) => r.inDoubt).length,
			// Of those, sent but not marked when it died: will go again (same Message-ID).
			inFlightAtKill: inFlightAtKill(run)
		},
		mailsCaught: caughtMessageIds.length,
		appRestartMs: restartedIn,
		problems
	};
} catch (error) {
	problems.push(`the run failed: ${(error as Error).stack ?? error}`);
} finally {
	await sql.end();
	await stack.stop();
}

summary.totalSeconds = Math.round((Date.now() - started) / 1000);
await mkdir(join(root, '.test-results'), { recursive: true });
await writeFile(join(root, '.test-results/load.json'), JSON.stringify(summary, null, 2));
await writeFile(join(root, '.test-results/load-app.log'), stack.appOutput());
console.log(JSON.stringify({ ...summary, problems: undefined }, null, 1));
if (problems.length) {
	console.error(`\nload: ${problems.length} problems\n  ${problems.slice(0, 30).join('\n  ')}`);
	process.exit(1);
}
console.log(`\nload: every promise held (${summary.totalSeconds} s in all)`);

/** Three activities of the run's own, each with one date a week ahead: 3, 5 and 8 places. */
async function popularSessions(): Promise<Target[]> {
	const [org] = await sql`
		insert into public.organizations (slug, name, kind, status, approved_at)
		values ('lastprove', 'Lastprøven', 'ngo', 'approved', now()) returning id`;
	const targets: Target[] = [];
	for (const capacity of [3, 5, 8]) {
		const [a] = await sql`
			insert into public.activities (organization_id, slug, title, category, venue, city, first_date,
				start_time, duration_minutes, status, published_at, capacity, waitlist, signup_mode)
			values (${org.id}, ${`populaer-${capacity}`}, ${`Populær middag ${capacity}`}, 'social_meals',
				'Frivilligsentralen', 'Oslo', current_date + 7, '17:00', 90, 'published', now(), ${capacity},
				true, 'per_session')
			returning id`;
		const [s] = await sql`
			insert into public.sessions (activity_id, occurrence_date, starts_at, ends_at)
			values (${a.id}, current_date + 7, ((current_date + 7) + time '17:00') at time zone 'Europe/Oslo',
				((current_date + 7) + time '18:30') at time zone 'Europe/Oslo')
			returning id`;
		targets.push({ activityId: a.id, sessionId: s.id });
	}
	return targets;
}

/**
 * Waits until every e-mail is sent, except those the killed server had claimed (they wait for
 * their lease). A row the living server is sending now is waited for too: read in the middle of
 * its batch, a mail already caught but not yet marked would look like one lost in the kill.
 */
async function outboxDrained(killedAt: string, timeoutMs: number): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const [{ due }] = await sql`
			select count(*)::int as due from private.outbox
			where sent_at is null
				and not (locked_until > now() and locked_until - ${LEASE}::interval <= ${killedAt}::timestamptz)`;
		if (due === 0) return true;
		if (Date.now() > deadline) return false;
		await new Promise((r) => setTimeout(r, 500));
	}
}

async function readState(popular: Target[], killedAt: string) {
	const ids = popular.map((p) => p.sessionId);
	const signups = (
		await sql`
			select idempotency_key::text as key, session_id::text as "sessionId", status::text
			from private.signups where session_id = any(${ids}::uuid[])`
	).map((r) => ({
		key: r.key as string,
		sessionId: r.sessionId as string,
		status: r.status as string
	}));
	const sessions = (
		await sql`
			select s.id::text, a.capacity,
				(select count(*)::int from private.signups x
					where x.session_id = s.id and x.role = 'participant' and x.status in ('confirmed', 'attended')) as confirmed
			from public.sessions s join public.activities a on a.id = s.activity_id
			where s.id = any(${ids}::uuid[])`
	).map((r) => ({
		id: r.id as string,
		capacity: r.capacity as number,
		confirmed: r.confirmed as number
	}));
	const outbox: OutboxRow[] = (
		await sql`
			select id::text, template, to_email, sent_at is not null as sent,
				(sent_at is null and locked_until > now()
					and locked_until - ${LEASE}::interval <= ${killedAt}::timestamptz) as "inDoubt"
			from private.outbox`
	).map((r) => ({
		id: r.id as string,
		template: r.template as string,
		toEmail: r.to_email as string,
		sent: r.sent as boolean,
		inDoubt: r.inDoubt as boolean
	}));
	return { signups, sessions, outbox };
}

/** The negative control: three broken promises the checks must catch. */
async function breakPromises() {
	// A cancelled place confirmed again, a place lost, and a sent mail unsent.
	await sql`
		update private.signups set status = 'confirmed', cancelled_at = null
		where id = (select id from private.signups where status = 'cancelled' order by seq limit 1)`;
	await sql`
		delete from private.signups
		where id = (select id from private.signups where status = 'waitlisted' order by seq limit 1)`;
	await sql`
		update private.outbox set sent_at = null, locked_until = null, next_attempt_at = now() + interval '1 day'
		where id = (select id from private.outbox where sent_at is not null order by id limit 1)`;
}

function count(values: string[]): Record<string, number> {
	const out: Record<string, number> = {};
	for (const v of values) out[v] = (out[v] ?? 0) + 1;
	return out;
}
