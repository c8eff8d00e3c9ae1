import { randomUUID } from 'node:crypto';
import QRCode from 'qrcode';
import { requireUser, type AuthContext, type AuthRequest, type AuthResponse } from './context.ts';
import { AuthError, badRequest, notFound, unprocessable, validationFailed } from './errors.ts';
import { stepUp } from './sessions.ts';
import { newSecret, verifyTotp } from './totp.ts';

const CHALLENGE_SECONDS = 300;

/** POST /factors: enrols an (unverified) TOTP factor and returns its secret and QR code. */
export async function enroll(ctx: AuthContext, req: AuthRequest): Promise<AuthResponse> {
	const { user } = await requireUser(ctx, req);
	if (req.body.factor_type !== 'totp') {
		throw validationFailed('factor_type needs to be totp, phone or webauthn');
	}
	const friendlyName = typeof req.body.friendly_name === 'string' ? req.body.friendly_name : '';
	const [{ n }] = await ctx.sql<
		{ n: number }[]
	>`select count(*)::int as n from auth.mfa_factors where user_id = ${user.id}`;
	if (n >= ctx.config.maxEnrolledFactors) {
		throw unprocessable(
			'too_many_enrolled_mfa_factors',
			'Maximum number of verified factors reached, unenroll to continue'
		);
	}
	if (friendlyName) {
		const [clash] =
			await ctx.sql`select 1 from auth.mfa_factors where user_id = ${user.id} and friendly_name = ${friendlyName}`;
		if (clash) {
			throw unprocessable(
				'mfa_factor_name_conflict',
				`A factor with the friendly name "${friendlyName}" for this user already exists`
			);
		}
	}
	const issuer =
		typeof req.body.issuer === 'string' && req.body.issuer
			? req.body.issuer
			: new URL(ctx.config.siteUrl).host;
	const secret = newSecret();
	const id = randomUUID();
	await ctx.sql`insert into auth.mfa_factors (id, user_id, friendly_name, factor_type, status, created_at, updated_at, secret)
		values (${id}, ${user.id}, ${friendlyName || null}, 'totp', 'unverified', now(), now(), ${secret})`;
	const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(user.email ?? '')}`;
	const uri = `otpauth://totp/${label}?issuer=${encodeURIComponent(issuer)}&secret=${secret}`;
	const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
	return {
		status: 200,
		body: {
			id,
			type: 'totp',
			friendly_name: friendlyName,
			totp: { qr_code: `data:image/svg+xml;utf-8,${svg}`, secret, uri }
		}
	};
}

async function ownFactor(ctx: AuthContext, userId: string, factorId: string) {
	if (!/^[0-9a-f-]{36}$/i.test(factorId))
		throw notFound('mfa_factor_not_found', 'Factor not found');
	const [factor] = await ctx.sql<{ id: string; status: string; secret: string }[]>`
		select id, status, secret from auth.mfa_factors where id = ${factorId} and user_id = ${userId}`;
	if (!factor) throw notFound('mfa_factor_not_found', 'Factor not found');
	return factor;
}

export async function challenge(
	ctx: AuthContext,
	req: AuthRequest,
	factorId: string
): Promise<AuthResponse> {
	const { user } = await requireUser(ctx, req);
	await ownFactor(ctx, user.id, factorId);
	const id = randomUUID();
	const [row] = await ctx.sql<{ created_at: Date }[]>`
		insert into auth.mfa_challenges (id, factor_id, created_at, ip_address)
		values (${id}, ${factorId}, now(), ${req.ip || '127.0.0.1'}) returning created_at`;
	return {
		status: 200,
		body: {
			id,
			type: 'totp',
			expires_at: Math.floor(row.created_at.getTime() / 1000) + CHALLENGE_SECONDS
		}
	};
}

export async function verify(
	ctx: AuthContext,
	req: AuthRequest,
	factorId: string
): Promise<AuthResponse> {
	const { user, sessionId } = await requireUser(ctx, req);
	const factor = await ownFactor(ctx, user.id, factorId);
	const challengeId = String(req.body.challenge_id ?? '');
	const code = String(req.body.code ?? '');
	return ctx.sql.begin(async (sql) => {
		const [ch] = /^[0-9a-f-]{36}$/i.test(challengeId)
			? await sql<{ created_at: Date; verified_at: Date | null }[]>`
				select created_at, verified_at from auth.mfa_challenges where id = ${challengeId} and factor_id = ${factorId} for update`
			: [];
		if (!ch)
			throw notFound(
				'mfa_challenge_not_found',
				'MFA factor with the provided challenge ID not found'
			);
		if (ch.verified_at || Date.now() - ch.created_at.getTime() > CHALLENGE_SECONDS * 1000) {
			throw badRequest(
				'mfa_challenge_expired',
				`MFA challenge ${challengeId} has expired, verify against another challenge or create a new challenge.`
			);
		}
		if (!verifyTotp(factor.secret, code))
			throw unprocessable('mfa_verification_failed', 'Invalid TOTP code entered');
		await sql`update auth.mfa_challenges set verified_at = now() where id = ${challengeId}`;
		await sql`update auth.mfa_factors set status = 'verified', updated_at = now(), last_challenged_at = now() where id = ${factorId}`;
		// Other sessions signed in with less than this factor end (supabase/auth mfa.go).
		await sql`delete from auth.sessions where user_id = ${user.id} and id <> ${sessionId} and aal = 'aal1'`;
		return { status: 200, body: await stepUp(ctx.session, sql, user, sessionId, factorId, 'totp') };
	});
}

export async function unenroll(
	ctx: AuthContext,
	req: AuthRequest,
	factorId: string
): Promise<AuthResponse> {
	const { user, aal } = await requireUser(ctx, req);
	const factor = await ownFactor(ctx, user.id, factorId);
	if (factor.status === 'verified' && aal !== 'aal2') {
		throw new AuthError(422, 'insufficient_aal', 'AAL2 required to unenroll verified factor');
	}
	await ctx.sql`delete from auth.mfa_factors where id = ${factorId}`;
	return { status: 200, body: { id: factorId } };
}
