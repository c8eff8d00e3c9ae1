import { describe, expect, it } from 'vitest';
import { isMoved, ruleStart } from './session-changes';

const activity = { start_time: '18:00:00', timezone: 'Europe/Oslo' };

describe('session changes', () => {
	it('places the rule time in Oslo, winter and summer', () => {
		expect(ruleStart({ occurrence_date: '2026-12-07' }, activity)?.toISOString()).toBe(
			'2026-12-07T17:00:00.000Z'
		);
		expect(ruleStart({ occurrence_date: '2026-06-08' }, activity)?.toISOString()).toBe(
			'2026-06-08T16:00:00.000Z'
		);
	});

	it('calls an edited session at another time moved', () => {
		const session = {
			occurrence_date: '2026-12-07',
			starts_at: '2026-12-08T17:00:00Z',
			status: 'scheduled',
			edited: true
		};
		expect(isMoved(session, activity)).toBe(true);
		expect(isMoved({ ...session, edited: false }, activity)).toBe(false);
	});

	it('does not call a session cancelled at its own time moved', () => {
		const session = {
			occurrence_date: '2026-12-07',
			starts_at: '2026-12-07T17:00:00Z',
			status: 'cancelled',
			edited: true
		};
		expect(isMoved(session, activity)).toBe(false);
	});
});
