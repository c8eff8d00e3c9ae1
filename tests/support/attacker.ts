import type { APIRequestContext, BrowserContext } from '@playwright/test';
import { createClient } from '@supabase/supabase-js';
import postgres from 'postgres';
import { totp } from '../../supabase/local/auth/totp.ts';
import { LOCAL_PUBLISHABLE_KEY } from '../../supabase/local/keys/index.ts';
import { PASSWORD, sessionFromCookies } from './accounts';

/**
 * The e2e stack's database as its superuser, to set up rows and check that nothing changed.
 * Idle connections close by themselves: with fully parallel tests a worker may run a file's
 * tests after its afterAll, so the pool is never ended by hand.
 */
export const database = () =>
	postgres(process.env.SAMMEN_TEST_DB_URL!, { max: 2, idle_timeout: 2, onnotice: () => {} });

/** Adds and confirms an authenticator for an account through Auth, as the account page does. */
export async function addAuthenticator(email: string): Promise<string> {
	const client = createClient(process.env.SAMMEN_API_URL!, LOCAL_PUBLISHABLE_KEY, {
		auth: { persistSession: false, autoRefreshToken: false }
	});
	const signIn = await client.auth.signInWithPassword({ email, password: PASSWORD });
	if (signIn.error) throw signIn.error;
	const { data, error } = await client.auth.mfa.enroll({ factorType: 'totp' });
	if (error) throw error;
	const verified = await client.auth.mfa.challengeAndVerify({
		factorId: data.id,
		code: totp(data.totp.secret)
	});
	if (verified.error) throw verified.error;
	return data.totp.secret;
}

/**
 * An approved organization owned by `ownerId`, with a published weekly activity and one future
 * session, straight into the database.
 */
export async function organizationWithActivity(sql: postgres.Sql, ownerId: string, tag: string) {
	const slug = `${tag}-${crypto.randomUUID().slice(0, 6)}`;
	const [org] = await sql`
		insert into public.organizations (slug, name, kind, status, approved_at)
		values (${slug}, ${`Forening ${tag}`}, 'ngo', 'approved', now()) returning id`;
	await sql`insert into public.memberships (organization_id, user_id, role) values (${org.id}, ${ownerId}, 'owner')`;
	const [activity] = await sql`
		insert into public.activities (organization_id, slug, title, category, venue, first_date, start_time, duration_minutes, status, published_at)
		values (${org.id}, 'aktivitet', ${`Aktivitet ${tag}`}, 'sport', 'Hallen', current_date + 7, '18:00', 90, 'published', now())
		returning id`;
	const [session] = await sql`
		insert into public.sessions (activity_id, occurrence_date, starts_at, ends_at)
		values (${activity.id}, current_date + 7, now() + interval '7 days', now() + interval '7 days 90 minutes')
		returning id`;
	return {
		orgId: org.id as string,
		activityId: activity.id as string,
		sessionId: session.id as string
	};
}

/** The browser's Supabase cookies as one header, to send with forged requests. */
export async function cookieHeader(context: BrowserContext): Promise<string> {
	return (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
}

/** The session's own access token (what a script would lift from the cookie). */
export async function accessToken(context: BrowserContext): Promise<string> {
	const session = (await sessionFromCookies(context)) as { access_token?: string } | null;
	if (!session?.access_token) throw new Error('no session in the cookies');
	return session.access_token;
}

/** Posts a form straight to an action, as a script would: no page, no redirects followed. */
export function postForm(
	request: APIRequestContext,
	path: string,
	form: Record<string, string>,
	options: { cookie?: string; address?: string } = {}
) {
	return request.post(path, {
		form,
		headers: {
			origin: process.env.SAMMEN_BASE_URL!,
			accept: 'text/html',
			...(options.cookie ? { cookie: options.cookie } : {}),
			...(options.address ? { 'x-forwarded-for': options.address } : {})
		},
		maxRedirects: 0
	});
}

/** Calls the REST API with the publishable key and a user's access token. */
export function rest(path: string, token: string, init: RequestInit = {}) {
	return fetch(`${process.env.SAMMEN_API_URL}/rest/v1/${path}`, {
		...init,
		headers: {
			apikey: LOCAL_PUBLISHABLE_KEY,
			authorization: `Bearer ${token}`,
			'content-type': 'application/json',
			prefer: 'return=representation',
			...(init.headers ?? {})
		}
	});
}
