// Conformance: the admin API (/auth/v1/admin/*, /auth/v1/invite) through supabase-js `auth.admin`
// with the secret key, and its refusal of anything that is not service_role.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	admin,
	authFetch,
	client,
	createConfirmedUser,
	expectAuthError,
	ISO_DATE,
	mailCode,
	mailsTo,
	mailTokenHash,
	newEmail,
	newPassword,
	nextMail,
	REDIRECT_TO,
	type Runtime,
	signIn,
	sleep,
	startRuntime,
	tokenHash,
	UUID
} from './helpers.ts';

let rt: Runtime;
beforeAll(async () => {
	rt = await startRuntime();
});
afterAll(async () => {
	await rt?.stop();
});

const userNotFound = {
	name: 'AuthApiError',
	status: 404,
	code: 'user_not_found',
	message: 'User not found'
};
const notAdmin = {
	name: 'AuthApiError',
	status: 403,
	code: 'not_admin',
	message: 'User not allowed'
};

describe('admin users', () => {
	// Source: auth-js test/GoTrueApi.test.ts ('createUser() with user metadata', 'createUser() with app
	// metadata': provider and providers set); supabase/auth internal/api/admin.go adminUserCreate
	// (email_confirm confirms the address; app_metadata provider/providers from the identifiers).
	it('createUser with email_confirm makes a confirmed user who can sign in', async () => {
		const email = newEmail();
		const password = newPassword();
		const { data, error } = await admin(rt).auth.admin.createUser({
			email,
			password,
			email_confirm: true,
			user_metadata: { display_name: 'Ola' },
			app_metadata: { roles: ['organizer'] }
		});
		expect(error).toBeNull();
		const user = data.user!;
		expect(user.id).toMatch(UUID);
		expect(user).toMatchObject({
			email,
			aud: 'authenticated',
			role: 'authenticated',
			user_metadata: { display_name: 'Ola' },
			app_metadata: { provider: 'email', providers: ['email'], roles: ['organizer'] }
		});
		expect(user.email_confirmed_at).toMatch(ISO_DATE);
		expect(user.identities).toHaveLength(1);
		expect(user.identities![0].provider).toBe('email');
		const signedIn = await client(rt).auth.signInWithPassword({ email, password });
		expect(signedIn.error).toBeNull();
	});

	// Source: auth-js test/GoTrueApi.test.ts ('createUser() with user metadata': user_metadata equals
	// what was given); supabase/auth internal/api/admin.go adminUserCreate (without email_confirm the
	// address stays unconfirmed and no mail is sent).
	it('createUser without email_confirm leaves the address unconfirmed and sends nothing', async () => {
		const email = newEmail();
		const { data, error } = await admin(rt).auth.admin.createUser({
			email,
			password: newPassword(),
			user_metadata: { plan: 'free' }
		});
		expect(error).toBeNull();
		expect(data.user!.email_confirmed_at).toBeUndefined();
		expect(data.user!.user_metadata).toEqual({ plan: 'free' });
		await sleep(500);
		expect(mailsTo(rt, email)).toHaveLength(0);
	});

	// Source: supabase/auth internal/api/admin.go adminUserCreate (422 email_exists "A user with this
	// email address has already been registered").
	it('refuses to create a second user with the same address with email_exists 422', async () => {
		const account = await createConfirmedUser(rt);
		const { data, error } = await admin(rt).auth.admin.createUser({
			email: account.email,
			password: newPassword()
		});
		expect(data.user).toBeNull();
		expectAuthError(error, {
			name: 'AuthApiError',
			status: 422,
			code: 'email_exists',
			message: 'A user with this email address has already been registered'
		});
	});

	// Source: supabase/auth internal/api/admin.go adminUserCreate (400 validation_failed "Cannot create a
	// user without either an email or phone").
	it('refuses a user without e-mail or phone with validation_failed 400', async () => {
		const { error } = await admin(rt).auth.admin.createUser({ password: newPassword() });
		expectAuthError(error, {
			name: 'AuthApiError',
			status: 400,
			code: 'validation_failed',
			message: 'Cannot create a user without either an email or phone'
		});
	});

	// Source: auth-js test/GoTrueApi.test.ts ('getUserById() should a registered user given its user
	// identifier', 'getUserById() returns AuthError when user id is invalid'); supabase/auth
	// internal/api/admin.go loadUser (404 user_not_found "User not found").
	it('getUserById returns the user, and user_not_found 404 for an unknown id', async () => {
		const account = await createConfirmedUser(rt);
		const found = await admin(rt).auth.admin.getUserById(account.id);
		expect(found.error).toBeNull();
		expect(found.data.user).toMatchObject({ id: account.id, email: account.email });
		const missing = await admin(rt).auth.admin.getUserById(crypto.randomUUID());
		expect(missing.data.user).toBeNull();
		expectAuthError(missing.error, userNotFound);
	});

	// Source: auth-js GoTrueAdminApi.listUsers (total from X-Total-Count, nextPage/lastPage from the Link
	// header) and test/GoTrueAdminApi.pagination.test.ts; supabase/auth internal/api/admin.go adminUsers
	// and internal/api/pagination.go addPaginationHeaders (rel="next" while pages remain, rel="last",
	// X-Total-Count), users ordered by created_at descending.
	it('listUsers pages with total, nextPage and lastPage', async () => {
		for (let i = 0; i < 3; i++) await createConfirmedUser(rt);
		const head = await authFetch(rt, '/admin/users?page=1&per_page=1', { key: rt.secretKey });
		expect(head.status).toBe(200);
		const total = Number(head.headers.get('x-total-count'));
		expect(total).toBeGreaterThanOrEqual(3);
		const perPage = Math.ceil(total / 3);
		const lastPage = Math.ceil(total / perPage);
		const first = await admin(rt).auth.admin.listUsers({ page: 1, perPage });
		expect(first.error).toBeNull();
		expect(first.data).toMatchObject({ total, lastPage, nextPage: 2, aud: 'authenticated' });
		expect(first.data.users).toHaveLength(perPage);
		const last = await admin(rt).auth.admin.listUsers({ page: lastPage, perPage });
		expect(last.data).toMatchObject({ total, lastPage, nextPage: null });
		expect(last.data.users.length).toBe(total - perPage * (lastPage - 1));
		const created = first.data.users.map((u) => Date.parse(u.created_at));
		expect([...created].sort((a, b) => b - a)).toEqual(created);
		const raw = await authFetch(rt, `/admin/users?page=1&per_page=${perPage}`, {
			key: rt.secretKey
		});
		expect(raw.headers.get('link')).toMatch(/rel="next".*rel="last"/);
	});

	// Source: auth-js test/GoTrueApi.test.ts ('modify user metadata using updateUserById()',
	// 'modify app metadata using updateUserById()'); supabase/auth internal/models/user.go
	// UpdateUserMetaData / UpdateAppMetaData (merged; null deletes a key).
	it('updateUserById merges user_metadata and app_metadata', async () => {
		const account = await createConfirmedUser(rt, { user_metadata: { a: 1, b: 2 } });
		const { data, error } = await admin(rt).auth.admin.updateUserById(account.id, {
			user_metadata: { b: null, c: 3 },
			app_metadata: { roles: ['admin'] }
		});
		expect(error).toBeNull();
		expect(data.user!.user_metadata).toMatchObject({ a: 1, c: 3 });
		expect(data.user!.user_metadata).not.toHaveProperty('b');
		expect(data.user!.app_metadata).toMatchObject({
			provider: 'email',
			providers: ['email'],
			roles: ['admin']
		});
	});

	// Source: supabase/auth internal/api/admin.go adminUserUpdate (ban_duration parsed as a Go duration,
	// "none" lifts the ban; banned_until), internal/api/token.go (400 user_banned "User is banned") and
	// internal/tokens/service.go (refresh: 400 user_banned "Invalid Refresh Token: User Banned").
	it('bans with ban_duration and lifts the ban with "none"', async () => {
		const account = await createConfirmedUser(rt);
		const { session } = await signIn(rt, account);
		const banned = await admin(rt).auth.admin.updateUserById(account.id, { ban_duration: '24h' });
		expect(banned.error).toBeNull();
		const until = Date.parse(banned.data.user!.banned_until!);
		expect(until).toBeGreaterThan(Date.now() + 23 * 3600_000);
		expect(until).toBeLessThan(Date.now() + 25 * 3600_000);
		const refused = await client(rt).auth.signInWithPassword(account);
		expectAuthError(refused.error, {
			name: 'AuthApiError',
			status: 400,
			code: 'user_banned',
			message: 'User is banned'
		});
		const refresh = await client(rt).auth.refreshSession({ refresh_token: session.refresh_token });
		expectAuthError(refresh.error, {
			name: 'AuthApiError',
			status: 400,
			code: 'user_banned',
			message: 'Invalid Refresh Token: User Banned'
		});
		const lifted = await admin(rt).auth.admin.updateUserById(account.id, { ban_duration: 'none' });
		expect(lifted.error).toBeNull();
		expect(lifted.data.user!.banned_until ?? null).toBeNull();
		expect((await client(rt).auth.signInWithPassword(account)).error).toBeNull();
	});

	// Source: auth-js test/GoTrueApi.test.ts ('deleteUser() should be able delete an existing user');
	// supabase/auth internal/api/admin.go adminUserDelete (hard delete, 200 {}), loadUser (404 afterwards)
	// and internal/api/auth.go maybeLoadUserOrSession (the user's token: 403 user_not_found "User from sub
	// claim in JWT does not exist").
	it('deleteUser removes the user and invalidates their tokens', async () => {
		const account = await createConfirmedUser(rt);
		const { session } = await signIn(rt, account);
		const { error } = await admin(rt).auth.admin.deleteUser(account.id);
		expect(error).toBeNull();
		expectAuthError((await admin(rt).auth.admin.getUserById(account.id)).error, userNotFound);
		const me = await client(rt).auth.getUser(session.access_token);
		expectAuthError(me.error, {
			name: 'AuthApiError',
			status: 403,
			code: 'user_not_found',
			message: 'User from sub claim in JWT does not exist'
		});
		const refresh = await client(rt).auth.refreshSession({ refresh_token: session.refresh_token });
		expectAuthError(refresh.error, {
			name: 'AuthApiError',
			status: 400,
			code: 'refresh_token_not_found',
			message: 'Invalid Refresh Token: Refresh Token Not Found'
		});
	});
});

