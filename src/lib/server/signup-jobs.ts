import type { SupabaseClient } from '@supabase/supabase-js';
import { building } from '$app/environment';
import { env } from '$env/dynamic/private';
import type { Database } from '$lib/database.types';
import { adminClient } from './supabase-admin';

export const REMINDER_INTERVAL_MS = 5 * 60_000;
export const PURGE_INTERVAL_MS = 60 * 60_000;

/** A repeating job: its database function, how often, and how soon after start. */
interface Job {
	fn: 'queue_reminders' | 'purge_signups';
	everyMs: number;
	firstAfterMs: number;
}

export const JOBS: Job[] = [
	// Reminders go 24 hours ahead: every five minutes keeps them on time within minutes.
	{ fn: 'queue_reminders', everyMs: REMINDER_INTERVAL_MS, firstAfterMs: 10_000 },
	// Retention is counted in days; an hour late is soon enough. Both are idempotent, so
	// several app instances running them at once do no harm.
	{ fn: 'purge_signups', everyMs: PURGE_INTERVAL_MS, firstAfterMs: 20_000 }
];

export interface SignupJobsOptions {
	/** A service-role client: both functions are granted to `service_role` only. */
	supabase: SupabaseClient<Database>;
	jobs?: Job[];
	log?: (line: string) => void;
}

/**
 * Runs each job soon after start and then at its interval; a run never overlaps the previous
 * one of the same job, and a failure is logged (code only) and retried at the next tick.
 */
export function scheduleSignupJobs(options: SignupJobsOptions): { stop(): Promise<void> } {
	const { supabase, jobs = JOBS } = options;
	const log = options.log ?? ((line: string) => console.warn(line));
	let stopped = false;
	const timers = new Set<ReturnType<typeof setTimeout>>();
	const running = new Set<Promise<void>>();

	const schedule = (job: Job, delay: number) => {
		const timer = setTimeout(() => {
			timers.delete(timer);
			const run = (async () => {
				try {
					const { error } = await supabase.rpc(job.fn, {});
					// The error's code and message are Supabase's, about the call; no row's data.
					if (error) log(`signup-jobs: ${job.fn} failed (${error.code ?? 'error'})`);
				} catch (error) {
					log(`signup-jobs: ${job.fn} failed (${(error as Error).name})`);
				}
			})();
			running.add(run);
			void run.finally(() => {
				running.delete(run);
				if (!stopped) schedule(job, job.everyMs);
			});
		}, delay);
		// The jobs alone must not keep the process alive at shutdown.
		timer.unref?.();
		timers.add(timer);
	};
	for (const job of jobs) schedule(job, job.firstAfterMs);

	return {
		async stop() {
			stopped = true;
			for (const timer of timers) clearTimeout(timer);
			timers.clear();
			await Promise.all(running);
		}
	};
}

/**
 * Starts the reminder and purge jobs (call from `init` in hooks.server.ts). Without the secret
 * key it does nothing: pg_cron or another instance may run them instead.
 */
export function startSignupJobs(): { stop(): Promise<void> } {
	if (building || !env.SUPABASE_SECRET_KEY) return { stop: async () => {} };
	// The secret key: the jobs act on every organization's sign-ups, for no signed-in user.
	return scheduleSignupJobs({ supabase: adminClient() });
}
