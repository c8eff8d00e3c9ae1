import { parseFragment } from 'parse5';
import { describe, expect, it } from 'vitest';
import {
	activityEvents,
	isoInZone,
	jsonLdScript,
	serializeJsonLd,
	type EventsInput
} from './json-ld';

const base: EventsInput = {
	activity: {
		title: 'Innebandy',
		summary: 'Vi spiller hver tirsdag.',
		venue: 'Gymsalen',
		address: 'Storgata 12, 0184 Oslo',
		city: 'Oslo',
		online: false,
		status: 'published',
		timezone: 'Europe/Oslo'
	},
	organization: { name: 'Ball og fellesskap', url: 'https://sammen.example/org/ball' },
	url: 'https://sammen.example/activity/1',
	sessions: [
		{
			starts_at: '2026-12-07T17:00:00Z',
			ends_at: '2026-12-07T18:30:00Z',
			status: 'scheduled',
			moved: false
		},
		{
			starts_at: '2026-06-09T16:00:00Z',
			ends_at: '2026-06-09T17:30:00Z',
			status: 'cancelled',
			moved: false
		}
	]
};

/** What a browser would hand a JSON-LD reader: the script element's text, parsed by the HTML spec. */
function readBack(html: string): unknown[] {
	const fragment = parseFragment(`<head>${html}</head><p>after</p>`);
	const scripts = fragment.childNodes.filter((n) => n.nodeName === 'script');
	return scripts.map((s) => {
		const text =
			'childNodes' in s ? s.childNodes.map((c) => ('value' in c ? c.value : '')).join('') : '';
		return JSON.parse(text);
	});
}

describe('schema.org events', () => {
	it('writes Oslo times with their offset, winter and summer', () => {
		expect(isoInZone('2026-12-07T17:00:00Z', 'Europe/Oslo')).toBe('2026-12-07T18:00:00+01:00');
		expect(isoInZone('2026-06-09T16:00:00Z', 'Europe/Oslo')).toBe('2026-06-09T18:00:00+02:00');
		expect(isoInZone('2026-06-09T16:00:00Z', 'UTC')).toBe('2026-06-09T16:00:00+00:00');
		expect(isoInZone('2026-06-09T16:00:00Z', 'America/New_York')).toBe('2026-06-09T12:00:00-04:00');
	});

	it('parses back to one Event per session, with status, mode, place and organizer', () => {
		const [winter, summer] = readBack(jsonLdScript(activityEvents(base)))[0] as Record<
			string,
			unknown
		>[];
		expect(winter).toMatchObject({
			'@context': 'https://schema.org',
			'@type': 'Event',
			name: 'Innebandy',
			startDate: '2026-12-07T18:00:00+01:00',
			endDate: '2026-12-07T19:30:00+01:00',
			eventStatus: 'https://schema.org/EventScheduled',
			eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
			location: {
				'@type': 'Place',
				name: 'Gymsalen',
				address: { streetAddress: 'Storgata 12, 0184 Oslo', addressLocality: 'Oslo' }
			},
			organizer: { '@type': 'Organization', name: 'Ball og fellesskap' }
		});
		expect(summer).toMatchObject({
			startDate: '2026-06-09T18:00:00+02:00',
			eventStatus: 'https://schema.org/EventCancelled'
		});
	});

	it('marks moved sessions rescheduled and a cancelled activity cancelled throughout', () => {
		const moved = activityEvents({
			...base,
			sessions: [
				{ ...base.sessions[0], moved: true, planned_start: new Date('2026-12-06T17:00:00Z') }
			]
		})[0];
		expect(moved.eventStatus).toBe('https://schema.org/EventRescheduled');
		expect(moved.previousStartDate).toBe('2026-12-06T18:00:00+01:00');
		const cancelled = activityEvents({
			...base,
			activity: { ...base.activity, status: 'cancelled' }
		});
		expect(cancelled.map((e) => e.eventStatus)).toEqual([
			'https://schema.org/EventCancelled',
			'https://schema.org/EventCancelled'
		]);
	});

	it('places an online activity in a VirtualLocation', () => {
		const [event] = activityEvents({
			...base,
			activity: { ...base.activity, venue: null, address: null, city: null, online: true }
		});
		expect(event.eventAttendanceMode).toBe('https://schema.org/OnlineEventAttendanceMode');
		expect(event.location).toEqual({ '@type': 'VirtualLocation', url: base.url });
	});

	it('keeps hostile titles inside the script element', () => {
		const title = '</script><script>alert(1)</script><!-- \u2028 & </SCRIPT >';
		const html = jsonLdScript(activityEvents({ ...base, activity: { ...base.activity, title } }));
		expect(html.match(/<\/script/gi)).toHaveLength(1);
		expect(html).not.toMatch(/<!--/);
		const parsed = readBack(html);
		expect(parsed).toHaveLength(1);
		expect((parsed[0] as { name: string }[])[0].name).toBe(title);
		expect(serializeJsonLd('<>&')).toBe('"\\u003c\\u003e\\u0026"');
	});
});
