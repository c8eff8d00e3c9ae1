import type { FoundSession } from './types';

/** The session part of a found row, as SessionCard takes it. */
export const cardSession = (s: FoundSession) => ({
	starts_at: s.starts_at,
	ends_at: s.ends_at,
	status: s.session_status,
	cancel_reason: s.cancel_reason,
	edited: s.edited
});

/** Where a found session is: its venue and city, or `online` (the translated word). */
export const placeOf = (s: FoundSession, online: string) =>
	s.online ? online : [s.venue, s.city].filter(Boolean).join(', ');
