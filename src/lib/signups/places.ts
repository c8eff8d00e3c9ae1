import type { MessageKey } from '$lib/i18n/messages';

/** How a session's places read in public: a count, or full – never who took them. */
export function placesText(
	placesLeft: number | null,
	waitlist: boolean
): { key: MessageKey; count: number } | null {
	if (placesLeft === null) return null;
	if (placesLeft > 0) return { key: 'signup.placesLeft', count: placesLeft };
	return { key: waitlist ? 'signup.fullWaitlist' : 'signup.full', count: 0 };
}
