import type { RuntimeConfig } from '../config/index.ts';
import type { AuthConfig } from './context.ts';
import { hookFunction } from './hooks.ts';
import type { MailerConfig } from './mailer.ts';
import { sbForwardedForFromEnv } from './rate-limit.ts';

export { sbForwardedForFromEnv };

export interface AuthOverrides extends Partial<AuthConfig> {
	jwtExpiry?: number;
	refreshTokenReuseInterval?: number;
	/** Replaces config.toml's `[auth.email.template.*]` (the conformance suite's own templates). */
	emailTemplates?: RuntimeConfig['auth']['emailTemplates'];
}

/**
 * The runtime's /auth/v1 settings from config.toml (`[auth]`), with overrides for tests. This is
 * what the local stack (`npm start`, `npm run dev`, the e2e tests) and the Vitest runtimes use:
 * there Sb-Forwarded-For is honoured (the app forwards each visitor's address in it) unless
 * GOTRUE_SECURITY_SB_FORWARDED_FOR_ENABLED=false says otherwise, or an override does.
 */
export function authOptions(
	config: RuntimeConfig,
	input: { workdir: string; authUrl: string; smtpPort: number; overrides?: AuthOverrides }
) {
	const { emailTemplates, jwtExpiry, refreshTokenReuseInterval, ...o } = input.overrides ?? {};
	const password = config.auth.hooks.password_verification_attempt;
	// A hook URI Supabase Auth would refuse stops the start, as it stops Supabase Auth's.
	if (password?.enabled) hookFunction(password.uri);
	const auth: AuthConfig = {
		siteUrl: config.auth.siteUrl,
		additionalRedirectUrls: config.auth.additionalRedirectUrls,
		enableSignup: config.auth.enableSignup,
		enableConfirmations: config.auth.email.enableConfirmations,
		otpLength: config.auth.email.otpLength,
		otpExpiry: config.auth.email.otpExpiry,
		minimumPasswordLength: config.auth.minimumPasswordLength,
		passwordRequirements: config.auth.passwordRequirements,
		rateLimit: config.auth.rateLimit,
		maxEnrolledFactors: config.auth.maxEnrolledFactors,
		sbForwardedForEnabled: sbForwardedForFromEnv() ?? true,
		hooks: password?.enabled ? { passwordVerificationAttempt: { uri: password.uri } } : {},
		...o
	};
	const mailer: MailerConfig = {
		host: '127.0.0.1',
		port: input.smtpPort,
		senderName: 'Sammen',
		adminEmail: 'ikke-svar@sammen.local',
		workdir: input.workdir,
		templates: emailTemplates ?? config.auth.emailTemplates
	};
	return {
		url: input.authUrl,
		config: auth,
		mailer,
		jwtExpiry: jwtExpiry ?? config.auth.jwtExpiry,
		refreshTokenReuseInterval: refreshTokenReuseInterval ?? config.auth.refreshTokenReuseInterval
	};
}
