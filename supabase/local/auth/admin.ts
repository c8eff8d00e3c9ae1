import bcrypt from 'bcryptjs';
import {
	checkPassword,
	requireEmail,
	type AuthContext,
	type AuthRequest,
	type AuthResponse
} from './context.ts';
import { notFound, unprocessable, validationFailed } from './errors.ts';
import { metadata } from './email-flows.ts';
import { mergeMetadata } from './handler.ts';
import {
	confirmEmail,
	createUser,
	findByEmail,
	findById,
	userJson,
	type Sql,
	type UserRow
} from './users.ts';

/** `ban_duration`: "none", or a Go duration such as "24h" or "1h30m". */
function banUntil(value: unknown): Date | null | undefined {
	if (value === undefined) return undefined;
	if (value === 'none' || value === '') return null;
	const m = typeof value === 'string' ? /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(value) : null;
	if (!m || !value) throw validationFailed('invalid format for ban duration');
	const ms = ((Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 1000;
	return new Date(Date.now() + ms);
}

async function update(
	sql: Sql,
	ctx: AuthContext,
	user: UserRow,
	body: Record<string, unknown>
): Promise<void> {
	if (body.email !== undefined) {
		const email = requireEmail(body.email);
		const other = await findByEmail(sql, email);
		if (other && other.id !== user.id)
			throw unprocessable(
				'email_exists',
				'A user with this email address has already been registered'
			);
		await sql`update auth.users set email = ${email} where id = ${user.id}`;
		await sql`update auth.identities set identity_data = identity_data || jsonb_build_object('email', ${email}::text) where user_id = ${user.id} and provider = 'email'`;
	}
	if (body.password !== undefined) {
		const hash = await bcrypt.hash(checkPassword(ctx.config, body.password), 10);
		await sql`update auth.users set encrypted_password = ${hash} where id = ${user.id}`;
	}
	if (body.email_confirm === true) await confirmEmail(sql, user.id);
	if (body.user_metadata !== undefined) {
		// Merged key by key; a null removes the key (supabase/auth admin.go).
		await mergeMetadata(sql, user.id, metadata(body.user_metadata));
	}
	if (body.app_metadata !== undefined) {
		await sql`update auth.users set raw_app_meta_data = coalesce(raw_app_meta_data, '{}') || ${sql.json(metadata(body.app_metadata) as never)} where id = ${user.id}`;
	}
	const ban = banUntil(body.ban_duration);
	if (ban !== undefined)
		await sql`update auth.users set banned_until = ${ban} where id = ${user.id}`;
	await sql`update auth.users set updated_at = now() where id = ${user.id}`;
}

export async function listUsers(ctx: AuthContext, req: AuthRequest): Promise<AuthResponse> {
	const page = Math.max(1, Number(req.url.searchParams.get('page')) || 1);
	const perPage = Math.min(1000, Math.max(1, Number(req.url.searchParams.get('per_page')) || 50));
	const [{ total }] = await ctx.sql<
		{ total: number }[]
	>`select count(*)::int as total from auth.users where deleted_at is null`;
	const rows = await ctx.sql<UserRow[]>`select * from auth.users where deleted_at is null
		order by created_at desc, id limit ${perPage} offset ${(page - 1) * perPage}`;
	const users = [];
	for (const row of rows) users.push(await userJson(ctx.sql, row));
	const last = Math.max(1, Math.ceil(total / perPage));
	const base = `${ctx.session.issuer}/admin/users`;
	const links = [];
	if (page < last) links.push(`<${base}?page=${page + 1}&per_page=${perPage}>; rel="next"`);
	links.push(`<${base}?page=${last}&per_page=${perPage}>; rel="last"`);
	return {
		status: 200,
		headers: { 'x-total-count': String(total), link: links.join(', ') },
		body: { users, aud: 'authenticated' }
	};
}

export async function createAdminUser(ctx: AuthContext, req: AuthRequest): Promise<AuthResponse> {
	if (!req.body.email && !req.body.phone) {
		throw validationFailed('Cannot create a user without either an email or phone');
	}
	const email = requireEmail(req.body.email);
	return ctx.sql.begin(async (sql) => {
		if (await findByEmail(sql, email)) {
			throw unprocessable(
				'email_exists',
				'A user with this email address has already been registered'
			);
		}
		const hash =
			req.body.password === undefined
				? null
				: // The admin API does not apply the password rules (supabase/auth admin.go).
					await bcrypt.hash(String(req.body.password), 10);
		const user = await createUser(sql, {
			email,
			passwordHash: hash,
			userMetadata: metadata(req.body.user_metadata),
			appMetadata: metadata(req.body.app_metadata),
			confirmed: req.body.email_confirm === true,
			id:
				typeof req.body.id === 'string' && /^[0-9a-f-]{36}$/i.test(req.body.id)
					? req.body.id
					: undefined
		});
		await update(sql, ctx, user, { ban_duration: req.body.ban_duration });
		return { status: 200, body: await userJson(sql, (await findById(sql, user.id))!) };
	});
}

async function existing(ctx: AuthContext | Sql, id: string, sql?: Sql): Promise<UserRow> {
	const user = await findById(sql ?? (ctx as AuthContext).sql, id);
	if (!user) throw notFound('user_not_found', 'User not found');
	return user;
}

export async function getUser(
	ctx: AuthContext,
	_req: AuthRequest,
	id: string
): Promise<AuthResponse> {
	return { status: 200, body: await userJson(ctx.sql, await existing(ctx, id)) };
}

export async function updateUser(
	ctx: AuthContext,
	req: AuthRequest,
	id: string
): Promise<AuthResponse> {
	return ctx.sql.begin(async (sql) => {
		const user = await existing(ctx, id, sql);
		await update(sql, ctx, user, req.body);
		return { status: 200, body: await userJson(sql, (await findById(sql, id))!) };
	});
}

export async function deleteUser(
	ctx: AuthContext,
	_req: AuthRequest,
	id: string
): Promise<AuthResponse> {
	await existing(ctx, id);
	await ctx.sql`delete from auth.users where id = ${id}`;
	return { status: 200, body: {} };
}

/**
 * Removes one of a user's MFA factors, verified or not (supabase/auth internal/api/mfa.go
 * `adminUserDeleteFactor`: 404 factor_not_found for another user's factor; answers the factor).
 */
export async function deleteFactor(
	ctx: AuthContext,
	_req: AuthRequest,
	userId: string,
	factorId: string
): Promise<AuthResponse> {
	await existing(ctx, userId);
	const [factor] = await ctx.sql<{ id: string }[]>`
		delete from auth.mfa_factors where id = ${factorId} and user_id = ${userId} returning id`;
	if (!factor) throw notFound('mfa_factor_not_found', 'Factor not found');
	return { status: 200, body: { id: factor.id } };
}
