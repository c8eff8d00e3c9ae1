import type { AuthError, SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';
import type { Locale } from '$lib/i18n/locales';
import type { MessageKey } from '$lib/i18n/messages';
import { qrSvg } from './qr';
import { hasAuthenticator } from './second-factor';
import { generateRecoveryCodes, hashRecoveryCode } from './recovery-codes';
import { adminClient } from './supabase-admin';

export { needsSecondFactor } from './second-factor';

type Client = SupabaseClient<Database>;

/** A translated reason for a failed account action (an i18n key). */
export type Failure = { error: MessageKey };

const ERRORS: Record<string, MessageKey> = {
	invalid_credentials: 'auth.errors.invalidCredentials',
	email_not_confirmed: 'auth.errors.emailNotConfirmed',
	user_already_exists: 'auth.errors.accountExists',
	email_exists: 'auth.errors.accountExists',
	weak_password: 'auth.errors.passwordCharacters',
	same_password: 'auth.errors.samePassword',
	otp_expired: 'auth.errors.linkExpired',
	otp_disabled: 'auth.errors.noAccount',
	mfa_verification_failed: 'auth.errors.codeWrong',
	mfa_challenge_expired: 'auth.errors.codeWrong',
	over_request_rate_limit: 'auth.errors.rateLimited',
	over_email_send_rate_limit: 'auth.errors.rateLimited',
	user_banned: 'auth.errors.invalidCredentials'
};

function failure(error: AuthError | null): Failure | null {
	if (!error) return null;
	return { error: ERRORS[error.code ?? ''] ?? 'auth.errors.generic' };
}

/**
 * Creates an organizer account; Supabase Auth mails the confirmation link (in `locale`). `next`
 * (a checked same-site path) is kept in the account's metadata, so confirming the address, in
 * any browser, can return there (the mail's link carries only the token).
 */
export async function signUp(
	supabase: Client,
	input: { email: string; password: string; locale: Locale; next?: string | null }
) {
	const { error } = await supabase.auth.signUp({
		email: input.email,
		password: input.password,
		options: { data: { locale: input.locale, ...(input.next ? { next: input.next } : {}) } }
	});
	return failure(error);
}

/** Password log-in. `needsCode` when the account has an authenticator to confirm with. */
export async function logIn(supabase: Client, input: { email: string; password: string }) {
	const { data, error } = await supabase.auth.signInWithPassword(input);
	if (error) return { ...failure(error)!, needsCode: false };
	return { error: null, needsCode: hasAuthenticator(data.user) };
}

/**
 * Mails a one-time log-in link to an existing account (never creates one). `redirectTo`, an
 * absolute URL on this site, reaches the mail template as `RedirectTo` (Auth accepts it when it
 * is on the site URL's host), which the link passes on as `next`.
 */
export async function sendLoginLink(
	supabase: Client,
	input: { email: string; locale: Locale; redirectTo?: string | null }
) {
	const { error } = await supabase.auth.signInWithOtp({
		email: input.email,
		options: {
			shouldCreateUser: false,
			data: { locale: input.locale },
			...(input.redirectTo ? { emailRedirectTo: input.redirectTo } : {})
		}
	});
	// An unknown address is answered like a known one, so the form reveals no accounts.
	if (error?.code === 'otp_disabled') return null;
	return failure(error);
}

export async function sendPasswordReset(supabase: Client, input: { email: string }) {
	return failure((await supabase.auth.resetPasswordForEmail(input.email)).error);
}

export type LinkType = 'signup' | 'invite' | 'magiclink' | 'recovery' | 'email_change' | 'email';

/**
 * Opens a session from an e-mail link's token hash (works in any browser, unlike PKCE links).
 * `needsCode` when the account has an authenticator to confirm the new session with; `next` is
 * the path kept at sign-up (unchecked: the caller validates it).
 */
export async function confirmLink(supabase: Client, input: { tokenHash: string; type: LinkType }) {
	const { data, error } = await supabase.auth.verifyOtp({
		token_hash: input.tokenHash,
		type: input.type
	});
	if (error) return { ...failure(error)!, needsCode: false, next: null };
	return {
		error: null,
		needsCode: hasAuthenticator(data.user),
		next: (data.user?.user_metadata?.next as unknown) ?? null
	};
}

export async function updatePassword(supabase: Client, password: string) {
	return failure((await supabase.auth.updateUser({ password })).error);
}

/** Ends this session on the server too: its refresh token stops working. */
export async function logOut(supabase: Client) {
	await supabase.auth.signOut({ scope: 'local' });
}

/** The account's verified authenticators. */
export async function listAuthenticators(supabase: Client) {
	const { data } = await supabase.auth.mfa.listFactors();
	return (data?.totp ?? []).map((f) => ({
		id: f.id,
		name: f.friendly_name ?? '',
		createdAt: f.created_at
	}));
}

/** Starts adding an authenticator: its secret, and a QR code drawn here (no third party sees it). */
export async function startAuthenticator(supabase: Client, name: string) {
	// Forget earlier attempts that were never confirmed, so the name can be used again.
	const { data: factors } = await supabase.auth.mfa.listFactors();
	for (const f of factors?.all ?? [])
		if (f.status === 'unverified') await supabase.auth.mfa.unenroll({ factorId: f.id });
	const { data, error } = await supabase.auth.mfa.enroll({
		factorType: 'totp',
		friendlyName: name
	});
	if (error || !data) return { ...failure(error ?? ({ code: '' } as AuthError))!, factor: null };
	const qr = await qrSvg(data.totp.uri);
	return { error: null, factor: { id: data.id, secret: data.totp.secret, qrSvg: qr } };
}

/** Confirms a code for a factor (adding it, or raising the session to aal2). */
export async function confirmCode(supabase: Client, input: { factorId: string; code: string }) {
	const { error } = await supabase.auth.mfa.challengeAndVerify({
		factorId: input.factorId,
		code: input.code
	});
	return failure(error);
}

/** The first verified authenticator, to ask its code at log-in. */
export async function firstAuthenticator(supabase: Client): Promise<string | null> {
	const { data } = await supabase.auth.mfa.listFactors();
	return data?.totp[0]?.id ?? null;
}

export async function removeAuthenticator(supabase: Client, factorId: string) {
	return failure((await supabase.auth.mfa.unenroll({ factorId })).error);
}

/** The organizer's preferred language, kept in their account (used for their e-mails). */
export async function setLocale(supabase: Client, locale: Locale) {
	return failure((await supabase.auth.updateUser({ data: { locale } })).error);
}

/**
 * Deletes the signed-in user's account. A user with an authenticator confirms it with a fresh
 * code first (`code`), so a session left open on a shared computer cannot do it. Supabase Auth
 * lets no user delete themselves, so the deletion needs the admin API (the secret key);
 * `userId` comes from the verified session only.
 */
export async function deleteAccount(
	supabase: Client,
	input: { userId: string; code: string | null }
): Promise<Failure | null> {
	const factorId = await firstAuthenticator(supabase);
	if (factorId) {
		if (!input.code) return { error: 'account.errors.codeForDelete' };
		const wrong = await confirmCode(supabase, { factorId, code: input.code });
		if (wrong) return wrong;
	}
	const { error } = await adminClient().auth.admin.deleteUser(input.userId);
	if (error) return failure(error);
	await supabase.auth.signOut({ scope: 'local' });
	return null;
}

/**
 * Replaces the user's recovery codes with ten fresh ones and answers them, to be shown once;
 * only their hashes are stored. The database wants a session confirmed with an authenticator.
 */
export async function createRecoveryCodes(
	supabase: Client,
	userId: string
): Promise<{ codes: string[] } | Failure> {
	const codes = generateRecoveryCodes();
	const hashes = await Promise.all(codes.map((c) => hashRecoveryCode(userId, c)));
	const { error } = await supabase.rpc('create_recovery_codes', { p_hashes: hashes });
	return error ? { error: 'auth.errors.generic' } : { codes };
}

/**
 * Logs in with a recovery code instead of the lost authenticator: spends the code, then removes
 * the user's authenticators, so the session the password opened (aal1) is their highest level.
 * `userId` comes from the verified session only. Both steps need the secret key: the code table
 * is not reachable through the API roles (the session is still aal1 and must not be able to list
 * or spend codes itself), and Supabase Auth lets a user remove a verified factor only from an
 * aal2 session, which is exactly what the person cannot reach any more.
 */
export async function recoverWithCode(input: {
	userId: string;
	code: string;
}): Promise<Failure | null> {
	const admin = adminClient();
	const { data: valid, error } = await admin.rpc('use_recovery_code', {
		p_user: input.userId,
		p_hash: await hashRecoveryCode(input.userId, input.code)
	});
	if (error) return { error: 'auth.errors.generic' };
	if (valid !== true) return { error: 'auth.errors.recoveryCode' };
	const { data, error: userError } = await admin.auth.admin.getUserById(input.userId);
	if (userError) return failure(userError);
	for (const factor of data.user.factors ?? []) {
		const removed = await admin.auth.admin.mfa.deleteFactor({
			userId: input.userId,
			id: factor.id
		});
		if (removed.error) return failure(removed.error);
	}
	return null;
}
