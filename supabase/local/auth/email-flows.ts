import { createHash, randomUUID } from 'node:crypto';
import bcrypt from 'bcryptjs';
import {
	checkPassword,
	requireEmail,
	safeRedirect,
	type AuthContext,
	type AuthRequest,
	type AuthResponse
} from './context.ts';
import {
	AuthError,
	badRequest,
	forbidden,
	notFound,
	otpExpired,
	unprocessable,
	validationFailed
} from './errors.ts';
import { renderMail, sendMail, type MailKind } from './mailer.ts';
import { createSession } from './sessions.ts';
import {
	confirmEmail,
	createUser,
	findByEmail,
	newOtp,
	tokenHash,
	userJson,
	type Sql,
	type UserRow
} from './users.ts';

type TokenType =
	'confirmation_token' | 'recovery_token' | 'email_change_token_new' | 'email_change_token_current';

const FIELD: Record<TokenType, { token: string; sentAt: string }> = {
	confirmation_token: { token: 'confirmation_token', sentAt: 'confirmation_sent_at' },
	recovery_token: { token: 'recovery_token', sentAt: 'recovery_sent_at' },
	email_change_token_new: { token: 'email_change_token_new', sentAt: 'email_change_sent_at' },
	email_change_token_current: {
		token: 'email_change_token_current',
		sentAt: 'email_change_sent_at'
	}
};

/** The verification types and the token each one consumes. */
const TYPES: Record<string, TokenType[]> = {
	signup: ['confirmation_token'],
	invite: ['confirmation_token'],
	magiclink: ['recovery_token'],
	recovery: ['recovery_token'],
	email: ['confirmation_token', 'recovery_token'],
	email_change: ['email_change_token_new', 'email_change_token_current']
};

/**
 * Issues a one-time token of `tokenType` to `user` and mails it with `kind`'s template. The code
 * is kept only as its hash (the mail carries the code and the hash; neither is logged).
 */
async function mailToken(
	ctx: AuthContext,
	sql: Sql,
	user: UserRow,
	tokenType: TokenType,
	kind: MailKind,
	verifyType: string,
	redirectTo: string,
	to = user.email!,
	pkce = false
): Promise<{ otp: string; hash: string }> {
	ctx.limiter.hit('email_sent', 'project');
	const otp = newOtp(ctx.config.otpLength);
	// A PKCE flow's link token is marked, so the link leads back with ?code= (supabase/auth).
	const hash = `${pkce ? 'pkce_' : ''}${tokenHash(to, otp)}`;
	const f = FIELD[tokenType];
	await sql.unsafe(
		`update auth.users set ${f.token} = $1, ${f.sentAt} = now(), updated_at = now() where id = $2`,
		[hash, user.id]
	);
	await sql`insert into auth.one_time_tokens (id, user_id, token_type, token_hash, relates_to)
		values (${randomUUID()}, ${user.id}, ${tokenType}, ${hash}, ${to})
		on conflict (user_id, token_type) do update set token_hash = excluded.token_hash,
			relates_to = excluded.relates_to, created_at = now(), updated_at = now()`;
	const confirmationUrl = `${ctx.session.issuer}/verify?token=${hash}&type=${verifyType}&redirect_to=${encodeURIComponent(redirectTo)}`;
	const { subject, html } = await renderMail(ctx.mailer, kind, {
		SiteURL: ctx.config.siteUrl,
		ConfirmationURL: confirmationUrl,
		Token: otp,
		TokenHash: hash,
		Email: user.email ?? to,
		NewEmail: tokenType === 'email_change_token_new' ? to : undefined,
		RedirectTo: redirectTo,
		Data: user.raw_user_meta_data ?? {}
	});
	await sendMail(ctx.mailer, to, subject, html).catch((error: Error) => {
		ctx.log(`auth: could not send ${kind} mail: ${error.message}`);
		throw new AuthError(500, 'unexpected_failure', 'Error sending confirmation email');
	});
	return { otp, hash };
}

