// Conformance: GET /auth/v1/user (getUser) and PUT /auth/v1/user (updateUser).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	client,
	createConfirmedUser,
	expectAuthError,
	ISO_DATE,
	mailCode,
	newEmail,
	nextMail,
	type Runtime,
	signedInUser,
	startRuntime
} from './helpers.ts';

let rt: Runtime;
beforeAll(async () => {
	rt = await startRuntime();
});
afterAll(async () => {
	await rt?.stop();
});

describe('getUser', () => {
	// Source: auth-js test/GoTrueClient.test.ts ('Get user': id, email, phone, aud, email_confirmed_at,
	// last_sign_in_at, created_at, updated_at, app_metadata.provider); supabase/auth internal/api/user.go
	// UserGet and internal/models/user.go (JSON of the user, identities included).
	it('returns the signed-in user', async () => {
		const { client: c, account } = await signedInUser(rt);
		const { data, error } = await c.auth.getUser();
		expect(error).toBeNull();
		const user = data.user!;
		expect(user).toMatchObject({
			id: account.id,
			aud: 'authenticated',
			role: 'authenticated',
			email: account.email,
			phone: '',
			app_metadata: { provider: 'email', providers: ['email'] },
			is_anonymous: false
		});
		for (const field of ['email_confirmed_at', 'last_sign_in_at', 'created_at', 'updated_at']) {
			expect(user[field as keyof typeof user], field).toMatch(ISO_DATE);
		}
		expect(user.identities).toHaveLength(1);
		expect(user.identities![0]).toMatchObject({
			provider: 'email',
			user_id: account.id,
			identity_data: { email: account.email, sub: account.id }
		});
	});

	// Source: auth-js test/GoTrueClient.test.ts ('getUserIdentities() returns user identities after
	// signup': one identity, provider "email", identity_data.email).
	it('lists the e-mail identity with getUserIdentities', async () => {
		const { client: c, account } = await signedInUser(rt);
		const { data, error } = await c.auth.getUserIdentities();
		expect(error).toBeNull();
		expect(data!.identities).toHaveLength(1);
		expect(data!.identities[0]).toMatchObject({
			provider: 'email',
			identity_data: { email: account.email }
		});
	});

	// Source: supabase/auth internal/api/auth.go parseJWTClaims (403 bad_jwt "invalid JWT: unable to
	// parse or verify signature, …"); auth-js test/GoTrueClient.test.ts ('getClaims should return error
	// for Invalid JWT signature': "unable to parse or verify signature").
	it('refuses an access token with a broken signature with bad_jwt 403', async () => {
		const { session } = await signedInUser(rt);
		const [header, payload, signature] = session.access_token.split('.');
		const flipped = `${signature.slice(0, -4)}${signature.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
		const { data, error } = await client(rt).auth.getUser(`${header}.${payload}.${flipped}`);
		expect(data.user).toBeNull();
		expectAuthError(error, {
			name: 'AuthApiError',
			status: 403,
			code: 'bad_jwt',
			message: /^invalid JWT: unable to parse or verify signature/
		});
	});
});

describe('updateUser', () => {
	// Source: auth-js test/GoTrueClient.test.ts ('Update user': user_metadata toMatchObject the data);
	// supabase/auth internal/models/user.go UpdateUserMetaData (keys are merged; a null value deletes
	// the key).
	it('merges data into user_metadata and deletes keys set to null', async () => {
		const { client: c } = await signedInUser(rt);
		const first = await c.auth.updateUser({ data: { hello: 'world', colour: 'green' } });
		expect(first.error).toBeNull();
		expect(first.data.user!.user_metadata).toMatchObject({ hello: 'world', colour: 'green' });
		const second = await c.auth.updateUser({ data: { colour: null, size: 3 } });
		expect(second.error).toBeNull();
		expect(second.data.user!.user_metadata).toMatchObject({ hello: 'world', size: 3 });
		expect(second.data.user!.user_metadata).not.toHaveProperty('colour');
		const { data } = await c.auth.getUser();
		expect(data.user!.user_metadata).toMatchObject({ hello: 'world', size: 3 });
		expect(data.user!.user_metadata).not.toHaveProperty('colour');
	});

	// Source: supabase/auth internal/api/user.go UserUpdate → internal/api/mail.go sendEmailChange (the
	// address is not changed yet: new_email and email_change_sent_at are set, and with
	// double_confirm_changes = true — secure e-mail change — both the new and the current address get
	// a code).
	it('starts an e-mail change: new_email is pending and both addresses get a mail', async () => {
		const { client: c, account } = await signedInUser(rt);
		const next = newEmail('new');
		const { data, error } = await c.auth.updateUser({ email: next });
		expect(error).toBeNull();
		expect(data.user!.email).toBe(account.email);
		expect(data.user!.new_email).toBe(next);
		expect(data.user!.email_change_sent_at).toMatch(ISO_DATE);
		const toNew = await nextMail(rt, next, 'email_change');
		const toCurrent = await nextMail(rt, account.email, 'email_change');
		expect(mailCode(toNew, next)).toMatch(/^\d{6}$/);
		expect(mailCode(toCurrent, account.email)).toMatch(/^\d{6}$/);
	});

	// Source: supabase/auth internal/api/verify.go emailChangeVerify (secure change: the first code
	// answers 200 { msg: "Confirmation link accepted. Please proceed to confirm link sent to the other
	// email", code } without a session — auth-js lib/fetch.ts _sessionResponse turns it into user and
	// session null — and the second code changes the address and gives a session).
	it('changes the address once both codes are verified', async () => {
		const { client: c, account } = await signedInUser(rt);
		const next = newEmail('new');
		expect((await c.auth.updateUser({ email: next })).error).toBeNull();
		const toNew = await nextMail(rt, next, 'email_change');
		const toCurrent = await nextMail(rt, account.email, 'email_change');
		const first = await client(rt).auth.verifyOtp({
			email: next,
			token: mailCode(toNew, next),
			type: 'email_change'
		});
		expect(first.error).toBeNull();
		expect(first.data).toEqual({ user: null, session: null });
		const second = await client(rt).auth.verifyOtp({
			email: account.email,
			token: mailCode(toCurrent, account.email),
			type: 'email_change'
		});
		expect(second.error).toBeNull();
		expect(second.data.user!.email).toBe(next);
		expect(second.data.user!.new_email).toBeUndefined();
		expect(second.data.session).not.toBeNull();
	});

	// Source: supabase/auth internal/api/user.go UserUpdate (IsDuplicatedEmail: 422 email_exists "A user
	// with this email address has already been registered", DuplicateEmailMsg in errors.go).
	it('refuses an address that another user has with email_exists 422', async () => {
		const other = await createConfirmedUser(rt);
		const { client: c } = await signedInUser(rt);
		const { error } = await c.auth.updateUser({ email: other.email });
		expectAuthError(error, {
			name: 'AuthApiError',
			status: 422,
			code: 'email_exists',
			message: 'A user with this email address has already been registered'
		});
	});

	// Source: supabase/auth internal/api/user.go validateUserUpdateParams → mail.go validateEmail (400
	// validation_failed).
	it('refuses an invalid address with validation_failed 400', async () => {
		const { client: c } = await signedInUser(rt);
		const { error } = await c.auth.updateUser({ email: 'not-an-email' });
		expectAuthError(error, {
			name: 'AuthApiError',
			status: 400,
			code: 'validation_failed',
			message: 'Unable to validate email address: invalid format'
		});
	});
});
