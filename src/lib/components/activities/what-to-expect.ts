import type { Database } from '$lib/database.types';
import type { MessageKey } from '$lib/i18n/messages';

type Enums = Database['public']['Enums'];

export interface ExpectInput {
	category: Enums['activity_category'];
	attributes: Enums['activity_attribute'][];
	signup_mode: Enums['signup_mode'];
	online: boolean;
	venue: string | null;
	address: string | null;
}

/** One heading of "what to expect" and the plain sentences under it. */
export interface ExpectGroup {
	heading: MessageKey;
	lines: MessageKey[];
}

/**
 * "What to expect", in plain words derived from the activity's fields and its organization's
 * approaches: how it goes, who leads it, who it is for, and access. Only what the fields say;
 * nothing is guessed (no access claim without the attribute: then we say to ask).
 */
export function whatToExpect(
	activity: ExpectInput,
	approaches: Enums['approach'][]
): ExpectGroup[] {
	const has = (a: Enums['activity_attribute']) => activity.attributes.includes(a);
	const format: MessageKey[] = [`expect.format.${activity.category}`];
	if (has('drop_in') || activity.signup_mode === 'none') format.push('expect.dropIn');
	else format.push(`expect.signup.${activity.signup_mode}`);
	if (has('no_sharing_required')) format.push('expect.noSharing');
	if (has('substance_free')) format.push('expect.substanceFree');
	if (has('free_of_charge')) format.push('expect.free');
	if (has('english_spoken')) format.push('expect.english');

	const led: MessageKey[] = [];
	if (approaches.includes('peer_led')) led.push('expect.peerLed');
	if (approaches.includes('professional_led')) led.push('expect.professionalLed');

	const who: MessageKey[] = [];
	if (has('women_only')) who.push('expect.womenOnly');
	if (has('youth')) who.push('expect.youth');
	if (has('families')) who.push('expect.families');
	if (has('beginners_welcome')) who.push('expect.beginners');
	if (!has('women_only') && !has('youth')) who.push('expect.everyone');

	const access: MessageKey[] = [];
	const physical = Boolean(activity.venue || activity.address);
	if (activity.online) access.push('expect.online');
	if (physical)
		access.push(has('wheelchair_accessible') ? 'expect.wheelchair' : 'expect.askAccess');

	return [
		{ heading: 'expect.formatHeading', lines: format },
		{ heading: 'expect.ledHeading', lines: led },
		{ heading: 'expect.whoHeading', lines: who },
		{ heading: 'expect.accessHeading', lines: access }
	].filter((g): g is ExpectGroup => g.lines.length > 0);
}
