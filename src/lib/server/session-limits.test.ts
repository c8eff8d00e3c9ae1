import { describe, expect, it } from 'vitest';
import { sessionExpiry, signedInAt } from './session-limits';

const limits = { idle: 1800, absolute: 43200 };
const now = 1_800_000_000;

describe('organizer session limits', () => {
	it('takes the sign-in time from the oldest authentication method', () => {
		expect(
			signedInAt({
				amr: [
					{ method: 'totp', timestamp: now - 10 },
					{ method: 'password', timestamp: now - 100 }
				]
			})
		).toBe(now - 100);
		expect(signedInAt({ iat: now - 5 })).toBe(now - 5);
	});

	it('lets an active session go on', () => {
		expect(
			sessionExpiry({ amr: [{ method: 'password', timestamp: now - 3600 }] }, now - 60, now, limits)
		).toBeNull();
	});

	it('ends a session after 30 minutes without a request', () => {
		expect(
			sessionExpiry(
				{ amr: [{ method: 'password', timestamp: now - 3600 }] },
				now - 1801,
				now,
				limits
			)
		).toBe('idle');
		expect(
			sessionExpiry(
				{ amr: [{ method: 'password', timestamp: now - 3600 }] },
				now - 1800,
				now,
				limits
			)
		).toBeNull();
	});

	it('ends a session 12 hours after sign-in, however active', () => {
		expect(
			sessionExpiry({ amr: [{ method: 'password', timestamp: now - 43201 }] }, now, now, limits)
		).toBe('absolute');
	});

	it('does not count idle time before the first request', () => {
		expect(
			sessionExpiry({ amr: [{ method: 'password', timestamp: now - 10 }] }, null, now, limits)
		).toBeNull();
	});
});
