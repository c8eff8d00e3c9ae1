import { building } from '$app/environment';
import { env } from '$env/dynamic/private';
import * as activities from './activities';
import { adminClient } from './supabase-admin';

const SIX_HOURS = 6 * 3600_000;

/** Keeps sessions generated about six months ahead: now, and every six hours. */
export function startHorizonExtender(): ReturnType<typeof setInterval> | undefined {
	if (building || !env.SUPABASE_SECRET_KEY) return undefined;
	const run = () =>
		// The secret key: the job works for every organization, not for one signed-in organizer.
		activities
			.extendHorizons(adminClient())
			.catch((error) => console.error('horizons: could not extend', (error as Error).message));
	setTimeout(run, 5_000).unref();
	const timer = setInterval(run, SIX_HOURS);
	timer.unref();
	return timer;
}
