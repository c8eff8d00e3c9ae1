// Conformance: `[auth.email] otp_length` sets how many digits Auth's e-mailed codes have, and so
// the token behind a link (its hash is sha224(email + code)).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	client,
	createConfirmedUser,
	mailTokenHash,
	nextMail,
	startRuntime,
	tokenHash,
	type Runtime
} from './helpers.ts';

let rt: Runtime;
beforeAll(async () => {
	rt = await startRuntime({ auth: { otpLength: 10 } });
});
afterAll(async () => {
	await rt?.stop();
});

/** The one run of digits in a mail of the suite's templates ("Code: {{ .Token }}"). */
const codeOf = (html: string) => /Code: (\d+)/.exec(html)?.[1];

describe('otp_length = 10', () => {
	// Source: supabase/auth internal/conf MailerConfiguration.OtpLength (GOTRUE_MAILER_OTP_LENGTH,
	// 6 to 10) and internal/crypto GenerateOtp (that many digits); internal/api/verify.go (the code
	// and the link's token hash both verify).
	it('mails a ten-digit code whose hash is the link token, and accepts it', async () => {
		const account = await createConfirmedUser(rt);
		const { error } = await client(rt).auth.signInWithOtp({ email: account.email });
		expect(error).toBeNull();
		const mail = await nextMail(rt, account.email, 'magiclink');
		const code = codeOf(mail.html);
		expect(code).toMatch(/^\d{10}$/);
		expect(mailTokenHash(mail)).toBe(tokenHash(account.email, code!));
		const verified = await client(rt).auth.verifyOtp({
			email: account.email,
			token: code!,
			type: 'email'
		});
		expect(verified.error).toBeNull();
		expect(verified.data.session?.user.id).toBe(account.id);
	});
});
