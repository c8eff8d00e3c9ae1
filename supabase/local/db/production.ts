/**
 * The local runtime is a development and test server with published keys. It refuses
 * NODE_ENV=production before it touches anything: a start that got as far as bootstrap would
 * already have set role passwords, demoted `postgres` and applied migrations and the seed to
 * whatever DATABASE_URL names.
 */
export function refuseProduction(env: NodeJS.ProcessEnv = process.env): void {
	if (env.NODE_ENV !== 'production') return;
	throw new Error(
		'NODE_ENV=production: the local Supabase runtime is a development and test server with ' +
			'published keys, so it refuses to run (nothing was started or changed). In production, ' +
			'run the app against Supabase (README: "Deploying on a hosted Supabase project").'
	);
}