/** PKCE: remembers the code challenge, so the e-mail link leads back with `?code=`. */
async function saveFlowState(
	sql: Sql,
	req: AuthRequest,
	user: UserRow,
	method: string
): Promise<boolean> {
	const challenge = req.body.code_challenge;
	if (typeof challenge !== 'string' || !challenge) return false;
	const how = String(req.body.code_challenge_method ?? 's256').toLowerCase();
	if (how !== 's256' && how !== 'plain') throw validationFailed('Invalid code_challenge_method');
	await sql`delete from auth.flow_state where user_id = ${user.id} and authentication_method = ${method}`;
	await sql`insert into auth.flow_state (id, user_id, auth_code, code_challenge_method, code_challenge,
		provider_type, created_at, updated_at, authentication_method)
		values (${randomUUID()}, ${user.id}, ${randomUUID()}, ${how}, ${challenge}, 'email', now(), now(), ${method})`;
	return true;
}

const FLOWS = {
	signup: {
		method: 'email/signup',
		tokenType: 'confirmation_token',
		kind: 'confirmation',
		verify: 'signup'
	},
	magiclink: {
		method: 'magiclink',
		tokenType: 'recovery_token',
		kind: 'magic_link',
		verify: 'magiclink'
	},
	recovery: {
		method: 'recovery',
		tokenType: 'recovery_token',
		kind: 'recovery',
		verify: 'recovery'
	}
} as const;

/** Mails a flow's link and code, remembering the client's PKCE challenge if it sent one. */
async function mailFlow(
	ctx: AuthContext,
	sql: Sql,
	req: AuthRequest,
	user: UserRow,
	flow: keyof typeof FLOWS,
	redirectTo: string
): Promise<void> {
	const f = FLOWS[flow];
	const pkce = await saveFlowState(sql, req, user, f.method);
	await mailToken(ctx, sql, user, f.tokenType, f.kind, f.verify, redirectTo, user.email!, pkce);
}

const redirectOf = (ctx: AuthContext, req: AuthRequest) =>
	safeRedirect(ctx.config, req.url.searchParams.get('redirect_to') ?? req.body.redirect_to);

const metadata = (value: unknown): Record<string, unknown> =>
	value && typeof value === 'object' && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: {};

export async function signup(ctx: AuthContext, req: AuthRequest): Promise<AuthResponse> {
	if (!ctx.config.enableSignup)
		throw unprocessable('signup_disabled', 'Signups not allowed for this instance');
	ctx.limiter.hit('sign_in_sign_ups', req.ip);
	const email = requireEmail(req.body.email);
	const password = checkPassword(ctx.config, req.body.password, 'Signup requires a valid password');
	const redirectTo = redirectOf(ctx, req);
	return ctx.sql.begin(async (sql) => {
		const existing = await findByEmail(sql, email);
		if (existing?.email_confirmed_at) {
			if (!ctx.config.enableConfirmations)
				throw unprocessable('user_already_exists', 'User already registered');
			// Do not reveal that the address is taken: answer with a look-alike user (no identities).
			const fake = await userJson(sql, {
				...existing,
				id: randomUUID(),
				raw_user_meta_data: metadata(req.body.data)
			});
			return {
				status: 200,
				body: {
					...fake,
					identities: [],
					role: '',
					confirmation_sent_at: new Date().toISOString(),
					email_confirmed_at: undefined,
					confirmed_at: undefined
				}
			};
		}
		const hash = await bcrypt.hash(password, 10);
		let user: UserRow;
		if (existing) {
			await sql`update auth.users set encrypted_password = ${hash},
				raw_user_meta_data = ${sql.json(metadata(req.body.data) as never)}, updated_at = now() where id = ${existing.id}`;
			user = (await findByEmail(sql, email))!;
		} else {
			user = await createUser(sql, {
				email,
				passwordHash: hash,
				userMetadata: metadata(req.body.data),
				confirmed: !ctx.config.enableConfirmations,
				identityInMetadata: true
			});
		}
		if (!ctx.config.enableConfirmations) {
			return {
				status: 200,
				body: await createSession(ctx.session, sql, user, 'password', { ip: req.ip })
			};
		}
		await mailFlow(ctx, sql, req, user, 'signup', redirectTo);
		return { status: 200, body: await userJson(sql, (await findByEmail(sql, email))!) };
	});
}

