// The capacity rules rest on row locks in Postgres functions called over /rest/v1/rpc. This is
// the control that the runtime really runs them concurrently on real Postgres: with the lock,
// exactly one of 20 simultaneous calls takes the last seat; without it, a widened window
// between check and write overbooks (PITFALLS.md: a negative control that can show the race).
import { createClient } from '@supabase/supabase-js';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../../../tests/support/runtime.ts';

const PARALLEL = 20;
const RUNS = 10;

const fixture = `
create table public.race_sessions (id int primary key, capacity int not null);
create table public.race_signups (id bigserial primary key, session_id int not null references public.race_sessions, name text not null);
alter table public.race_sessions enable row level security;
alter table public.race_signups enable row level security;

-- With the lock: the session row is locked before seats are counted.
create function public.take_seat_locked(p_session int, p_name text) returns boolean
language plpgsql security definer set search_path = '' as $$
declare
  cap int;
  taken int;
begin
  select capacity into cap from public.race_sessions where id = p_session for update;
  select count(*) into taken from public.race_signups where session_id = p_session;
  if taken >= cap then return false; end if;
  perform pg_sleep(0.02);
  insert into public.race_signups (session_id, name) values (p_session, p_name);
  return true;
end $$;

-- Without it, and with a window between the check and the write.
create function public.take_seat_unlocked(p_session int, p_name text) returns boolean
language plpgsql security definer set search_path = '' as $$
declare
  cap int;
  taken int;
begin
  select capacity into cap from public.race_sessions where id = p_session;
  select count(*) into taken from public.race_signups where session_id = p_session;
  if taken >= cap then return false; end if;
  perform pg_sleep(0.02);
  insert into public.race_signups (session_id, name) values (p_session, p_name);
  return true;
end $$;
`;

let rt: TestRuntime;
let sql: postgres.Sql;

beforeAll(async () => {
	rt = await startTestRuntime({ setupSql: fixture });
	sql = postgres(rt.superuserUrl, { max: 2, onnotice: () => {} });
});
afterAll(async () => {
	await sql?.end();
	await rt?.stop();
});

async function race(
	fn: 'take_seat_locked' | 'take_seat_unlocked'
): Promise<{ winners: number; rows: number }> {
	await sql`truncate public.race_signups, public.race_sessions`;
	await sql`insert into public.race_sessions (id, capacity) values (1, 1)`;
	const supabase = createClient(rt.url, rt.publishableKey, { auth: { persistSession: false } });
	const results = await Promise.all(
		Array.from({ length: PARALLEL }, (_, i) => supabase.rpc(fn, { p_session: 1, p_name: `p${i}` }))
	);
	for (const r of results) expect(r.error).toBeNull();
	const [{ n }] = await sql`select count(*)::int as n from public.race_signups`;
	return { winners: results.filter((r) => r.data === true).length, rows: n };
}

describe('a seat race over /rest/v1/rpc', () => {
	it(`with a row lock: exactly one of ${PARALLEL} parallel calls wins, in each of ${RUNS} runs`, async () => {
		for (let run = 0; run < RUNS; run++) {
			expect(await race('take_seat_locked')).toEqual({ winners: 1, rows: 1 });
		}
	});

	it('without the lock, the same race overbooks in at least one run (the test can fail)', async () => {
		let worst = 0;
		for (let run = 0; run < RUNS && worst <= 1; run++) {
			const { winners, rows } = await race('take_seat_unlocked');
			expect(rows).toBe(winners);
			worst = Math.max(worst, winners);
		}
		expect(worst).toBeGreaterThan(1);
	});
});