describe('admin generateLink', () => {
	// Source: auth-js test/GoTrueApi.test.ts ('generateLink supports signUp with generate confirmation
	// signup link': properties action_link /?token/, type=signup, redirect_to, email_otp, hashed_token,
	// verification_type; user_metadata equals the data); supabase/auth internal/api/mail.go
	// adminGenerateLink (hashed_token = sha224(email + email_otp), action_link on the API's /verify, no
	// mail sent) and auth-js lib/fetch.ts _generateLinkResponse.
	it('signup: creates the unconfirmed user and returns the link properties without mailing', async () => {
		const email = newEmail();
		const { data, error } = await admin(rt).auth.admin.generateLink({
			type: 'signup',
			email,
			password: newPassword(),
			options: { data: { status: 'alpha' }, redirectTo: REDIRECT_TO }
		});
		expect(error).toBeNull();
		const { properties, user } = data;
		expect(user!.email).toBe(email);
		expect(user!.user_metadata).toEqual({ status: 'alpha' });
		expect(user!.email_confirmed_at).toBeUndefined();
		expect(properties!.verification_type).toBe('signup');
		expect(properties!.redirect_to).toBe(REDIRECT_TO);
		expect(properties!.email_otp).toMatch(/^\d{6}$/);
		expect(properties!.hashed_token).toBe(tokenHash(email, properties!.email_otp));
		const link = new URL(properties!.action_link);
		expect(`${link.origin}${link.pathname}`).toBe(`${rt.url}/auth/v1/verify`);
		expect(Object.fromEntries(link.searchParams)).toEqual({
			token: properties!.hashed_token,
			type: 'signup',
			redirect_to: REDIRECT_TO
		});
		await sleep(500);
		expect(mailsTo(rt, email)).toHaveLength(0);
	});

	// Source: supabase/auth internal/api/verify.go (the generated hashed_token verifies like a mailed
	// one: signupVerify confirms the address and a session is issued).
	it('signup: the hashed_token confirms the user through verifyOtp', async () => {
		const email = newEmail();
		const { data } = await admin(rt).auth.admin.generateLink({
			type: 'signup',
			email,
			password: newPassword()
		});
		const verified = await client(rt).auth.verifyOtp({
			token_hash: data.properties!.hashed_token,
			type: 'signup'
		});
		expect(verified.error).toBeNull();
		expect(verified.data.user!.email_confirmed_at).toMatch(ISO_DATE);
		expect(verified.data.session).not.toBeNull();
	});

	// Source: supabase/auth internal/api/mail.go adminGenerateLink (magiclink for an existing user sets
	// the recovery token; the email_otp works in verifyOtp type "email").
	it('magiclink: the email_otp signs the existing user in', async () => {
		const account = await createConfirmedUser(rt);
		const { data, error } = await admin(rt).auth.admin.generateLink({
			type: 'magiclink',
			email: account.email
		});
		expect(error).toBeNull();
		expect(data.user!.id).toBe(account.id);
		expect(data.properties!.verification_type).toBe('magiclink');
		expect(new URL(data.properties!.action_link).searchParams.get('type')).toBe('magiclink');
		const verified = await client(rt).auth.verifyOtp({
			email: account.email,
			token: data.properties!.email_otp,
			type: 'email'
		});
		expect(verified.error).toBeNull();
		expect(verified.data.user!.id).toBe(account.id);
	});

	// Source: supabase/auth internal/api/mail.go adminGenerateLink (a magiclink for an unknown address
	// becomes a signup link: verification_type "signup").
	it('magiclink: an unknown address gets a signup link', async () => {
		const email = newEmail();
		const { data, error } = await admin(rt).auth.admin.generateLink({ type: 'magiclink', email });
		expect(error).toBeNull();
		expect(data.user!.email).toBe(email);
		expect(data.properties!.verification_type).toBe('signup');
	});

	// Source: supabase/auth internal/api/mail.go adminGenerateLink (recovery: the token verifies with type
	// "recovery"; an unknown address: 404 user_not_found "User with this email not found").
	it('recovery: works for a user and answers user_not_found 404 for an unknown address', async () => {
		const account = await createConfirmedUser(rt);
		const { data, error } = await admin(rt).auth.admin.generateLink({
			type: 'recovery',
			email: account.email
		});
		expect(error).toBeNull();
		expect(data.properties!.verification_type).toBe('recovery');
		const verified = await client(rt).auth.verifyOtp({
			token_hash: data.properties!.hashed_token,
			type: 'recovery'
		});
		expect(verified.error).toBeNull();
		const unknown = await admin(rt).auth.admin.generateLink({
			type: 'recovery',
			email: newEmail()
		});
		expect(unknown.data).toEqual({ properties: null, user: null });
		expectAuthError(unknown.error, {
			name: 'AuthApiError',
			status: 404,
			code: 'user_not_found',
			message: 'User with this email not found'
		});
	});

	// Source: supabase/auth internal/api/mail.go adminGenerateLink (invite: a new user with invited_at;
	// the token verifies with type "invite"; an already confirmed address: 422 email_exists).
	it('invite: invites a new user and refuses a confirmed one with email_exists 422', async () => {
		const email = newEmail();
		const { data, error } = await admin(rt).auth.admin.generateLink({ type: 'invite', email });
		expect(error).toBeNull();
		expect(data.user!.invited_at).toMatch(ISO_DATE);
		expect(data.properties!.verification_type).toBe('invite');
		const verified = await client(rt).auth.verifyOtp({
			token_hash: data.properties!.hashed_token,
			type: 'invite'
		});
		expect(verified.error).toBeNull();
		expect(verified.data.user!.email_confirmed_at).toMatch(ISO_DATE);
		const again = await admin(rt).auth.admin.generateLink({ type: 'invite', email });
		expectAuthError(again.error, {
			name: 'AuthApiError',
			status: 422,
			code: 'email_exists',
			message: 'A user with this email address has already been registered'
		});
	});
});

