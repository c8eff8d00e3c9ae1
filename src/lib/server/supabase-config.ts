import { env } from '$env/dynamic/public';

/** Where the Supabase project is: set in the environment (README: Deploying). */
export function supabaseConfig(): { url: string; publishableKey: string } {
	const url = env.PUBLIC_SUPABASE_URL;
	const publishableKey = env.PUBLIC_SUPABASE_PUBLISHABLE_KEY;
	if (!url || !publishableKey) {
		throw new Error('PUBLIC_SUPABASE_URL and PUBLIC_SUPABASE_PUBLISHABLE_KEY must be set');
	}
	return { url, publishableKey };
}
