import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import {
	ICalAttendeeRole,
	ICalAttendeeStatus,
	ICalCalendar,
	ICalCalendarMethod,
	ICalEventStatus
} from 'ical-generator';
import { instantToZoned } from '$lib/recurrence/zoned';

/** One sign-up's date as a calendar entry (RFC 5545, with the iTIP method of RFC 5546). */
export interface SignupEvent {
	signupId: string;
	/** ISO 8601 instants. */
	startsAt: string;
	endsAt: string;
	/** The activity's zone (Europe/Oslo): DTSTART and DTEND carry it as TZID. */
	timeZone: string;
	title: string;
	description?: string;
	location: string;
	/** 0 for the first; a later change needs a higher number or calendars ignore it. */
	sequence: number;
	/** REQUEST and CANCEL for mails (iTIP); PUBLISH for a file the person downloads. */
	method: 'REQUEST' | 'CANCEL' | 'PUBLISH';
	/** Sammen's sending address (iTIP requires an ORGANIZER) and the recipient's. */
	organizer: string;
	attendee?: string;
}

/** The same UID in every file about one sign-up, so a change or cancellation replaces it. */
export function signupUid(signupId: string): string {
	return `signup-${signupId}@sammen`;
}

/**
 * The wall clock in the event's zone, written without an offset. ical-generator prints a Date
 * with the process's local getters when the event has a zone; a zone-less ISO string reads the
 * same back on a server in UTC (or in the event's zone), so DTSTART is the activity's local time.
 */
function wallClock(instant: string, timeZone: string): string {
	const { date, time } = instantToZoned(new Date(instant), timeZone);
	return `${date}T${time}:00`;
}

/** The .ics file for one sign-up: one VEVENT with a VTIMEZONE for its zone. */
export function signupCalendar(event: SignupEvent): string {
	const calendar = new ICalCalendar({
		prodId: { company: 'Sammen', product: 'Sammen', language: 'NB' },
		method: ICalCalendarMethod[event.method]
	});
	// No calendar-wide zone name: ical-generator would then drop the Z from DTSTAMP. The
	// generator alone adds a VTIMEZONE for each event's zone (tzurl's, named Europe/Oslo).
	calendar.timezone({ name: null, generator: getVtimezoneComponent });
	calendar.createEvent({
		id: signupUid(event.signupId),
		sequence: event.sequence,
		start: wallClock(event.startsAt, event.timeZone),
		end: wallClock(event.endsAt, event.timeZone),
		timezone: event.timeZone,
		summary: event.title,
		description: event.description || null,
		location: event.location,
		status: event.method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
		organizer: { name: 'Sammen', email: event.organizer },
		attendees: event.attendee
			? [
					{
						email: event.attendee,
						role: ICalAttendeeRole.REQ,
						status: ICalAttendeeStatus.ACCEPTED,
						// Replies would go to a no-reply address: the manage link is the way to answer.
						rsvp: false
					}
				]
			: []
	});
	return calendar.toString();
}
