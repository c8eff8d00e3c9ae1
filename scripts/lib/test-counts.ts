export interface Counts {
	passed: number;
	failed: number;
	skipped: number;
}

const none = (): Counts => ({ passed: 0, failed: 0, skipped: 0 });

/** Counts from Vitest's JSON reporter (Jest-compatible shape). */
export function countVitest(report: unknown): Counts {
	const r = report as {
		numPassedTests?: number;
		numFailedTests?: number;
		numPendingTests?: number;
		numTodoTests?: number;
	} | null;
	if (!r) return none();
	return {
		passed: r.numPassedTests ?? 0,
		failed: r.numFailedTests ?? 0,
		skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0)
	};
}

/** Counts from Playwright's JSON reporter: flaky counts as passed (retries are off anyway). */
export function countPlaywright(report: unknown): Counts {
	const r = report as {
		stats?: { expected?: number; unexpected?: number; flaky?: number; skipped?: number };
	} | null;
	if (!r?.stats) return none();
	return {
		passed: (r.stats.expected ?? 0) + (r.stats.flaky ?? 0),
		failed: r.stats.unexpected ?? 0,
		skipped: r.stats.skipped ?? 0
	};
}
