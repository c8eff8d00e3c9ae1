import { describe, expect, it } from 'vitest';
import { HORIZON_DAYS as APP_HORIZON_DAYS } from '$lib/server/activities';
import { HORIZON_DAYS, PAST_DAYS, plan } from './plan';

const now = new Date('2026-11-29T14:00:00Z');
const DAY = 24 * 3600_000;

describe('the bench data plan', () => {
	it('is the same for the same arguments on the same day and differs for another seed', () => {
		const a = plan({ sessions: 1000, now });
		expect(plan({ sessions: 1000, now })).toEqual(a);
		expect(plan({ sessions: 1000, now: new Date('2026-11-29T23:59:00Z') })).toEqual(a);
		expect(plan({ sessions: 1000, now: new Date('2026-11-30T00:00:00Z') })).not.toEqual(a);
		const b = plan({ sessions: 1000, now, seed: 'another' });
		expect(b.activities.map((x) => x.title)).not.toEqual(a.activities.map((x) => x.title));
		expect(b.signups.map((x) => x.idempotency_key)).not.toEqual(
			a.signups.map((x) => x.idempotency_key)
		);
	});

	it("has the issue's sizes at 10,000 dates, within the app's window", () => {
		const p = plan({ sessions: 10_000, now });
		expect(p.organizations).toHaveLength(200);
		expect(p.activities).toHaveLength(2000);
		expect(p.signups).toHaveLength(20_000);
		const all = p.activities.flatMap((a) => a.occurrences);
		expect(all).toHaveLength(p.sessions);
		expect(p.sessions).toBeGreaterThan(9000);
		expect(p.sessions).toBeLessThanOrEqual(10_000);
		const starts = all.map((o) => Date.parse(o.starts_at));
		expect(Math.min(...starts)).toBeGreaterThanOrEqual(now.getTime() - (PAST_DAYS + 1) * DAY);
		expect(Math.max(...starts)).toBeLessThan(now.getTime() + HORIZON_DAYS * DAY);
		// Both languages: English activities speak English (the attribute says so), the rest Bokmål.
		const english = p.activities.filter((a) => a.attributes.includes('english_spoken'));
		expect(english.length).toBeGreaterThan(100);
		expect(english.length).toBeLessThan(p.activities.length / 2);
	});

	it('never plans more sign-ups for a date than its places and waiting list take', () => {
		const p = plan({ sessions: 2000, now });
		const per = new Map<string, number>();
		for (const s of p.signups) {
			const key = `${s.activity}/${s.occurrence_date}`;
			per.set(key, (per.get(key) ?? 0) + 1);
		}
		let waitlisted = 0;
		for (const [key, n] of per) {
			const a = p.activities[Number(key.split('/')[0])];
			expect(a.signup_mode).not.toBe('none');
			expect(n).toBeLessThanOrEqual(a.waitlist ? a.capacity! * 2 : a.capacity!);
			if (n > a.capacity!) waitlisted++;
		}
		expect(waitlisted).toBeGreaterThan(0);
		expect(new Set(p.signups.map((s) => s.email)).size).toBe(p.signups.length);
	});

	it("uses the app's horizon", () => {
		expect(HORIZON_DAYS).toBe(APP_HORIZON_DAYS);
	});
});
