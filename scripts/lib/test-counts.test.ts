import { describe, expect, it } from 'vitest';
import { countPlaywright, countVitest } from './test-counts';

describe('test counts for the closing line', () => {
	it('reads Vitest JSON', () => {
		expect(
			countVitest({ numPassedTests: 3, numFailedTests: 1, numPendingTests: 2, numTodoTests: 1 })
		).toEqual({
			passed: 3,
			failed: 1,
			skipped: 3
		});
	});

	it('reads Playwright JSON', () => {
		expect(
			countPlaywright({ stats: { expected: 5, unexpected: 2, flaky: 1, skipped: 0 } })
		).toEqual({
			passed: 6,
			failed: 2,
			skipped: 0
		});
	});

	it('counts nothing from a missing report (the caller then fails the run)', () => {
		expect(countVitest(null)).toEqual({ passed: 0, failed: 0, skipped: 0 });
		expect(countPlaywright({})).toEqual({ passed: 0, failed: 0, skipped: 0 });
	});
});
