/**
 * The version of the consent text a sign-up agrees to (`signup.consent` in both catalogues). It
 * is stored with every sign-up; consent.test.ts fails when the text changes without a new one.
 */
export const CONSENT_VERSION = '2026-11-29';
