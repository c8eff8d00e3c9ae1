import type { SupabaseClient } from '@supabase/supabase-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Database } from '$lib/database.types';
import { JOBS, PURGE_INTERVAL_MS, REMINDER_INTERVAL_MS, scheduleSignupJobs } from './signup-jobs';

type Result = { data: unknown; error: { code: string; message: string } | null };

/** A client whose rpc records each call and answers with `answer` (a promise it can hold). */
function fakeClient(answer: (fn: string) => Promise<Result> = async () => ({ data: 0, error: null })) {
	const calls: string[] = [];
	const supabase = {
		rpc: (fn: string) => {
			calls.push(fn);
			return answer(fn);
		}
	} as unknown as SupabaseClient<Database>;
	return { supabase, calls };
}
const count = (calls: string[], fn: string) => calls.filter((c) => c === fn).length;

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('scheduleSignupJobs', () => {
	it('queues reminders every 5 minutes and purges every hour', async () => {
		expect(JOBS.map((j) => [j.fn, j.everyMs])).toEqual([
			['queue_reminders', 5 * 60_000],
			['purge_signups', 60 * 60_000]
		]);
		const { supabase, calls } = fakeClient();
		const jobs = scheduleSignupJobs({ supabase });
		expect(calls).toEqual([]);
		await vi.advanceTimersByTimeAsync(20_000);
		expect(calls).toEqual(['queue_reminders', 'purge_signups']);
		await vi.advanceTimersByTimeAsync(PURGE_INTERVAL_MS);
		expect(count(calls, 'queue_reminders')).toBe(1 + PURGE_INTERVAL_MS / REMINDER_INTERVAL_MS);
		expect(count(calls, 'purge_signups')).toBe(2);
		await jobs.stop();
	});

	it('stop() ends both jobs and waits for a run in progress', async () => {
		let release!: () => void;
		const held = new Promise<Result>((done) => (release = () => done({ data: 0, error: null })));
		const { supabase, calls } = fakeClient(() => held);
		const jobs = scheduleSignupJobs({ supabase });
		await vi.advanceTimersByTimeAsync(10_000);
		expect(calls).toEqual(['queue_reminders']);
		let stopped = false;
		const stopping = jobs.stop().then(() => (stopped = true));
		await vi.advanceTimersByTimeAsync(0);
		expect(stopped).toBe(false);
		release();
		await stopping;
		await vi.advanceTimersByTimeAsync(2 * PURGE_INTERVAL_MS);
		expect(calls).toEqual(['queue_reminders']);
	});

	it('never overlaps a slow run with the next one of the same job', async () => {
		let release!: () => void;
		const { supabase, calls } = fakeClient(
			(fn) =>
				new Promise((done) => {
					if (fn === 'queue_reminders' && !release) release = () => done({ data: 0, error: null });
					else done({ data: 0, error: null });
				})
		);
		const jobs = scheduleSignupJobs({ supabase, jobs: [JOBS[0]] });
		await vi.advanceTimersByTimeAsync(10_000 + 3 * REMINDER_INTERVAL_MS);
		expect(calls).toEqual(['queue_reminders']);
		release();
		await vi.advanceTimersByTimeAsync(REMINDER_INTERVAL_MS);
		expect(calls).toEqual(['queue_reminders', 'queue_reminders']);
		await jobs.stop();
	});

	it('logs a failure by code only and tries again at the next tick', async () => {
		let n = 0;
		const { supabase, calls } = fakeClient(async () => {
			if (++n === 1) return { data: null, error: { code: '42501', message: 'permission denied' } };
			if (n === 2) throw new TypeError('fetch failed for ola@example.com');
			return { data: 3, error: null };
		});
		const logs: string[] = [];
		const jobs = scheduleSignupJobs({ supabase, jobs: [JOBS[0]], log: (l) => logs.push(l) });
		await vi.advanceTimersByTimeAsync(10_000 + 2 * REMINDER_INTERVAL_MS);
		expect(calls).toHaveLength(3);
		expect(logs).toEqual([
			'signup-jobs: queue_reminders failed (42501)',
			'signup-jobs: queue_reminders failed (TypeError)'
		]);
		await jobs.stop();
	});
});
