// Conformance: Auth Hooks as Postgres functions, for the Password Verification Attempt hook. The
// hook function is made here (setupSql), answers whatever the test puts in hooktest.answer, and
// records each event it is given and the role it ran as.
import postgres from 'postgres';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
	authFetch,
	client,
	createConfirmedUser,
	expectAuthError,
	newEmail,
	signIn,
	startRuntime,
	type Runtime
} from './helpers.ts';

const URI = 'pg-functions://postgres/hooktest/password_attempt';

const setupSql = `
create schema hooktest;
create table hooktest.answer (output jsonb not null);
insert into hooktest.answer values ('{"decision": "continue"}');
create table hooktest.events (
  id bigint generated always as identity,
  event jsonb not null,
  called_as text not null
);
create function hooktest.password_attempt(event jsonb) returns jsonb
language plpgsql set search_path = '' as $$
declare
  output jsonb := (select a.output from hooktest.answer a);
begin
  insert into hooktest.events (event, called_as) values (event, current_user);
  if output ? 'raise' then
    raise exception 'hook failed on purpose';
  end if;
  return output;
end;
$$;
revoke execute on function hooktest.password_attempt(jsonb) from public;
grant usage on schema hooktest to supabase_auth_admin;
grant execute on function hooktest.password_attempt(jsonb) to supabase_auth_admin;
grant select on hooktest.answer to supabase_auth_admin;
grant insert on hooktest.events to supabase_auth_admin;
`;

let rt: Runtime;
let sql: postgres.Sql;

beforeAll(async () => {
	rt = await startRuntime({
		setupSql,
		auth: { hooks: { passwordVerificationAttempt: { uri: URI } } }
	});
	sql = postgres(rt.superuserUrl, { max: 1, onnotice: () => {} });
});
afterAll(async () => {
	await sql?.end();
	await rt?.stop();
});
beforeEach(async () => {
	await answer({ decision: 'continue' });
});

async function answer(output: Record<string, unknown>) {
	await sql`update hooktest.answer set output = ${sql.json(output as never)}`;
}

async function events(userId?: string) {
	const rows = await sql<{ event: Record<string, unknown>; called_as: string }[]>`
		select event, called_as from hooktest.events order by id`;
	return rows.filter((r) => userId === undefined || r.event.user_id === userId);
}

const invalidLogin = {
	name: 'AuthApiError',
	status: 400,
	code: 'invalid_credentials',
	message: 'Invalid login credentials'
};

