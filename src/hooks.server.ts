import type { HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { locale } from '$lib/server/hooks/locale';
import { startOutbox } from '$lib/server/outbox';
import { startHorizonExtender } from '$lib/server/horizons';
import { startSignupJobs } from '$lib/server/signup-jobs';
import { guard } from '$lib/server/hooks/guard';
import { securityHeaders } from '$lib/server/hooks/security-headers';
import { session } from '$lib/server/hooks/session';
import { supabase } from '$lib/server/hooks/supabase';

export const handle = sequence(supabase, session, locale, guard, securityHeaders);

/**
 * Unexpected errors: log the error (never the request body, which may hold personal data) and
 * show the visitor only a translated, generic message (the error page picks it by status). The
 * route, not the path: a manage or invitation link's path is its token. SvelteKit's own 4xx (a
 * form posted as JSON: 415, a method a route lacks: 405) are the sender's mistakes, not ours:
 * logging each with its stack let any visitor fill the log.
 */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (status >= 500)
		console.error(`[${status}] ${event.request.method} ${event.route.id ?? '(no route)'}`, error);
	return { message };
};

/**
 * Starts the server's jobs: the outbox sender (e-mails written with their change are delivered
 * with retries), the session horizon, and the sign-up jobs (reminders every 5 minutes, the purge
 * of personal data every hour). The last two use the secret-key client from supabase-admin.ts:
 * `queue_reminders` and `purge_signups` work across all organizations for no signed-in user, so
 * they are granted to service_role only.
 */
export const init: ServerInit = () => {
	const outbox = startOutbox();
	const horizons = startHorizonExtender();
	const signupJobs = startSignupJobs();
	// adapter-node emits this on SIGINT/SIGTERM: let a send in progress finish and be reported.
	process.once('sveltekit:shutdown', () => {
		void outbox.stop();
		clearInterval(horizons);
		void signupJobs.stop();
	});
};
