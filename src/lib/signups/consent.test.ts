import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import en from '$lib/i18n/locales/en.json';
import nb from '$lib/i18n/locales/nb.json';
import { CONSENT_VERSION } from './consent';

// The consent texts each version stands for. Changing a text means a new CONSENT_VERSION and a
// new line here: every sign-up keeps the version it agreed to.
const VERSIONS: Record<string, string> = {
	'2026-11-29': 'c5cbacd7'
};

describe('consent text', () => {
	it('has a version of its own', () => {
		const digest = createHash('sha256')
			.update(nb.signup.consent + '\n' + en.signup.consent)
			.digest('hex')
			.slice(0, 8);
		expect({ version: CONSENT_VERSION, digest }).toEqual({
			version: CONSENT_VERSION,
			digest: VERSIONS[CONSENT_VERSION]
		});
	});
});
