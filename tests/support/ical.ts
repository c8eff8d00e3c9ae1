// Reads an .ics file with two independent parsers (PITFALLS: "validate every feed with ical.js
// and node-ical") and returns what each saw of its one event, for tests to compare.
import ICAL from 'ical.js';
import nodeIcal, { type DateWithTimeZone, type VEvent } from 'node-ical';

export interface ParsedEvent {
	method: string | null;
	uid: string;
	sequence: number;
	status: string;
	summary: string;
	location: string;
	description: string | null;
	start: Date;
	end: Date;
	/** The TZID of DTSTART and of DTEND. */
	tzids: [string | null, string | null];
}

/** ical.js: the file's own VTIMEZONE decides the instants (registered under its TZID). */
export function readWithIcalJs(
	ics: string
): ParsedEvent & { vtimezones: string[]; stampUtc: boolean } {
	const calendar = new ICAL.Component(ICAL.parse(ics));
	const vtimezones = calendar.getAllSubcomponents('vtimezone');
	for (const vtz of vtimezones) {
		const tzid = String(vtz.getFirstPropertyValue('tzid'));
		ICAL.TimezoneService.remove(tzid);
		ICAL.TimezoneService.register(vtz);
	}
	const events = calendar.getAllSubcomponents('vevent');
	if (events.length !== 1) throw new Error(`ical.js: ${events.length} VEVENTs`);
	const vevent = events[0];
	const event = new ICAL.Event(vevent);
	const param = (name: string) => vevent.getFirstProperty(name)?.getParameter('tzid') ?? null;
	const stamp = vevent.getFirstPropertyValue('dtstamp') as ICAL.Time;
	return {
		method: (calendar.getFirstPropertyValue('method') as string | null) ?? null,
		uid: event.uid,
		sequence: event.sequence,
		status: String(vevent.getFirstPropertyValue('status')),
		summary: event.summary,
		location: event.location,
		description: event.description ?? null,
		start: event.startDate.toJSDate(),
		end: event.endDate.toJSDate(),
		tzids: [param('dtstart') as string | null, param('dtend') as string | null],
		vtimezones: vtimezones.map((v) => String(v.getFirstPropertyValue('tzid'))),
		stampUtc: stamp.zone === ICAL.Timezone.utcTimezone
	};
}

/** node-ical: a second, independent reading of the same file. */
export function readWithNodeIcal(ics: string): ParsedEvent {
	const parsed = nodeIcal.sync.parseICS(ics);
	const events = Object.values(parsed).filter((c) => c?.type === 'VEVENT') as VEvent[];
	if (events.length !== 1) throw new Error(`node-ical: ${events.length} VEVENTs`);
	const [event] = events;
	const calendar = Object.values(parsed).find((c) => c?.type === 'VCALENDAR') as
		{ method?: string } | undefined;
	const text = (v: unknown) =>
		typeof v === 'object' && v && 'val' in v ? String(v.val) : String(v ?? '');
	const start = event.start as DateWithTimeZone;
	const end = event.end as DateWithTimeZone;
	return {
		method: calendar?.method ?? /^METHOD:(.*)$/m.exec(ics)?.[1]?.trim() ?? null,
		uid: event.uid,
		sequence: Number(event.sequence),
		status: String(event.status),
		summary: text(event.summary),
		location: text(event.location),
		description: event.description ? text(event.description) : null,
		start: new Date(start.getTime()),
		end: new Date(end.getTime()),
		tzids: [start.tz ?? null, end.tz ?? null]
	};
}

/** One event of a feed, as either parser read it (for files with many VEVENTs). */
export interface FeedEvent {
	uid: string;
	sequence: number;
	status: string;
	summary: string;
	start: Date;
	end: Date;
	tzid: string | null;
}

/** ical.js: every VEVENT of a feed, with the calendar's NAME/X-WR-CALNAME and VTIMEZONE ids. */
export function readFeedWithIcalJs(ics: string): {
	name: string | null;
	vtimezones: string[];
	events: FeedEvent[];
} {
	const calendar = new ICAL.Component(ICAL.parse(ics));
	const vtimezones = calendar.getAllSubcomponents('vtimezone');
	for (const vtz of vtimezones) {
		const tzid = String(vtz.getFirstPropertyValue('tzid'));
		ICAL.TimezoneService.remove(tzid);
		ICAL.TimezoneService.register(vtz);
	}
	const events = calendar.getAllSubcomponents('vevent').map((vevent) => {
		const event = new ICAL.Event(vevent);
		return {
			uid: event.uid,
			sequence: event.sequence,
			status: String(vevent.getFirstPropertyValue('status')),
			summary: event.summary,
			start: event.startDate.toJSDate(),
			end: event.endDate.toJSDate(),
			tzid: (vevent.getFirstProperty('dtstart')?.getParameter('tzid') as string | null) ?? null
		};
	});
	return {
		name: (calendar.getFirstPropertyValue('x-wr-calname') as string | null) ?? null,
		vtimezones: vtimezones.map((v) => String(v.getFirstPropertyValue('tzid'))),
		events
	};
}

/** node-ical: every VEVENT of a feed, read independently of ical.js. */
export function readFeedWithNodeIcal(ics: string): FeedEvent[] {
	const parsed = nodeIcal.sync.parseICS(ics);
	const text = (v: unknown) =>
		typeof v === 'object' && v && 'val' in v ? String(v.val) : String(v ?? '');
	return (Object.values(parsed).filter((c) => c?.type === 'VEVENT') as VEvent[]).map((event) => {
		const start = event.start as DateWithTimeZone;
		return {
			uid: event.uid,
			sequence: Number(event.sequence),
			status: String(event.status),
			summary: text(event.summary),
			start: new Date(start.getTime()),
			end: new Date((event.end as DateWithTimeZone).getTime()),
			tzid: start.tz ?? null
		};
	});
}
