import type { SupabaseClient } from '@supabase/supabase-js';
import { describe, expect, it, vi } from 'vitest';
import { NO_FACTOR_MS, needsSecondFactor } from './second-factor';

/** A client whose Auth answers getUser with these factors (or an error). */
function auth(factors: { status: string }[] | 'error') {
	const getUser = vi.fn(async () =>
		factors === 'error'
			? { data: { user: null }, error: new Error('down') }
			: { data: { user: { factors } }, error: null }
	);
	return { client: { auth: { getUser } } as unknown as SupabaseClient, getUser };
}

const claims = (session: string, aal = 'aal1') =>
	({ sub: 'u1', session_id: session, aal }) as never;

describe('needsSecondFactor', () => {
	it('never asks Auth for an aal2 session', async () => {
		const { client, getUser } = auth([{ status: 'verified' }]);
		expect(await needsSecondFactor(client, claims('s0', 'aal2'))).toBe(false);
		expect(getUser).not.toHaveBeenCalled();
	});

	it('asks Auth once for a session without an authenticator, again after NO_FACTOR_MS', async () => {
		const { client, getUser } = auth([{ status: 'unverified' }]);
		const t = 1_000_000;
		expect(await needsSecondFactor(client, claims('s1'), t)).toBe(false);
		expect(await needsSecondFactor(client, claims('s1'), t + NO_FACTOR_MS - 1)).toBe(false);
		expect(getUser).toHaveBeenCalledTimes(1);
		expect(await needsSecondFactor(client, claims('s1'), t + NO_FACTOR_MS)).toBe(false);
		expect(getUser).toHaveBeenCalledTimes(2);
	});

	it('asks every time while the answer is "needs the code"', async () => {
		const { client, getUser } = auth([{ status: 'verified' }]);
		expect(await needsSecondFactor(client, claims('s2'), 5)).toBe(true);
		expect(await needsSecondFactor(client, claims('s2'), 6)).toBe(true);
		expect(getUser).toHaveBeenCalledTimes(2);
	});

	it('remembers per session: another session of the same account is asked for itself', async () => {
		const none = auth([]);
		expect(await needsSecondFactor(none.client, claims('s3'), 10)).toBe(false);
		const added = auth([{ status: 'verified' }]);
		expect(await needsSecondFactor(added.client, claims('s4'), 11)).toBe(true);
		expect(added.getUser).toHaveBeenCalledTimes(1);
	});

	it('fails closed, and remembers nothing, when Auth cannot say', async () => {
		const down = auth('error');
		expect(await needsSecondFactor(down.client, claims('s5'), 20)).toBe(true);
		const none = auth([]);
		expect(await needsSecondFactor(none.client, claims('s5'), 21)).toBe(false);
		expect(none.getUser).toHaveBeenCalledTimes(1);
	});

	it('does not remember a token without a session id', async () => {
		const { client, getUser } = auth([]);
		const bare = { sub: 'u1', aal: 'aal1' } as never;
		await needsSecondFactor(client, bare, 30);
		await needsSecondFactor(client, bare, 31);
		expect(getUser).toHaveBeenCalledTimes(2);
	});
});
