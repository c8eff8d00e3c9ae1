import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { env } from '$env/dynamic/private';
import type { Database } from '$lib/database.types';
import { supabaseConfig } from './supabase-config';

let client: SupabaseClient<Database> | undefined;

/**
 * The only place the secret key is used. It bypasses Row Level Security, so every caller must
 * say in a comment why the request's own client (`locals.supabase`) cannot do the job.
 */
export function adminClient(): SupabaseClient<Database> {
	const secretKey = env.SUPABASE_SECRET_KEY;
	if (!secretKey) throw new Error('SUPABASE_SECRET_KEY is not set');
	client ??= createClient<Database>(supabaseConfig().url, secretKey, {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false }
	});
	return client;
}
