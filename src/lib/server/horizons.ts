import { building } from '$app/environment';
import { env } from '$env/dynamic/private';
import * as activities from './activities';
import { adminClient } from './supabase-admin';

const SIX_HOURS = 6 * 3600_000;
const RETRY = 5_000;

/**
 * Keeps sessions generated about six months ahead: at once when the server starts (so
 * activities without dates yet, like the demo data on a first start, get them within a second
 * or two), again after a few seconds if that failed, and then every six hours.
 */
export function startHorizonExtender(): ReturnType<typeof setInterval> | undefined {
	if (building || !env.SUPABASE_SECRET_KEY) return undefined;
	const run = () =>
		// The secret key: the job works for every organization, not for one signed-in organizer.
		activities.extendHorizons(adminClient()).then(
			() => true,
			(error) => {
				console.error('horizons: could not extend', (error as Error).message);
				return false;
			}
		);
	setTimeout(async () => {
		if (!(await run())) setTimeout(run, RETRY).unref();
	}, 0).unref();
	const timer = setInterval(run, SIX_HOURS);
	timer.unref();
	return timer;
}