describe('password_verification_attempt hook (pg-functions)', () => {
	// Source: Supabase docs, Auth Hooks > Password verification hook (Inputs: user_id, valid) and
	// Auth Hooks ("Postgres function": Auth calls it as supabase_auth_admin); supabase/auth
	// internal/api/token.go ResourceOwnerPasswordGrant (the hook runs for every password check of an
	// existing user, right or wrong) and internal/hooks/v0hooks/v0pgfunc (its own transaction, so
	// what the hook records stays when the sign-in then fails).
	it('is called as supabase_auth_admin with user_id and valid, for a wrong and a right password', async () => {
		const account = await createConfirmedUser(rt);
		const wrong = await client(rt).auth.signInWithPassword({
			email: account.email,
			password: `${account.password}x`
		});
		expectAuthError(wrong.error, invalidLogin);
		await signIn(rt, account);
		const seen = await events(account.id);
		expect(seen.map((e) => e.event)).toEqual([
			expect.objectContaining({ user_id: account.id, valid: false }),
			expect.objectContaining({ user_id: account.id, valid: true })
		]);
		expect(seen.map((e) => e.called_as)).toEqual(['supabase_auth_admin', 'supabase_auth_admin']);
	});

	// Source: supabase/auth internal/api/token.go (the user is looked up first: an unknown address
	// answers invalid_credentials without calling the hook).
	it('is not called for an address without an account', async () => {
		const before = (await events()).length;
		const { error } = await client(rt).auth.signInWithPassword({
			email: newEmail('nobody'),
			password: 'Aa1-not-a-real-password'
		});
		expectAuthError(error, invalidLogin);
		expect((await events()).length).toBe(before);
	});

	// Source: Supabase docs, Password verification hook (Outputs: "reject" denies the attempt,
	// `message` is shown to the user); supabase/auth internal/api/token.go (a rejection answers 400
	// invalid_credentials with the hook's message, even for the right password).
	it('refuses the right password when the hook rejects, with its message', async () => {
		const account = await createConfirmedUser(rt);
		const { session } = await signIn(rt, account);
		await answer({ decision: 'reject', message: 'Too many attempts.', should_logout_user: false });
		const { data, error } = await client(rt).auth.signInWithPassword({
			email: account.email,
			password: account.password
		});
		expect(data.session).toBeNull();
		expectAuthError(error, { ...invalidLogin, message: 'Too many attempts.' });
		// should_logout_user false: the session the user already has goes on.
		expect((await authFetch(rt, '/user', { token: session.access_token })).status).toBe(200);
	});

	// Source: supabase/auth internal/hooks/v0hooks/v0hooks.go (DefaultPasswordHookRejectionMessage)
	// and internal/api/token.go (used when the rejection has no message).
	it('answers the default message when a rejection has none', async () => {
		const account = await createConfirmedUser(rt);
		await answer({ decision: 'reject' });
		const { error } = await client(rt).auth.signInWithPassword({
			email: account.email,
			password: account.password
		});
		expectAuthError(error, {
			...invalidLogin,
			message: 'Further password verification attempts will be rejected.'
		});
	});

	// Source: Supabase docs, Password verification hook (`should_logout_user`: log the user out if a
	// reject decision is issued); supabase/auth internal/api/token.go (models.Logout ends every
	// session of the user).
	it('ends every session of the user when a rejection says should_logout_user', async () => {
		const account = await createConfirmedUser(rt);
		const { session } = await signIn(rt, account);
		await answer({ decision: 'reject', message: 'Signed out.', should_logout_user: true });
		const { error } = await client(rt).auth.signInWithPassword({
			email: account.email,
			password: `${account.password}x`
		});
		expectAuthError(error, { ...invalidLogin, message: 'Signed out.' });
		const res = await authFetch(rt, '/user', { token: session.access_token });
		expect(res).toMatchObject({
			status: 403,
			body: {
				code: 'session_not_found',
				message: 'Session from session_id claim in JWT does not exist'
			}
		});
		const refreshed = await client(rt).auth.refreshSession({
			refresh_token: session.refresh_token
		});
		expect(refreshed.error).toMatchObject({ status: 400, code: 'refresh_token_not_found' });
	});

	// Source: supabase/auth internal/hooks/v0hooks/manager.go runHook (a function that fails answers
	// 500 "Error running hook URI: <uri>"; no session is issued).
	it('answers 500 unexpected_failure when the hook function fails', async () => {
		const account = await createConfirmedUser(rt);
		await answer({ raise: true });
		const res = await authFetch(rt, '/token?grant_type=password', {
			body: { email: account.email, password: account.password }
		});
		expect(res).toMatchObject({
			status: 500,
			body: { code: 'unexpected_failure', message: `Error running hook URI: ${URI}` }
		});
	});

	// Source: supabase/auth internal/hooks/v0hooks/manager.go checkError (an output with
	// `error: { http_code, message }` answers that status and message).
	it('answers the status and message of an error the hook returns', async () => {
		const account = await createConfirmedUser(rt);
		await answer({ error: { http_code: 429, message: 'Slow down.' } });
		const res = await authFetch(rt, '/token?grant_type=password', {
			body: { email: account.email, password: account.password }
		});
		expect(res).toMatchObject({ status: 429, body: { message: 'Slow down.' } });
		expect(res.body).not.toHaveProperty('access_token');
	});
});
