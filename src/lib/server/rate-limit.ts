/**
 * Per-IP limits on log-in and e-mail requests, by the real client address (adapter-node's
 * ADDRESS_HEADER/XFF_DEPTH behind a proxy). Supabase Auth sees only this server's address, so
 * the limits per person belong here. In memory: each app instance counts for itself.
 */
export interface Limit {
	max: number;
	windowSeconds: number;
}

export const LIMITS = {
	login: { max: Number(process.env.SAMMEN_LOGIN_LIMIT) || 10, windowSeconds: 15 * 60 },
	email: { max: Number(process.env.SAMMEN_EMAIL_LIMIT) || 5, windowSeconds: 15 * 60 }
} satisfies Record<string, Limit>;

export class RateLimiter {
	private hits = new Map<string, number[]>();

	/** Records one attempt; false when `key` has used up `limit` in its window. */
	attempt(key: string, limit: Limit, now = Date.now()): boolean {
		const since = now - limit.windowSeconds * 1000;
		const recent = (this.hits.get(key) ?? []).filter((t) => t > since);
		if (recent.length >= limit.max) {
			this.hits.set(key, recent);
			return false;
		}
		recent.push(now);
		this.hits.set(key, recent);
		if (this.hits.size > 50_000) this.prune(now);
		return true;
	}

	private prune(now: number) {
		for (const [key, times] of this.hits)
			if (times.every((t) => t < now - 3_600_000)) this.hits.delete(key);
	}
}

export const limiter = new RateLimiter();