export async function otp(ctx: AuthContext, req: AuthRequest): Promise<AuthResponse> {
	const email = requireEmail(req.body.email);
	const redirectTo = redirectOf(ctx, req);
	return ctx.sql.begin(async (sql) => {
		let user = await findByEmail(sql, email);
		if (!user) {
			if (req.body.create_user === false) {
				throw unprocessable('otp_disabled', 'Signups not allowed for otp');
			}
			if (!ctx.config.enableSignup) {
				throw unprocessable('signup_disabled', 'Signups not allowed for this instance');
			}
			user = await createUser(sql, {
				email,
				passwordHash: null,
				userMetadata: metadata(req.body.data),
				confirmed: false,
				identityInMetadata: true
			});
		}
		if (!user.email_confirmed_at && ctx.config.enableConfirmations) {
			await mailFlow(ctx, sql, req, user, 'signup', redirectTo);
		} else {
			await mailFlow(ctx, sql, req, user, 'magiclink', redirectTo);
		}
		return { status: 200, body: {} };
	});
}

export async function recover(ctx: AuthContext, req: AuthRequest): Promise<AuthResponse> {
	const email = requireEmail(req.body.email);
	const redirectTo = redirectOf(ctx, req);
	await ctx.sql.begin(async (sql) => {
		const user = await findByEmail(sql, email);
		if (!user) return; // answer alike whether or not the address has an account
		await mailFlow(ctx, sql, req, user, 'recovery', redirectTo);
	});
	return { status: 200, body: {} };
}

export async function resend(ctx: AuthContext, req: AuthRequest): Promise<AuthResponse> {
	const email = requireEmail(req.body.email);
	const type = req.body.type;
	const redirectTo = redirectOf(ctx, req);
	await ctx.sql.begin(async (sql) => {
		const user = await findByEmail(sql, email);
		if (!user) return;
		if (type === 'signup') {
			if (user.email_confirmed_at) return;
			await mailToken(ctx, sql, user, 'confirmation_token', 'confirmation', 'signup', redirectTo);
		} else if (type === 'email_change') {
			if (!user.email_change) return;
			await mailToken(
				ctx,
				sql,
				user,
				'email_change_token_new',
				'email_change',
				'email_change',
				redirectTo,
				user.email_change
			);
		} else
			throw validationFailed('Missing one of these types: signup, email_change, sms, phone_change');
	});
	return { status: 200, body: {} };
}

/**
 * Finds the user a token (code + e-mail, or hash) was issued to, and consumes it. A secure
 * e-mail change needs both addresses' codes: the first answers `pending`.
 */
