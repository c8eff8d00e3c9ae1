import { adminClient } from './supabase-admin';

/**
 * Limits on log-in and e-mail requests, counted in Postgres (take_rate_limit) so that every app
 * instance shares them. Each request is counted against the visitor's address (adapter-node's
 * ADDRESS_HEADER/XFF_DEPTH behind a proxy) and, once the form names one, the account or e-mail
 * address it is about: spreading guesses over many addresses does not help against one account.
 */
export interface Limit {
	max: number;
	windowSeconds: number;
}

const QUARTER = 15 * 60;

export const LIMITS = {
	/** Log-in attempts (password or authenticator code) from one address. */
	login: { max: Number(process.env.SAMMEN_LOGIN_LIMIT) || 10, windowSeconds: QUARTER },
	/** Log-in attempts for one account, from anywhere. */
	account: { max: Number(process.env.SAMMEN_ACCOUNT_LIMIT) || 10, windowSeconds: QUARTER },
	/** Requests that send an e-mail (sign-up, link, reset, invitation) from one address. */
	email: { max: Number(process.env.SAMMEN_EMAIL_LIMIT) || 5, windowSeconds: QUARTER },
	/** Sign-ups from one address (a group may share one; a script may not fill a session). */
	signup: { max: Number(process.env.SAMMEN_SIGNUP_LIMIT) || 20, windowSeconds: QUARTER },
	/** E-mails to one recipient, from anywhere. */
	recipient: { max: Number(process.env.SAMMEN_RECIPIENT_LIMIT) || 5, windowSeconds: QUARTER }
} satisfies Record<string, Limit>;

export type LimitName = keyof typeof LIMITS;

/**
 * Counts one attempt under `name:subject`; false once the limit is used up. Uses the secret key
 * because take_rate_limit is the server's alone: an API caller could otherwise use up a
 * stranger's allowance. Fails closed: when the count cannot be taken, the attempt is refused.
 */
export async function take(name: LimitName, subject: string): Promise<boolean> {
	const limit = LIMITS[name];
	const { data, error } = await adminClient().rpc('take_rate_limit', {
		p_key: `${name}:${subject.toLowerCase()}`.slice(0, 400),
		p_max: limit.max,
		p_window_seconds: limit.windowSeconds
	});
	if (error) console.error(`rate-limit: ${error.code} ${error.message}`);
	return data === true;
}
