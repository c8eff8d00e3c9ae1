import { randomUUID } from 'node:crypto';
import type { AuthContext, AuthRequest } from './context.ts';
import { AuthError, badRequest } from './errors.ts';

/** One `[auth.hook.<name>]` that is enabled. Only Postgres functions are supported here. */
export interface HookConfig {
	/** `pg-functions://postgres/<schema>/<function>` */
	uri: string;
}

// supabase/auth internal/conf (postgresNamesRegexp): what a schema or function name may be.
const NAME = /^[a-zA-Z_][a-zA-Z0-9_]{0,62}$/;

/**
 * The function a hook URI names, quoted as Supabase Auth quotes it (`"schema"."function"`).
 * Throws for anything Supabase Auth would refuse at start-up.
 */
export function hookFunction(uri: string): string {
	const match = /^pg-functions:\/\/[^/]+\/([^/]+)\/([^/]+)$/.exec(uri);
	if (!match) {
		throw new Error(
			`Auth hook ${uri}: only pg-functions://postgres/<schema>/<function> hooks are supported locally`
		);
	}
	const [, schema, fn] = match;
	if (!NAME.test(schema) || !NAME.test(fn)) throw new Error(`Auth hook ${uri}: invalid name`);
	return `"${schema}"."${fn}"`;
}

// supabase/auth internal/hooks/v0hooks/v0pgfunc: the default time a hook function may run.
const TIMEOUT_MS = 2000;

/**
 * Calls a Postgres function hook as Supabase Auth does: in its own transaction (so what the hook
 * records stays even if the request then fails), as `supabase_auth_admin` (the Auth pool's role),
 * with a statement timeout. A failing function answers 500; an `error` in the output answers its
 * own status (internal/hooks/v0hooks/manager.go runHook, checkError).
 */
async function invoke(
	ctx: AuthContext,
	hook: HookConfig,
	event: Record<string, unknown>
): Promise<Record<string, unknown>> {
	const fn = hookFunction(hook.uri);
	let output: unknown;
	try {
		output = await ctx.sql.begin(async (sql) => {
			await sql.unsafe(`set local statement_timeout = ${TIMEOUT_MS}`);
			// `fn` is checked and quoted by hookFunction; the event is a bound parameter.
			const [row] =
				await sql`select ${sql.unsafe(fn)}(${sql.json(event as never)}::jsonb) as output`;
			return row?.output;
		});
	} catch (error) {
		ctx.log(`auth: hook ${hook.uri} failed: ${(error as Error).message}`);
		throw new AuthError(500, 'unexpected_failure', `Error running hook URI: ${hook.uri}`);
	}
	const result = (typeof output === 'string' ? JSON.parse(output) : output) ?? {};
	const hookError = (result as { error?: { http_code?: number; message?: string } }).error;
	if (hookError && (hookError.http_code || hookError.message)) {
		const status = hookError.http_code || 500;
		throw new AuthError(
			status,
			status === 500 ? 'unexpected_failure' : 'unknown',
			hookError.message ?? ''
		);
	}
	return result as Record<string, unknown>;
}

const DEFAULT_REJECTION = 'Further password verification attempts will be rejected.';

/**
 * The Password Verification Attempt hook (Supabase docs, Auth Hooks > Password verification hook;
 * supabase/auth internal/api/token.go ResourceOwnerPasswordGrant): told of every password check of
 * an existing user, it may reject the sign-in even with the right password, and log the user out.
 */
export async function passwordVerificationAttempt(
	ctx: AuthContext,
	req: AuthRequest,
	userId: string,
	valid: boolean
): Promise<void> {
	const hook = ctx.config.hooks?.passwordVerificationAttempt;
	if (!hook) return;
	const output = await invoke(ctx, hook, {
		metadata: {
			uuid: randomUUID(),
			time: new Date().toISOString(),
			name: 'password-verification',
			ip_address: req.ip
		},
		user_id: userId,
		valid
	});
	if (output.decision !== 'reject') return;
	if (output.should_logout_user === true) {
		await ctx.sql`delete from auth.sessions where user_id = ${userId}`;
	}
	const message = typeof output.message === 'string' && output.message ? output.message : '';
	throw badRequest('invalid_credentials', message || DEFAULT_REJECTION);
}
