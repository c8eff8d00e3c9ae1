import { randomBytes } from 'node:crypto';
import { signAccessToken, type SigningKey } from '../keys/index.ts';
import { badRequest } from './errors.ts';
import { userJson, type Sql, type UserRow } from './users.ts';

export interface SessionContext {
	key: SigningKey;
	/** `iss` of the tokens: the Auth URL, `<api>/auth/v1`. */
	issuer: string;
	jwtExpiry: number;
	refreshTokenReuseInterval: number;
}

const newRefreshToken = () => randomBytes(24).toString('base64url');

/** Authentication methods of a session, oldest first (`amr` in the access token). */
async function amr(sql: Sql, sessionId: string) {
	const rows = await sql<{ authentication_method: string; created_at: Date }[]>`
		select authentication_method, created_at from auth.mfa_amr_claims
		where session_id = ${sessionId} order by created_at desc`;
	return rows.map((r) => ({
		method: r.authentication_method,
		timestamp: Math.floor(r.created_at.getTime() / 1000)
	}));
}

/** The access token Supabase Auth issues: the claims hosted Auth puts in it. */
export async function accessToken(
	ctx: SessionContext,
	sql: Sql,
	user: UserRow,
	sessionId: string,
	aal: string
) {
	const now = Math.floor(Date.now() / 1000);
	const exp = now + ctx.jwtExpiry;
	const token = await signAccessToken(ctx.key, {
		iss: ctx.issuer,
		sub: user.id,
		aud: user.aud,
		exp,
		iat: now,
		email: user.email ?? '',
		phone: user.phone ?? '',
		app_metadata: user.raw_app_meta_data ?? {},
		user_metadata: user.raw_user_meta_data ?? {},
		role: user.role,
		aal,
		amr: await amr(sql, sessionId),
		session_id: sessionId,
		is_anonymous: user.is_anonymous
	});
	return { token, exp };
}

async function sessionResponse(
	ctx: SessionContext,
	sql: Sql,
	user: UserRow,
	sessionId: string,
	aal: string,
	refreshToken: string
) {
	const { token, exp } = await accessToken(ctx, sql, user, sessionId, aal);
	return {
		access_token: token,
		token_type: 'bearer',
		expires_in: ctx.jwtExpiry,
		expires_at: exp,
		refresh_token: refreshToken,
		user: await userJson(sql, user)
	};
}

/** Starts a session for `user`, signed in by `method` (password, otp, magiclink, …). */
export async function createSession(
	ctx: SessionContext,
	sql: Sql,
	user: UserRow,
	method: string,
	meta: { userAgent?: string; ip?: string } = {}
) {
	const sessionId = crypto.randomUUID();
	await sql`insert into auth.sessions (id, user_id, created_at, updated_at, aal, user_agent, ip)
		values (${sessionId}, ${user.id}, now(), now(), 'aal1', ${meta.userAgent ?? null}, ${meta.ip ?? null})`;
	await sql`insert into auth.mfa_amr_claims (session_id, created_at, updated_at, authentication_method, id)
		values (${sessionId}, now(), now(), ${method}, ${crypto.randomUUID()})`;
	const refreshToken = newRefreshToken();
	await sql`insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
		values ('00000000-0000-0000-0000-000000000000', ${refreshToken}, ${user.id}, false, now(), now(), null, ${sessionId})`;
	await sql`update auth.users set last_sign_in_at = now(), updated_at = now() where id = ${user.id}`;
	await sql`update auth.identities set last_sign_in_at = now() where user_id = ${user.id}`;
	const [fresh] = await sql<UserRow[]>`select * from auth.users where id = ${user.id}`;
	return sessionResponse(ctx, sql, fresh, sessionId, 'aal1', refreshToken);
}

/** Raises a session to `aal2` after a verified factor, and issues new tokens for it. */
export async function stepUp(
	ctx: SessionContext,
	sql: Sql,
	user: UserRow,
	sessionId: string,
	factorId: string,
	method: string
) {
	await sql`update auth.sessions set aal = 'aal2', factor_id = ${factorId}, updated_at = now() where id = ${sessionId}`;
	await sql`insert into auth.mfa_amr_claims (session_id, created_at, updated_at, authentication_method, id)
		values (${sessionId}, now(), now(), ${method}, ${crypto.randomUUID()})
		on conflict (session_id, authentication_method) do update set updated_at = now(), created_at = now()`;
	await sql`update auth.refresh_tokens set revoked = true, updated_at = now() where session_id = ${sessionId} and not revoked`;
	const refreshToken = newRefreshToken();
	await sql`insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
		values ('00000000-0000-0000-0000-000000000000', ${refreshToken}, ${user.id}, false, now(), now(), null, ${sessionId})`;
	return sessionResponse(ctx, sql, user, sessionId, 'aal2', refreshToken);
}

/**
 * The refresh_token grant with rotation: a spent token is refused once the reuse interval has
 * passed, and then the whole session ends (token reuse means it may have been stolen).
 */
export async function refresh(ctx: SessionContext, sql: Sql, token: string) {
	const [row] = await sql<
		{
			id: string;
			token: string;
			user_id: string;
			revoked: boolean;
			updated_at: Date;
			session_id: string;
			aal: string | null;
			not_after: Date | null;
		}[]
	>`
		select r.id, r.token, r.user_id, r.revoked, r.updated_at, r.session_id, s.aal, s.not_after
		from auth.refresh_tokens r join auth.sessions s on s.id = r.session_id
		where r.token = ${token} for update of r`;
	if (!row)
		throw badRequest('refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
	if (row.not_after && row.not_after.getTime() < Date.now()) {
		throw badRequest('session_expired', 'Invalid Refresh Token: Session Expired');
	}
	const [user] = await sql<UserRow[]>`select * from auth.users where id = ${row.user_id}`;
	if (!user || (user.banned_until && user.banned_until.getTime() > Date.now())) {
		throw badRequest('user_banned', 'Invalid Refresh Token: User Banned');
	}
	let next: string;
	if (row.revoked) {
		const withinReuse =
			Date.now() - row.updated_at.getTime() < ctx.refreshTokenReuseInterval * 1000;
		const [active] = await sql<{ token: string; parent: string | null }[]>`
			select token, parent from auth.refresh_tokens where session_id = ${row.session_id} and not revoked
			order by id desc limit 1`;
		// A retry with the token just rotated out (the active one's parent) gets the active one:
		// the client may simply have missed the answer (supabase/auth tokens/service.go).
		if (!active || !(withinReuse || active.parent === row.token)) {
			// Reuse of an older token: the whole family is revoked (it may have been stolen). The
			// error is returned, not thrown, so the revocation commits.
			await sql`update auth.refresh_tokens set revoked = true, updated_at = now() where session_id = ${row.session_id}`;
			return badRequest('refresh_token_already_used', 'Invalid Refresh Token: Already Used');
		}
		next = active.token;
	} else {
		next = newRefreshToken();
		await sql`update auth.refresh_tokens set revoked = true, updated_at = now() where id = ${row.id}`;
		await sql`insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
			values ('00000000-0000-0000-0000-000000000000', ${next}, ${row.user_id}, false, now(), now(), ${row.token}, ${row.session_id})`;
	}
	await sql`update auth.sessions set refreshed_at = now(), updated_at = now() where id = ${row.session_id}`;
	return sessionResponse(ctx, sql, user, row.session_id, row.aal ?? 'aal1', next);
}
