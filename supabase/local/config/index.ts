import { readFileSync } from 'node:fs';
import { parse } from 'smol-toml';

/** The subset of `supabase/config.toml` (the Supabase CLI's file) that the local runtime reads. */
export interface RuntimeConfig {
	projectId: string;
	api: { port: number; schemas: string[]; extraSearchPath: string[]; maxRows: number | null };
	db: { port: number; majorVersion: number };
	auth: {
		siteUrl: string;
		additionalRedirectUrls: string[];
		jwtExpiry: number;
		enableSignup: boolean;
		refreshTokenReuseInterval: number;
		rateLimit: Record<string, number>;
		email: { enableConfirmations: boolean; otpLength: number; otpExpiry: number };
		emailTemplates: Record<string, { subject?: string; contentPath?: string }>;
		minimumPasswordLength: number;
		passwordRequirements: string;
		maxEnrolledFactors: number;
		/** `[auth.hook.<name>]` tables, by name (`password_verification_attempt`, …). */
		hooks: Record<string, { enabled: boolean; uri: string }>;
	};
	localSmtp: { enabled: boolean; port: number; smtpPort: number };
}

type Table = Record<string, unknown>;
const table = (value: unknown): Table =>
	value && typeof value === 'object' && !Array.isArray(value) ? (value as Table) : {};
const num = (value: unknown, fallback: number) => (typeof value === 'number' ? value : fallback);
const str = (value: unknown, fallback: string) => (typeof value === 'string' ? value : fallback);
const bool = (value: unknown, fallback: boolean) => (typeof value === 'boolean' ? value : fallback);
const strings = (value: unknown, fallback: string[]) =>
	Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : fallback;

/** Reads config.toml with the Supabase CLI's defaults for anything left out. */
export function loadConfig(path: string | URL): RuntimeConfig {
	return parseConfig(readFileSync(path, 'utf8'));
}

/** Parses config.toml text; secrets never live in it (they come from the environment). */
export function parseConfig(text: string): RuntimeConfig {
	const root = parse(text) as Table;
	const api = table(root.api);
	const db = table(root.db);
	const auth = table(root.auth);
	const email = table(auth.email);
	const templates = table(email.template);
	const smtp = table(root.local_smtp);
	const rateLimit: Record<string, number> = {};
	for (const [key, value] of Object.entries(table(auth.rate_limit))) {
		if (typeof value === 'number') rateLimit[key] = value;
	}
	const hooks: RuntimeConfig['auth']['hooks'] = {};
	for (const [name, value] of Object.entries(table(auth.hook))) {
		const h = table(value);
		hooks[name] = { enabled: bool(h.enabled, false), uri: str(h.uri, '') };
	}
	const otpLength = num(email.otp_length, 6);
	// Supabase Auth accepts 6 to 10 digits (its config validation and the CLI's both refuse others).
	if (!Number.isInteger(otpLength) || otpLength < 6 || otpLength > 10) {
		throw new Error(`config.toml: [auth.email] otp_length must be 6 to 10, not ${otpLength}`);
	}
	const emailTemplates: RuntimeConfig['auth']['emailTemplates'] = {};
	for (const [name, value] of Object.entries(templates)) {
		const t = table(value);
		emailTemplates[name] = {
			subject: typeof t.subject === 'string' ? t.subject : undefined,
			contentPath: typeof t.content_path === 'string' ? t.content_path : undefined
		};
	}
	return {
		projectId: str(root.project_id, 'sammen'),
		api: {
			port: num(api.port, 54321),
			schemas: strings(api.schemas, ['public', 'graphql_public']),
			extraSearchPath: strings(api.extra_search_path, ['public', 'extensions']),
			maxRows: typeof api.max_rows === 'number' && api.max_rows > 0 ? api.max_rows : null
		},
		db: { port: num(db.port, 54322), majorVersion: num(db.major_version, 17) },
		auth: {
			siteUrl: str(auth.site_url, 'http://127.0.0.1:3000'),
			additionalRedirectUrls: strings(auth.additional_redirect_urls, []),
			jwtExpiry: num(auth.jwt_expiry, 3600),
			enableSignup: bool(auth.enable_signup, true),
			refreshTokenReuseInterval: num(auth.refresh_token_reuse_interval, 10),
			rateLimit,
			email: {
				enableConfirmations: bool(email.enable_confirmations, false),
				otpLength,
				otpExpiry: num(email.otp_expiry, 3600)
			},
			emailTemplates,
			minimumPasswordLength: num(auth.minimum_password_length, 6),
			passwordRequirements: str(auth.password_requirements, ''),
			maxEnrolledFactors: num(table(auth.mfa).max_enrolled_factors, 10),
			hooks
		},
		localSmtp: {
			enabled: bool(smtp.enabled, true),
			port: num(smtp.port, 54324),
			smtpPort: num(smtp.smtp_port, 54325)
		}
	};
}
