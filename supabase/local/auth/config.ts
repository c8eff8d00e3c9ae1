import type { RuntimeConfig } from '../config/index.ts';
import type { AuthConfig } from './context.ts';
import type { MailerConfig } from './mailer.ts';

export interface AuthOverrides extends Partial<AuthConfig> {
	jwtExpiry?: number;
	refreshTokenReuseInterval?: number;
}

/** The runtime's /auth/v1 settings from config.toml (`[auth]`), with overrides for tests. */
export function authOptions(
	config: RuntimeConfig,
	input: { workdir: string; authUrl: string; smtpPort: number; overrides?: AuthOverrides }
) {
	const o = input.overrides ?? {};
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
		...o
	};
	const mailer: MailerConfig = {
		host: '127.0.0.1',
		port: input.smtpPort,
		senderName: 'Sammen',
		adminEmail: 'ikke-svar@sammen.local',
		workdir: input.workdir,
		templates: config.auth.emailTemplates
	};
	return {
		url: input.authUrl,
		config: auth,
		mailer,
		jwtExpiry: o.jwtExpiry ?? config.auth.jwtExpiry,
		refreshTokenReuseInterval: o.refreshTokenReuseInterval ?? config.auth.refreshTokenReuseInterval
	};
}
