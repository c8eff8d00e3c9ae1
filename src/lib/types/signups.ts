import type { Database } from '$lib/database.types';

/** Sign-up counts of one session (or series): no names, so any organizer of it may see them. */
export interface Counts {
	confirmed: number;
	waitlisted: number;
	helpers: number;
	firstTimers: number;
	attended: number;
	noShows: number;
}

/** A session nobody has signed up for yet. */
export const NO_COUNTS: Counts = {
	confirmed: 0,
	waitlisted: 0,
	helpers: 0,
	firstTimers: 0,
	attended: 0,
	noShows: 0
};

/** One person signed up, as an organizer with a second factor sees them. */
export interface Attendee {
	id: string;
	role: Database['public']['Enums']['signup_role'];
	status: Database['public']['Enums']['signup_status'];
	position: number | null;
	name: string;
	email: string | null;
	phone: string | null;
	note: string | null;
	firstTime: boolean;
	createdAt: string;
}
