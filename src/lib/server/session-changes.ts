import { zonedToInstant } from '$lib/recurrence';

/** What a visitor needs to know about one dated session, beside its times. */
export interface SessionFacts {
	starts_at: string;
	status: string;
	edited: boolean;
	occurrence_date: string;
}

/**
 * When the activity's rule put this session (its occurrence date at the activity's start time,
 * in the activity's zone). Null when the stored values cannot be read (never for valid rows).
 */
export function ruleStart(
	session: Pick<SessionFacts, 'occurrence_date'>,
	activity: { start_time: string; timezone: string }
): Date | null {
	try {
		return zonedToInstant(
			session.occurrence_date,
			activity.start_time.slice(0, 5),
			activity.timezone
		);
	} catch {
		return null;
	}
}

/**
 * Whether a session was moved: changed by hand (`edited`) and no longer at the rule's time.
 * A session cancelled by hand is edited too, but it is not moved unless its time changed.
 */
export function isMoved(
	session: SessionFacts,
	activity: { start_time: string; timezone: string }
): boolean {
	if (!session.edited) return false;
	const planned = ruleStart(session, activity);
	return planned !== null && planned.getTime() !== new Date(session.starts_at).getTime();
}