async function consumeToken(
	ctx: AuthContext,
	sql: Sql,
	type: string,
	input: { hash?: string; email?: string; code?: string }
): Promise<{ user: UserRow; tokenType: TokenType; pending: boolean }> {
	const tokenTypes = TYPES[type];
	if (!tokenTypes) throw validationFailed(`Verify requires a verification type`);
	// A link (hash) and a typed code fail with Supabase Auth's two different messages.
	const invalid = () =>
		input.hash ? forbidden('otp_expired', 'Email link is invalid or has expired') : otpExpired();
	let hashes: string[];
	if (input.hash) hashes = [input.hash];
	else {
		if (!input.email || !input.code)
			throw validationFailed('Verify requires either a token or a token hash');
		const h = tokenHash(input.email.toLowerCase(), input.code.trim());
		hashes = [h, `pkce_${h}`];
	}
	const [row] = await sql<
		{ user_id: string; token_type: TokenType; relates_to: string; created_at: Date }[]
	>`
		select user_id, token_type, relates_to, created_at from auth.one_time_tokens
		where token_hash = any(${hashes}) and token_type = any(${tokenTypes}::auth.one_time_token_type[])
		for update`;
	if (!row) throw invalid();
	if (input.email && row.relates_to.toLowerCase() !== input.email.toLowerCase()) throw invalid();
	if (Date.now() - row.created_at.getTime() > ctx.config.otpExpiry * 1000) throw invalid();
	await sql`delete from auth.one_time_tokens where user_id = ${row.user_id} and token_type = ${row.token_type}`;
	const f = FIELD[row.token_type];
	await sql.unsafe(`update auth.users set ${f.token} = '' where id = $1`, [row.user_id]);
	let pending = false;
	if (row.token_type.startsWith('email_change')) {
		const [other] = await sql`select 1 from auth.one_time_tokens
			where user_id = ${row.user_id} and token_type in ('email_change_token_new', 'email_change_token_current')`;
		pending = !!other;
		if (!pending) {
			await sql`update auth.users set email = email_change, email_change = '', email_change_confirm_status = 0,
				email_confirmed_at = now(), updated_at = now() where id = ${row.user_id}`;
			await sql`update auth.identities set identity_data = identity_data || jsonb_build_object('email', u.email)
				from auth.users u where u.id = ${row.user_id} and identities.user_id = u.id and provider = 'email'`;
		} else {
			await sql`update auth.users set email_change_confirm_status = 1 where id = ${row.user_id}`;
		}
	} else await confirmEmail(sql, row.user_id);
	const [user] = await sql<UserRow[]>`select * from auth.users where id = ${row.user_id}`;
	return { user, tokenType: row.token_type, pending };
}

const AMR: Record<string, string> = {
	signup: 'otp',
	email: 'otp',
	magiclink: 'otp',
	invite: 'invite',
	recovery: 'otp',
	email_change: 'otp'
};

const CHANGE_PENDING = {
	msg: 'Confirmation link accepted. Please proceed to confirm link sent to the other email',
	code: 200
};

/** POST /verify: a code with its e-mail, or a token hash → a session. */
export async function verifyPost(ctx: AuthContext, req: AuthRequest): Promise<AuthResponse> {
	ctx.limiter.hit('token_verifications', req.ip);
	const type = String(req.body.type ?? '');
	return ctx.sql.begin(async (sql) => {
		const { user, pending } = await consumeToken(ctx, sql, type, {
			hash: typeof req.body.token_hash === 'string' ? req.body.token_hash : undefined,
			email: typeof req.body.email === 'string' ? req.body.email : undefined,
			code: typeof req.body.token === 'string' ? req.body.token : undefined
		});
		if (pending) return { status: 200, body: CHANGE_PENDING };
		return {
			status: 200,
			body: await createSession(ctx.session, sql, user, AMR[type] ?? 'otp', { ip: req.ip })
		};
	});
}

/**
 * GET /verify (the link in a mail): redirects to `redirect_to` with the session in the fragment,
 * or with `?code=` for a PKCE flow; errors go in the fragment too, as Supabase Auth does.
 */
