import { createHash, randomInt } from 'node:crypto';
import type postgres from 'postgres';

export type Sql = postgres.Sql | postgres.TransactionSql;

export interface UserRow {
	id: string;
	aud: string;
	role: string;
	email: string | null;
	encrypted_password: string | null;
	email_confirmed_at: Date | null;
	invited_at: Date | null;
	confirmation_token: string | null;
	confirmation_sent_at: Date | null;
	recovery_token: string | null;
	recovery_sent_at: Date | null;
	email_change_token_new: string | null;
	email_change: string | null;
	email_change_sent_at: Date | null;
	last_sign_in_at: Date | null;
	raw_app_meta_data: Record<string, unknown> | null;
	raw_user_meta_data: Record<string, unknown> | null;
	created_at: Date;
	updated_at: Date;
	phone: string | null;
	confirmed_at: Date | null;
	banned_until: Date | null;
	is_anonymous: boolean;
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : undefined);

/** Supabase Auth's token hash for an e-mail OTP: hex SHA-224 of e-mail + code (crypto.GenerateTokenHash). */
export const tokenHash = (email: string, otp: string) =>
	createHash('sha224')
		.update(email + otp)
		.digest('hex');

/** A numeric one-time code of `length` digits. */
export const newOtp = (length: number) => Array.from({ length }, () => randomInt(0, 10)).join('');

export async function findByEmail(sql: Sql, email: string): Promise<UserRow | undefined> {
	const [row] = await sql<UserRow[]>`
		select * from auth.users where lower(email) = lower(${email}) and deleted_at is null`;
	return row;
}

export async function findById(sql: Sql, id: string): Promise<UserRow | undefined> {
	if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
	const [row] = await sql<
		UserRow[]
	>`select * from auth.users where id = ${id} and deleted_at is null`;
	return row;
}

/** Creates a user with an e-mail identity, as Supabase Auth does on sign-up. */
export async function createUser(
	sql: Sql,
	input: {
		email: string;
		passwordHash: string | null;
		userMetadata: Record<string, unknown>;
		appMetadata?: Record<string, unknown>;
		confirmed: boolean;
		invited?: boolean;
		/** Self sign-up keeps the identity's claims in user_metadata; the admin API does not. */
		identityInMetadata?: boolean;
		/** The admin API may choose the id. */
		id?: string;
	}
): Promise<UserRow> {
	const id = input.id ?? crypto.randomUUID();
	const app = { provider: 'email', providers: ['email'], ...(input.appMetadata ?? {}) };
	const email = input.email.toLowerCase();
	// The e-mail identity's claims sit beside the sign-up data, as Supabase Auth stores them.
	const identityClaims = { sub: id, email, email_verified: input.confirmed, phone_verified: false };
	const userMetadata = input.identityInMetadata
		? { ...input.userMetadata, ...identityClaims }
		: input.userMetadata;
	const [user] = await sql<UserRow[]>`
		insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
			invited_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at, is_super_admin,
			confirmation_token, recovery_token, email_change_token_new, email_change, is_anonymous)
		values ('00000000-0000-0000-0000-000000000000', ${id}, 'authenticated', 'authenticated',
			${input.email.toLowerCase()}, ${input.passwordHash},
			${input.confirmed ? sql`now()` : null}, ${input.invited ? sql`now()` : null},
			${sql.json(app as never)}, ${sql.json(userMetadata as never)}, now(), now(), false,
			'', '', '', '', false)
		returning *`;
	const identityData = identityClaims;
	await sql`
		insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
		values (${id}, ${id}, ${sql.json(identityData)}, 'email', now(), now(), now())`;
	return user;
}

/** The user as Supabase Auth returns it (models.User), with identities and MFA factors. */
export async function userJson(sql: Sql, user: UserRow): Promise<Record<string, unknown>> {
	const identities = await sql<
		{
			id: string;
			user_id: string;
			identity_data: unknown;
			provider: string;
			last_sign_in_at: Date | null;
			created_at: Date;
			updated_at: Date;
			email: string | null;
			provider_id: string;
		}[]
	>`select * from auth.identities where user_id = ${user.id} order by created_at`;
	const factors = await sql<
		{
			id: string;
			friendly_name: string | null;
			factor_type: string;
			status: string;
			created_at: Date;
			updated_at: Date;
		}[]
	>`select id, friendly_name, factor_type, status, created_at, updated_at from auth.mfa_factors
		where user_id = ${user.id} order by created_at`;
	const json: Record<string, unknown> = {
		id: user.id,
		aud: user.aud,
		role: user.role,
		email: user.email ?? '',
		email_confirmed_at: iso(user.email_confirmed_at),
		phone: user.phone ?? '',
		confirmation_sent_at: iso(user.confirmation_sent_at),
		confirmed_at: iso(user.confirmed_at),
		recovery_sent_at: iso(user.recovery_sent_at),
		new_email: user.email_change || undefined,
		email_change_sent_at: iso(user.email_change_sent_at),
		invited_at: iso(user.invited_at),
		last_sign_in_at: iso(user.last_sign_in_at),
		app_metadata: user.raw_app_meta_data ?? {},
		user_metadata: user.raw_user_meta_data ?? {},
		identities: identities.map((i) => ({
			identity_id: i.id,
			id: i.provider_id,
			user_id: i.user_id,
			identity_data: i.identity_data,
			provider: i.provider,
			last_sign_in_at: iso(i.last_sign_in_at),
			created_at: iso(i.created_at),
			updated_at: iso(i.updated_at),
			email: i.email ?? undefined
		})),
		created_at: iso(user.created_at),
		updated_at: iso(user.updated_at),
		banned_until: iso(user.banned_until),
		is_anonymous: user.is_anonymous
	};
	if (factors.length) {
		json.factors = factors.map((f) => ({
			id: f.id,
			friendly_name: f.friendly_name ?? '',
			factor_type: f.factor_type,
			status: f.status,
			created_at: iso(f.created_at),
			updated_at: iso(f.updated_at)
		}));
	}
	for (const k of Object.keys(json)) if (json[k] === undefined) delete json[k];
	return json;
}

/** Marks the user's e-mail as confirmed (and its identity as verified). */
export async function confirmEmail(sql: Sql, id: string): Promise<void> {
	await sql`update auth.users set email_confirmed_at = coalesce(email_confirmed_at, now()),
		confirmation_token = '', updated_at = now(),
		raw_user_meta_data = coalesce(raw_user_meta_data, '{}') || '{"email_verified": true}'::jsonb
		where id = ${id}`;
	await sql`update auth.identities set identity_data = identity_data || '{"email_verified": true}'::jsonb
		where user_id = ${id} and provider = 'email'`;
	await sql`delete from auth.one_time_tokens where user_id = ${id} and token_type = 'confirmation_token'`;
}
