import { describe, expect, it } from 'vitest';
import { EMAIL_PROOF_SECONDS, provedEmail } from './email-proof';

const now = 2_000_000_000;
const claims = (...amr: ({ method: string; timestamp: number } | string)[]) => ({ amr }) as never;

describe('provedEmail', () => {
	it('takes a session opened by an e-mail link in the last 15 minutes', () => {
		expect(provedEmail(claims({ method: 'otp', timestamp: now - 60 }), now)).toBe(true);
		expect(provedEmail(claims({ method: 'recovery', timestamp: now }), now)).toBe(true);
		expect(
			provedEmail(claims({ method: 'magiclink', timestamp: now - EMAIL_PROOF_SECONDS }), now)
		).toBe(true);
	});

	it('refuses a password session, an old link, and no session', () => {
		expect(provedEmail(claims({ method: 'password', timestamp: now }), now)).toBe(false);
		expect(provedEmail(claims({ method: 'totp', timestamp: now }), now)).toBe(false);
		expect(
			provedEmail(claims({ method: 'otp', timestamp: now - EMAIL_PROOF_SECONDS - 1 }), now)
		).toBe(false);
		expect(provedEmail(claims('otp'), now)).toBe(false);
		expect(provedEmail(claims(), now)).toBe(false);
		expect(provedEmail(null, now)).toBe(false);
	});

	it('finds the link among later methods (a code confirmed after it)', () => {
		expect(
			provedEmail(
				claims({ method: 'totp', timestamp: now }, { method: 'otp', timestamp: now - 30 }),
				now
			)
		).toBe(true);
	});
});