describe('admin inviteUserByEmail', () => {
	// Source: auth-js test/GoTrueApi.test.ts ('inviteUserByEmail() creates a new user with an invited_at
	// timestamp'); supabase/auth internal/api/invite.go + mail.go sendInvite (the invite mail carries a
	// code and a token hash that verifies with type "invite").
	it('creates the user, mails the invitation, and the link signs the user in', async () => {
		const email = newEmail();
		const { data, error } = await admin(rt).auth.admin.inviteUserByEmail(email, {
			data: { invited_by: 'test' },
			redirectTo: REDIRECT_TO
		});
		expect(error).toBeNull();
		expect(data.user!.email).toBe(email);
		expect(data.user!.invited_at).toMatch(ISO_DATE);
		const mail = await nextMail(rt, email, 'invite');
		expect(mailTokenHash(mail)).toBe(tokenHash(email, mailCode(mail, email)));
		const verified = await client(rt).auth.verifyOtp({
			token_hash: mailTokenHash(mail),
			type: 'invite'
		});
		expect(verified.error).toBeNull();
		expect(verified.data.user!.id).toBe(data.user!.id);
		expect(verified.data.user!.user_metadata).toMatchObject({ invited_by: 'test' });
	});
});

describe('admin API without the secret key', () => {
	// Source: supabase/auth internal/api/auth.go requireAdmin (a token whose role is not an admin role:
	// 403 not_admin "User not allowed"); docs https://supabase.com/docs/guides/api/api-keys (the
	// publishable key acts as the anon role).
	it('refuses the publishable key with not_admin 403', async () => {
		const { data, error } = await client(rt).auth.admin.listUsers();
		expect(data.users).toEqual([]);
		expectAuthError(error, notAdmin);
		const created = await client(rt).auth.admin.createUser({ email: newEmail() });
		expectAuthError(created.error, notAdmin);
	});

	// Source: supabase/auth internal/api/auth.go requireAdmin (a user's token has role authenticated:
	// 403 not_admin "User not allowed").
	it("refuses a signed-in user's access token with not_admin 403", async () => {
		const { session } = await signIn(rt, await createConfirmedUser(rt));
		const asUser = client(rt, { headers: { Authorization: `Bearer ${session.access_token}` } });
		const { error } = await asUser.auth.admin.listUsers();
		expectAuthError(error, notAdmin);
	});
});
