import { z } from 'zod';

// Messages are i18n keys; `fieldErrors` translates them for the request's locale.
const email = z
	.string({ error: 'auth.errors.emailRequired' })
	.trim()
	.min(1, { error: 'auth.errors.emailRequired' })
	.max(255, { error: 'auth.errors.emailInvalid' })
	.pipe(z.email({ error: 'auth.errors.emailInvalid' }));

/** The password rules of supabase/config.toml: 10+ characters with lower, upper and digit. */
export const newPassword = z
	.string({ error: 'auth.errors.passwordRequired' })
	.min(10, { error: 'auth.errors.passwordTooShort' })
	.max(200, { error: 'auth.errors.passwordTooLong' })
	.refine((p) => /[a-z]/.test(p) && /[A-Z]/.test(p) && /\d/.test(p), {
		error: 'auth.errors.passwordCharacters'
	});

export const signUpSchema = z.object({ email, password: newPassword });
export const logInSchema = z.object({
	email,
	password: z
		.string({ error: 'auth.errors.passwordRequired' })
		.min(1, { error: 'auth.errors.passwordRequired' })
});
export const emailOnlySchema = z.object({ email });
export const newPasswordSchema = z.object({ password: newPassword });
export const totpCodeSchema = z.object({
	code: z
		.string({ error: 'auth.errors.codeInvalid' })
		.trim()
		.regex(/^\d{6}$/, { error: 'auth.errors.codeInvalid' })
});
/** A recovery code as printed (`k7m2q-x9p4r`); case, spaces and hyphens do not matter. */
export const recoveryCodeSchema = z.object({
	recoveryCode: z
		.string({ error: 'auth.errors.recoveryCode' })
		.trim()
		.regex(/^[A-Za-z0-9]{5}[\s-]?[A-Za-z0-9]{5}$/, { error: 'auth.errors.recoveryCode' })
});
export const localeSchema = z.object({
	locale: z.enum(['nb', 'en'], { error: 'account.errors.locale' })
});