export async function verifyGet(ctx: AuthContext, req: AuthRequest): Promise<AuthResponse> {
	const q = req.url.searchParams;
	const type = q.get('type') ?? '';
	const redirectTo = safeRedirect(ctx.config, q.get('redirect_to'));
	const go = (location: string): AuthResponse => ({ status: 303, headers: { location } });
	try {
		ctx.limiter.hit('token_verifications', req.ip);
		return await ctx.sql.begin(async (sql) => {
			const { user, pending } = await consumeToken(ctx, sql, type, {
				hash: q.get('token') ?? undefined
			});
			if (pending) {
				const message = new URLSearchParams({ message: CHANGE_PENDING.msg });
				return go(`${redirectTo}#${message}`);
			}
			const method =
				type === 'recovery' ? 'recovery' : type === 'magiclink' ? 'magiclink' : 'email/signup';
			const [flow] = await sql<{ auth_code: string }[]>`
				update auth.flow_state set auth_code_issued_at = now(), updated_at = now()
				where user_id = ${user.id} and authentication_method = ${method} returning auth_code`;
			if (flow)
				return go(`${redirectTo}${redirectTo.includes('?') ? '&' : '?'}code=${flow.auth_code}`);
			const s = await createSession(ctx.session, sql, user, AMR[type] ?? 'otp', { ip: req.ip });
			const fragment = new URLSearchParams({
				access_token: s.access_token,
				expires_at: String(s.expires_at),
				expires_in: String(s.expires_in),
				refresh_token: s.refresh_token,
				token_type: 'bearer',
				type
			});
			return go(`${redirectTo}#${fragment}`);
		});
	} catch (error) {
		if (!(error instanceof AuthError)) throw error;
		const fragment = new URLSearchParams({
			error: error.status === 429 ? 'too_many_requests' : 'access_denied',
			error_code: error.code,
			error_description:
				error.code === 'otp_expired' ? 'Email link is invalid or has expired' : error.message
		});
		// A PKCE link's error goes in the query string too, where a server can read it.
		const query = (q.get('token') ?? '').startsWith('pkce_')
			? `${redirectTo.includes('?') ? '&' : '?'}${fragment}`
			: '';
		return go(`${redirectTo}${query}#${fragment}`);
	}
}

/** grant_type=pkce: the code from the e-mail link plus the verifier kept by the client. */
export async function exchangePkce(ctx: AuthContext, req: AuthRequest): Promise<AuthResponse> {
	const code = req.body.auth_code;
	const verifier = req.body.code_verifier;
	if (typeof code !== 'string' || typeof verifier !== 'string' || !code || !verifier) {
		throw validationFailed('invalid request: both auth code and code verifier should be non-empty');
	}
	return ctx.sql.begin(async (sql) => {
		const [flow] = await sql<
			{
				id: string;
				user_id: string;
				code_challenge: string;
				code_challenge_method: string;
				authentication_method: string;
				created_at: Date;
			}[]
		>`
			select * from auth.flow_state where auth_code = ${code} for update`;
		if (!flow)
			throw notFound('flow_state_not_found', 'invalid flow state, no valid flow state found');
		if (Date.now() - flow.created_at.getTime() > ctx.config.otpExpiry * 1000) {
			throw forbidden('flow_state_expired', 'invalid flow state, flow state has expired');
		}
		const computed =
			flow.code_challenge_method === 'plain'
				? verifier
				: createHash('sha256').update(verifier).digest('base64url');
		if (computed !== flow.code_challenge) {
			throw badRequest(
				'bad_code_verifier',
				'code challenge does not match previously saved code verifier'
			);
		}
		await sql`delete from auth.flow_state where id = ${flow.id}`;
		const [user] = await sql<UserRow[]>`select * from auth.users where id = ${flow.user_id}`;
		// The session's amr names the flow it came from (email/signup, magiclink, recovery).
		const method = flow.authentication_method;
		return {
			status: 200,
			body: await createSession(ctx.session, sql, user, method, { ip: req.ip })
		};
	});
}

