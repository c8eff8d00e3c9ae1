import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { FeedSession } from './feeds';

// Counts the calendar builds: a 304 must not build the body.
const builds = vi.hoisted(() => ({ count: 0 }));
vi.mock('./feeds', async (importOriginal) => {
	const original = await importOriginal<typeof import('./feeds')>();
	return {
		...original,
		buildCalendar: (input: Parameters<typeof original.buildCalendar>[0]) => {
			builds.count++;
			return original.buildCalendar(input);
		}
	};
});
const { calendarResponse } = await import('./feed-response');

const row: FeedSession = {
	session_id: '00000000-0000-4000-8000-000000000001',
	starts_at: '2027-03-10T17:00:00Z',
	ends_at: '2027-03-10T18:30:00Z',
	session_status: 'scheduled',
	cancel_reason: null,
	sequence: 0,
	session_updated_at: '2026-11-01T10:00:00Z',
	activity_id: '11111111-1111-4111-8111-111111111111',
	activity_status: 'published',
	activity_cancel_reason: null,
	title: 'Innebandy i gymsalen',
	summary: 'Gratis – kaffe og vafler',
	category: 'sport',
	attributes: [],
	venue: 'Gymsalen',
	address: 'Storgata 12, 0184 Oslo',
	city: 'Oslo',
	online: false,
	timezone: 'Europe/Oslo',
	activity_updated_at: '2026-11-02T10:00:00Z',
	organization_name: 'Forening',
	organization_slug: 'forening',
	discreet: false
};
const second: FeedSession = {
	...row,
	session_id: '00000000-0000-4000-8000-000000000002',
	starts_at: '2027-03-17T17:00:00Z',
	ends_at: '2027-03-17T18:30:00Z'
};

function respond(
	sessions: FeedSession[],
	options: { etag?: string; locale?: 'nb' | 'en'; name?: string } = {}
) {
	const headers: Record<string, string> = options.etag ? { 'if-none-match': options.etag } : {};
	return calendarResponse(
		{
			request: new Request('https://sammen.test/feeds/org/forening.ics', { headers }),
			url: new URL('https://sammen.test/feeds/org/forening.ics'),
			locals: { locale: options.locale ?? 'nb' } as App.Locals
		},
		{ sessions, name: options.name ?? 'Forening – Sammen' }
	);
}

beforeEach(() => {
	builds.count = 0;
});

describe('calendarResponse', () => {
	it('answers a current copy with 304 without building the calendar', async () => {
		const first = respond([row, second]);
		expect(first.status).toBe(200);
		expect(await first.text()).toContain('BEGIN:VCALENDAR');
		expect(builds.count).toBe(1);
		const etag = first.headers.get('etag')!;
		const again = respond([row, second], { etag });
		expect(again.status).toBe(304);
		expect(again.headers.get('etag')).toBe(etag);
		expect(builds.count).toBe(1);
	});

	it('gives a new tag (and the body) when anything the calendar shows changes', async () => {
		const etag = respond([row, second]).headers.get('etag')!;
		const changes: [string, () => Response][] = [
			['a title', () => respond([{ ...row, title: 'Fotball' }, second], { etag })],
			[
				'a cancelled date',
				() => respond([row, { ...second, session_status: 'cancelled', sequence: 1 }], { etag })
			],
			['a sequence only', () => respond([row, { ...second, sequence: 3 }], { etag })],
			[
				'an update time only',
				() => respond([{ ...row, session_updated_at: '2026-11-03T10:00:00Z' }, second], { etag })
			],
			['discretion', () => respond([{ ...row, discreet: true }, second], { etag })],
			['a removed date', () => respond([row], { etag })],
			['the language', () => respond([row, second], { etag, locale: 'en' })],
			['the calendar name', () => respond([row, second], { etag, name: 'Sammen' })]
		];
		for (const [what, change] of changes) {
			const response = change();
			expect(response.status, what).toBe(200);
			expect(response.headers.get('etag'), what).not.toBe(etag);
			expect(await response.text(), what).toContain('BEGIN:VCALENDAR');
		}
	});
});
