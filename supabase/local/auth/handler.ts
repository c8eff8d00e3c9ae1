import bcrypt from 'bcryptjs';
import * as admin from './admin.ts';
import {
	checkPassword,
	requireAdmin,
	requireEmail,
	requireUser,
	type AuthContext,
	type AuthRequest,
	type AuthResponse
} from './context.ts';
import * as email from './email-flows.ts';
import { AuthError, badRequest, unprocessable, validationFailed } from './errors.ts';
import { passwordVerificationAttempt } from './hooks.ts';
import * as mfa from './mfa.ts';
import { clientAddress, sbForwardedForFromEnv } from './rate-limit.ts';
import { createSession, refresh } from './sessions.ts';
import { findByEmail, findById, userJson, type Sql } from './users.ts';

const API_VERSION = '2024-01-01';

/** One request to /auth/v1, answered as Supabase Auth answers it. Never throws. */
export async function handleAuth(ctx: AuthContext, request: AuthRequest): Promise<AuthResponse> {
	// The address limits, sessions and hooks see: Sb-Forwarded-For's, when it is honoured.
	const sbff = ctx.config.sbForwardedForEnabled ?? sbForwardedForFromEnv() ?? false;
	const ip = clientAddress(request.headers, request.ip, sbff);
	const req = { ...request, ip };
	const apiVersion = req.headers.get('x-supabase-api-version');
	const versionHeader: Record<string, string> = apiVersion
		? { 'x-supabase-api-version': API_VERSION }
		: {};
	try {
		const res = await route(ctx, req);
		return { ...res, headers: { ...versionHeader, ...(res.headers ?? {}) } };
	} catch (error) {
		if (error instanceof AuthError) {
			return {
				status: error.status,
				headers: { ...versionHeader, ...error.headers },
				body: error.body(apiVersion)
			};
		}
		// Never echo the request: it may hold passwords or tokens.
		ctx.log(`auth: unexpected error in ${req.method} ${req.path}: ${(error as Error).message}`);
		const internal = new AuthError(500, 'unexpected_failure', 'Internal Server Error');
		return { status: 500, headers: versionHeader, body: internal.body(apiVersion) };
	}
}

async function route(ctx: AuthContext, req: AuthRequest): Promise<AuthResponse> {
	const { method, path } = req;
	const factor = /^\/factors\/([^/]+)(?:\/(challenge|verify))?$/.exec(path);
	const adminUser = /^\/admin\/users\/([^/]+)$/.exec(path);
	const adminFactor = /^\/admin\/users\/([^/]+)\/factors\/([^/]+)$/.exec(path);
	const shape = factor
		? '/factors/:id' + (factor[2] ? `/${factor[2]}` : '')
		: adminUser
			? '/admin/users/:id'
			: adminFactor
				? '/admin/users/:id/factors/:factorId'
				: path;
	switch (`${method} ${shape}`) {
		case 'GET /health':
			return {
				status: 200,
				body: {
					version: 'sammen-local',
					name: 'GoTrue',
					description: 'GoTrue is a user registration and authentication API'
				}
			};
		case 'GET /settings':
			return { status: 200, body: settings(ctx) };
		case 'POST /signup':
			return email.signup(ctx, req);
		case 'POST /token':
			return token(ctx, req);
		case 'POST /otp':
		case 'POST /magiclink':
			return email.otp(ctx, req);
		case 'POST /verify':
			return email.verifyPost(ctx, req);
		case 'GET /verify':
			return email.verifyGet(ctx, req);
		case 'POST /recover':
			return email.recover(ctx, req);
		case 'POST /resend':
			return email.resend(ctx, req);
		case 'GET /user':
			return { status: 200, body: await userJson(ctx.sql, (await requireUser(ctx, req)).user) };
		case 'PUT /user':
			return updateUser(ctx, req);
		case 'POST /logout':
			return logout(ctx, req);
		case 'POST /factors':
			return mfa.enroll(ctx, req);
		case 'POST /factors/:id/challenge':
			return mfa.challenge(ctx, req, factor![1]);
		case 'POST /factors/:id/verify':
			return mfa.verify(ctx, req, factor![1]);
		case 'DELETE /factors/:id':
			return mfa.unenroll(ctx, req, factor![1]);
		case 'POST /invite':
			requireAdmin(req);
			return email.invite(ctx, req);
		case 'GET /admin/users':
			requireAdmin(req);
			return admin.listUsers(ctx, req);
		case 'POST /admin/users':
			requireAdmin(req);
			return admin.createAdminUser(ctx, req);
		case 'GET /admin/users/:id':
			requireAdmin(req);
			return admin.getUser(ctx, req, adminUser![1]);
		case 'PUT /admin/users/:id':
			requireAdmin(req);
			return admin.updateUser(ctx, req, adminUser![1]);
		case 'DELETE /admin/users/:id':
			requireAdmin(req);
			return admin.deleteUser(ctx, req, adminUser![1]);
		case 'DELETE /admin/users/:id/factors/:factorId':
			requireAdmin(req);
			return admin.deleteFactor(ctx, req, adminFactor![1], adminFactor![2]);
		case 'POST /admin/generate_link':
			requireAdmin(req);
			return email.generateLink(ctx, req);
		default:
			throw new AuthError(404, 'not_found', 'Not Found');
	}
}

