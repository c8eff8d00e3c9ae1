import { isIP } from 'node:net';
import { AuthError } from './errors.ts';

/**
 * Each limit's window, as `[auth.rate_limit]` documents them (Supabase CLI config template):
 * mails, SMS and anonymous sign-ins per hour; everything else per 5 minutes.
 */
const WINDOW_MS: Record<string, number> = {
	email_sent: 3_600_000,
	sms_sent: 3_600_000,
	anonymous_users: 3_600_000
};
const DEFAULT_WINDOW_MS = 300_000;

/** Fixed-window counters keyed by limit and IP (or `project` for mails). */
export class RateLimiter {
	private windows = new Map<string, { start: number; count: number }>();
	limits: Record<string, number>;
	private now: () => number;
	constructor(limits: Record<string, number>, now: () => number = Date.now) {
		this.limits = limits;
		this.now = now;
	}
	hit(limit: string, who: string): void {
		const max = this.limits[limit];
		if (max === undefined) return;
		const key = `${limit}:${who}`;
		const now = this.now();
		let w = this.windows.get(key);
		if (!w || now - w.start >= (WINDOW_MS[limit] ?? DEFAULT_WINDOW_MS)) {
			this.windows.set(key, (w = { start: now, count: 0 }));
		}
		w.count++;
		if (w.count > max) {
			throw limit === 'email_sent'
				? new AuthError(429, 'over_email_send_rate_limit', 'email rate limit exceeded')
				: new AuthError(429, 'over_request_rate_limit', 'Request rate limit reached');
		}
	}
}

/**
 * GOTRUE_SECURITY_SB_FORWARDED_FOR_ENABLED as Supabase Auth reads it (`true`/`false`, `1`/`0`);
 * undefined when unset or unreadable.
 */
export function sbForwardedForFromEnv(env: NodeJS.ProcessEnv = process.env): boolean | undefined {
	const value = env.GOTRUE_SECURITY_SB_FORWARDED_FOR_ENABLED?.trim().toLowerCase();
	if (value === 'true' || value === '1') return true;
	if (value === 'false' || value === '0') return false;
	return undefined;
}

/**
 * The address Auth counts a request under. With Sb-Forwarded-For honoured (supabase/auth
 * internal/api/sbff, behind GOTRUE_SECURITY_SB_FORWARDED_FOR_ENABLED), the header's first value wins
 * if it is an IP address; anything else in it is ignored and the connection's address is used.
 */
export function clientAddress(headers: Headers, connection: string, honourSbff: boolean): string {
	if (!honourSbff) return connection;
	const first = headers.get('sb-forwarded-for')?.split(',')[0]?.trim() ?? '';
	return canonicalIp(first) ?? connection;
}

/** One spelling per address (Go's net.IP String()), so `2001:DB8::1` and `2001:db8:0::1` share a bucket. */
function canonicalIp(ip: string): string | null {
	const version = isIP(ip);
	if (version === 4) return ip;
	// Go's net.ParseIP takes no zone (`fe80::1%eth0`).
	if (version !== 6 || ip.includes('%')) return null;
	const host = new URL(`http://[${ip}]/`).hostname.slice(1, -1);
	// An IPv4-mapped IPv6 address is the IPv4 address (Go prints it dotted).
	const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
	if (!mapped) return host;
	const [hi, lo] = [parseInt(mapped[1], 16), parseInt(mapped[2], 16)];
	return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}
