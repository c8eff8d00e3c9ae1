import { describe, expect, it } from 'vitest';
import { readFeedWithIcalJs, readFeedWithNodeIcal } from '../../../tests/support/ical';
import { instantToZoned, zonedToInstant } from '$lib/recurrence';
import { buildCalendar, sessionUid, type FeedSession } from './feeds';

const ZONE = 'Europe/Oslo';
const year = new Date().getUTCFullYear() + 1;

/** A session at 18:00–19:30 Oslo time on `date`. */
function session(date: string, change: Partial<FeedSession> = {}): FeedSession {
	const start = zonedToInstant(date, '18:00', ZONE);
	return {
		session_id: `00000000-0000-4000-8000-${date.replaceAll('-', '').padStart(12, '0')}`,
		starts_at: start.toISOString(),
		ends_at: new Date(start.getTime() + 90 * 60_000).toISOString(),
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
		timezone: ZONE,
		activity_updated_at: '2026-11-02T10:00:00Z',
		organization_name: 'Forening',
		organization_slug: 'forening',
		discreet: false,
		...change
	};
}

const build = (sessions: FeedSession[], locale: 'nb' | 'en' = 'nb') =>
	buildCalendar({ sessions, locale, name: 'Sammen – test', origin: 'https://sammen.test' });

describe('buildCalendar', () => {
	it('writes 18:00 Oslo as 18:00 local in March, June and November, read by both parsers', () => {
		const dates = [`${year}-03-10`, `${year}-03-31`, `${year}-06-16`, `${year}-11-10`];
		const ics = build(dates.map((d) => session(d)));
		const a = readFeedWithIcalJs(ics);
		const b = readFeedWithNodeIcal(ics);
		expect(a.vtimezones).toEqual([ZONE]);
		expect(a.name).toBe('Sammen – test');
		for (const events of [a.events, b]) {
			expect(events.map((e) => instantToZoned(e.start, ZONE).time)).toEqual(
				dates.map(() => '18:00')
			);
			expect(events.map((e) => instantToZoned(e.start, ZONE).date)).toEqual(dates);
			expect(events.every((e) => e.tzid === ZONE)).toBe(true);
			expect(events.every((e) => e.end.getTime() - e.start.getTime() === 90 * 60_000)).toBe(true);
		}
		// Summer time: 16:00 UTC in June, 17:00 UTC in November.
		expect(a.events[2].start.toISOString()).toBe(`${year}-06-16T16:00:00.000Z`);
		expect(a.events[3].start.toISOString()).toBe(`${year}-11-10T17:00:00.000Z`);
		expect(ics).toContain('DTSTART;TZID=Europe/Oslo:');
		expect(ics).toMatch(/^REFRESH-INTERVAL;VALUE=DURATION:PT6H\r$/m);
		expect(ics).toMatch(/^X-PUBLISHED-TTL:PT6H\r$/m);
		expect(ics).toMatch(/^NAME:Sammen – test\r$/m);
		expect(ics).toMatch(/^DTSTAMP:\d{8}T\d{6}Z\r$/m);
		expect(ics).toContain('LAST-MODIFIED:20261102T100000Z');
		expect(ics).toContain('URL;VALUE=URI:https://sammen.test/activity/');
		expect(ics).toContain('CATEGORIES:Idrett');
		expect(ics).not.toMatch(/ATTENDEE|ORGANIZER|METHOD/);
	});

	it('keeps the UID and shows a cancellation with its SEQUENCE', () => {
		const s = session(`${year}-06-16`, { session_status: 'cancelled', sequence: 3 });
		const ics = build([s], 'en');
		for (const e of [...readFeedWithIcalJs(ics).events, ...readFeedWithNodeIcal(ics)]) {
			expect(e).toMatchObject({ uid: sessionUid(s.session_id), sequence: 3, status: 'CANCELLED' });
			expect(e.summary).toBe('Cancelled: Innebandy i gymsalen');
		}
	});

	it('gives a discreet organization a neutral title and no description of the activity', () => {
		const s = session(`${year}-06-16`, {
			title: 'Rusfri samtalegruppe',
			summary: 'For deg i behandling eller i recovery fra avhengighet',
			organization_name: 'Rusfri Oslo',
			category: 'dialogue_group',
			discreet: true
		});
		for (const locale of ['nb', 'en'] as const) {
			const ics = build([s], locale);
			for (const word of ['rus', 'avhengighet', 'addiction', 'recovery', 'behandling'])
				expect(ics.toLowerCase()).not.toContain(word);
			expect(readFeedWithIcalJs(ics).events[0].summary).toBe(
				locale === 'nb' ? 'Samtalegruppe – Sammen' : 'Dialogue group – Sammen'
			);
		}
	});

	it('escapes and folds a long calendar name with commas in X-WR-CALNAME and NAME', () => {
		const name = 'Forening for fotball, tur; og middag i Oslo og omegn – en lang lang lang tittel';
		const ics = buildCalendar({ sessions: [], locale: 'nb', name, origin: 'https://sammen.test' });
		// ical.js gives X- properties raw (unknown type): unescape as TEXT to compare.
		expect(readFeedWithIcalJs(ics).name?.replace(/\\([\\;,])/g, '$1')).toBe(name);
		const unfolded = ics.replaceAll('\r\n ', '');
		expect(unfolded).toContain('NAME:Forening for fotball\\, tur\\; og middag');
		expect(ics.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
	});

	it('gives the same bytes for the same data (the ETag is a hash of them)', () => {
		const sessions = [session(`${year}-06-16`)];
		expect(build(sessions)).toBe(build(sessions));
	});
});
