// The privacy promise for logs: no name, e-mail address, phone number or token of a person ever
// reaches the server's output. The e2e run's global teardown collects every such value the run
// created (tests/support/personal-data.ts) and scans the app's, the runtime's and Postgres's
// output with `findLeaks`.

export interface PersonalValue {
	/** What it is ("sign-up name", "manage token" …), for the report. */
	kind: string;
	value: string;
}

export interface Leak {
	kind: string;
	/** The value with its middle masked: the report itself must not spread it further. */
	masked: string;
	/** 1-based line number in the scanned text. */
	line: number;
}

/**
 * Shapes that are personal whatever their value: every e-mail address the tests make is at
 * example.com/.org/.net (the demo organizations' public addresses use the `.example` top-level
 * domain and are not matched), and manage, invitation and confirmation links carry tokens.
 */
export const PERSONAL_PATTERNS: { kind: string; pattern: RegExp }[] = [
	{ kind: 'e-mail address', pattern: /[A-Za-z0-9._%+-]+@example\.(?:com|org|net)\b/g },
	{ kind: 'manage link token', pattern: /\/signup\/[A-Za-z0-9_%-]{20,}/g },
	{ kind: 'invitation token', pattern: /\/invitations\/[A-Za-z0-9_%-]{20,}/g },
	{ kind: 'confirmation token', pattern: /token_hash=[A-Za-z0-9_%-]{10,}/g }
];

/** Values shorter than this are not searched for: "Ola" or "Per" also occur in ordinary words. */
export const MIN_VALUE_LENGTH = 4;

export function mask(value: string): string {
	if (value.length <= 4) return '*'.repeat(value.length);
	return `${value.slice(0, 2)}${'*'.repeat(Math.min(value.length - 4, 12))}${value.slice(-2)}`;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Every occurrence in `text` of a known personal value (as a whole word: "Kari" is not found in
 * "Karin") or of a personal pattern, one entry per line and value.
 */
export function findLeaks(text: string, values: PersonalValue[]): Leak[] {
	const matchers = [
		...PERSONAL_PATTERNS.map(({ kind, pattern }) => ({ kind, pattern })),
		...dedupe(values)
			.filter((v) => v.value.trim().length >= MIN_VALUE_LENGTH)
			.map(({ kind, value }) => ({
				kind,
				pattern: new RegExp(
					`(?<![\\p{L}\\p{N}])${escapeRegExp(value.trim())}(?![\\p{L}\\p{N}])`,
					'gu'
				)
			}))
	];
	const leaks: Leak[] = [];
	const lines = text.split('\n');
	lines.forEach((line, i) => {
		const seen = new Set<string>();
		for (const { kind, pattern } of matchers) {
			for (const match of line.matchAll(pattern)) {
				const key = `${kind}\0${match[0]}`;
				if (seen.has(key)) continue;
				seen.add(key);
				leaks.push({ kind, masked: mask(match[0]), line: i + 1 });
			}
		}
	});
	return leaks;
}

function dedupe(values: PersonalValue[]): PersonalValue[] {
	const byValue = new Map<string, PersonalValue>();
	for (const v of values) if (v.value && !byValue.has(v.value)) byValue.set(v.value, v);
	return [...byValue.values()];
}