function settings(ctx: AuthContext) {
	const providers = [
		'anonymous_users',
		'apple',
		'azure',
		'bitbucket',
		'discord',
		'facebook',
		'figma',
		'fly',
		'github',
		'gitlab',
		'google',
		'keycloak',
		'kakao',
		'linkedin',
		'linkedin_oidc',
		'notion',
		'spotify',
		'slack',
		'slack_oidc',
		'workos',
		'twitch',
		'twitter',
		'x',
		'zoom',
		'phone'
	];
	return {
		external: { ...Object.fromEntries(providers.map((p) => [p, false])), email: true },
		disable_signup: !ctx.config.enableSignup,
		mailer_autoconfirm: !ctx.config.enableConfirmations,
		phone_autoconfirm: false,
		sms_provider: '',
		saml_enabled: false
	};
}

async function token(ctx: AuthContext, req: AuthRequest): Promise<AuthResponse> {
	const grant = req.url.searchParams.get('grant_type');
	if (grant === 'password') {
		ctx.limiter.hit('sign_in_sign_ups', req.ip);
		const address = requireEmail(req.body.email);
		const password = typeof req.body.password === 'string' ? req.body.password : '';
		const user = await findByEmail(ctx.sql, address);
		// Same answer for an unknown address and a wrong password; compare anyway to even the timing.
		const ok = await bcrypt.compare(
			password,
			user?.encrypted_password ?? '$2b$10$invalidinvalidinvalidinvalidinvalidinvalidinvalidinval'
		);
		if (!user || !user.encrypted_password)
			throw badRequest('invalid_credentials', 'Invalid login credentials');
		// The hook hears of every check of an existing user's password, right or wrong (token.go).
		await passwordVerificationAttempt(ctx, req, user.id, ok);
		if (!ok) throw badRequest('invalid_credentials', 'Invalid login credentials');
		if (!user.email_confirmed_at && ctx.config.enableConfirmations)
			throw badRequest('email_not_confirmed', 'Email not confirmed');
		if (user.banned_until && user.banned_until.getTime() > Date.now())
			throw badRequest('user_banned', 'User is banned');
		const session = await ctx.sql.begin((sql) =>
			createSession(ctx.session, sql, user, 'password', {
				ip: req.ip,
				userAgent: req.headers.get('user-agent') ?? undefined
			})
		);
		return { status: 200, body: { ...session, ...weakPasswordNotice(ctx, password) } };
	}
	if (grant === 'refresh_token') {
		ctx.limiter.hit('token_refresh', req.ip);
		const value = req.body.refresh_token;
		if (typeof value !== 'string' || !value)
			throw badRequest('refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
		const result = await ctx.sql.begin((sql) => refresh(ctx.session, sql, value));
		if (result instanceof AuthError) throw result;
		return { status: 200, body: result };
	}
	if (grant === 'pkce') return email.exchangePkce(ctx, req);
	throw badRequest('validation_failed', 'unsupported_grant_type');
}

/** A sign-in with a password that no longer meets the rules still works, with a notice. */
function weakPasswordNotice(ctx: AuthContext, password: string) {
	try {
		checkPassword(ctx.config, password);
		return {};
	} catch (error) {
		if (!(error instanceof AuthError) || error.code !== 'weak_password') return {};
		return {
			weak_password: {
				reasons: (error.extra.weak_password as { reasons: string[] }).reasons,
				message: error.message
			}
		};
	}
}

async function updateUser(ctx: AuthContext, req: AuthRequest): Promise<AuthResponse> {
	const { user, sessionId, aal } = await requireUser(ctx, req);
	return ctx.sql.begin(async (sql) => {
		const changesCredentials = req.body.password !== undefined || req.body.email !== undefined;
		if (changesCredentials && aal !== 'aal2') {
			const [factor] =
				await sql`select 1 from auth.mfa_factors where user_id = ${user.id} and status = 'verified'`;
			if (factor) {
				throw new AuthError(
					401,
					'insufficient_aal',
					'AAL2 session is required to update email or password when MFA is enabled.'
				);
			}
		}
		if (req.body.password !== undefined) {
			const password = checkPassword(ctx.config, req.body.password);
			if (user.encrypted_password && (await bcrypt.compare(password, user.encrypted_password))) {
				throw unprocessable(
					'same_password',
					'New password should be different from the old password.'
				);
			}
			await sql`update auth.users set encrypted_password = ${await bcrypt.hash(password, 10)}, updated_at = now() where id = ${user.id}`;
			// A new password ends every other session (supabase/auth user.go).
			await sql`delete from auth.sessions where user_id = ${user.id} and id <> ${sessionId}`;
		}
		if (req.body.data !== undefined)
			await mergeMetadata(sql, user.id, email.metadata(req.body.data));
		if (req.body.email !== undefined) {
			const next = requireEmail(req.body.email);
			if (next !== user.email) {
				const other = await findByEmail(sql, next);
				if (other)
					throw unprocessable(
						'email_exists',
						'A user with this email address has already been registered'
					);
				await sql`update auth.users set email_change = ${next}, email_change_confirm_status = 0 where id = ${user.id}`;
				const fresh = (await findById(sql, user.id))!;
				const redirectTo = req.url.searchParams.get('redirect_to') ?? ctx.config.siteUrl;
				// double_confirm_changes: both the new and the current address confirm the change.
				await email.mailToken(
					ctx,
					sql,
					fresh,
					'email_change_token_new',
					'email_change',
					'email_change',
					redirectTo,
					next
				);
				await email.mailToken(
					ctx,
					sql,
					fresh,
					'email_change_token_current',
					'email_change',
					'email_change',
					redirectTo,
					user.email!
				);
			}
		}
		if (req.body.nonce !== undefined && typeof req.body.nonce !== 'string')
			throw validationFailed('Invalid nonce');
		return { status: 200, body: await userJson(sql, (await findById(sql, user.id))!) };
	});
}

/** Merges `data` into user_metadata key by key; a null value removes the key. */
export async function mergeMetadata(sql: Sql, userId: string, data: Record<string, unknown>) {
	const removed = Object.keys(data).filter((k) => data[k] === null);
	const kept = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== null));
	await sql`update auth.users set raw_user_meta_data =
		(coalesce(raw_user_meta_data, '{}') || ${sql.json(kept as never)}) - ${removed}::text[],
		updated_at = now() where id = ${userId}`;
}

async function logout(ctx: AuthContext, req: AuthRequest): Promise<AuthResponse> {
	const { user, sessionId } = await requireUser(ctx, req);
	const scope = req.url.searchParams.get('scope') ?? 'global';
	if (scope === 'local') await ctx.sql`delete from auth.sessions where id = ${sessionId}`;
	else if (scope === 'others')
		await ctx.sql`delete from auth.sessions where user_id = ${user.id} and id <> ${sessionId}`;
	else if (scope === 'global') await ctx.sql`delete from auth.sessions where user_id = ${user.id}`;
	else throw validationFailed(`Unsupported logout scope "${scope}"`);
	return { status: 204 };
}