/** POST /invite (secret key): creates the user and mails an invitation. */
export async function invite(ctx: AuthContext, req: AuthRequest): Promise<AuthResponse> {
	const email = requireEmail(req.body.email);
	const redirectTo = redirectOf(ctx, req);
	return ctx.sql.begin(async (sql) => {
		let user = await findByEmail(sql, email);
		if (user?.email_confirmed_at)
			throw unprocessable(
				'email_exists',
				'A user with this email address has already been registered'
			);
		user ??= await createUser(sql, {
			email,
			passwordHash: null,
			userMetadata: metadata(req.body.data),
			confirmed: false,
			invited: true
		});
		await mailToken(ctx, sql, user, 'confirmation_token', 'invite', 'invite', redirectTo);
		return { status: 200, body: await userJson(sql, (await findByEmail(sql, email))!) };
	});
}

/** POST /admin/generate_link: the link and code a mail would carry, without sending it. */
export async function generateLink(ctx: AuthContext, req: AuthRequest): Promise<AuthResponse> {
	const type = String(req.body.type ?? '');
	const email = requireEmail(req.body.email);
	const redirectTo = redirectOf(ctx, req);
	const kinds: Record<string, { tokenType: TokenType; verify: string }> = {
		signup: { tokenType: 'confirmation_token', verify: 'signup' },
		invite: { tokenType: 'confirmation_token', verify: 'invite' },
		magiclink: { tokenType: 'recovery_token', verify: 'magiclink' },
		recovery: { tokenType: 'recovery_token', verify: 'recovery' },
		email_change_new: { tokenType: 'email_change_token_new', verify: 'email_change' }
	};
	let kind = kinds[type];
	if (!kind) throw validationFailed('Invalid email action link type requested');
	return ctx.sql.begin(async (sql) => {
		let user = await findByEmail(sql, email);
		if (type === 'magiclink' && !user) {
			// An unknown address gets a sign-up link instead (supabase/auth mail.go).
			kind = kinds.signup;
			user = await createUser(sql, {
				email,
				passwordHash: null,
				userMetadata: metadata(req.body.data),
				confirmed: false
			});
		}
		if (type === 'signup') {
			if (user?.email_confirmed_at)
				throw unprocessable(
					'email_exists',
					'A user with this email address has already been registered'
				);
			const hash = await bcrypt.hash(checkPassword(ctx.config, req.body.password), 10);
			user ??= await createUser(sql, {
				email,
				passwordHash: hash,
				userMetadata: metadata(req.body.data),
				confirmed: false
			});
		} else if (type === 'invite') {
			if (user?.email_confirmed_at) {
				throw unprocessable(
					'email_exists',
					'A user with this email address has already been registered'
				);
			}
			user ??= await createUser(sql, {
				email,
				passwordHash: null,
				userMetadata: metadata(req.body.data),
				confirmed: false,
				invited: true
			});
		} else if (!user) throw notFound('user_not_found', 'User with this email not found');
		let to = email;
		if (type === 'email_change_new') {
			to = requireEmail(req.body.new_email);
			await sql`update auth.users set email_change = ${to} where id = ${user.id}`;
		}
		const otp = newOtp(ctx.config.otpLength);
		const hash = tokenHash(to, otp);
		const f = FIELD[kind.tokenType];
		await sql.unsafe(`update auth.users set ${f.token} = $1, ${f.sentAt} = now() where id = $2`, [
			hash,
			user.id
		]);
		await sql`insert into auth.one_time_tokens (id, user_id, token_type, token_hash, relates_to)
			values (${randomUUID()}, ${user.id}, ${kind.tokenType}, ${hash}, ${to})
			on conflict (user_id, token_type) do update set token_hash = excluded.token_hash, relates_to = excluded.relates_to, created_at = now()`;
		const fresh = (await findByEmail(sql, email))!;
		return {
			status: 200,
			body: {
				...(await userJson(sql, fresh)),
				action_link: `${ctx.session.issuer}/verify?token=${hash}&type=${kind.verify}&redirect_to=${encodeURIComponent(redirectTo)}`,
				email_otp: otp,
				hashed_token: hash,
				redirect_to: redirectTo,
				verification_type: kind.verify
			}
		};
	});
}

export { mailToken, metadata };
