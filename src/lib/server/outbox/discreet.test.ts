// Discreet mode (organizations.discreet, the default): what a lock screen, a shared calendar or a
// glance over someone's shoulder shows must not say what the activity is about. DESIGN.md: no
// subject line, sender name or event title says "addiction" or "recovery"; LANGUAGE.md: no subject
// names an activity or an organization, the sender is always "Sammen", no stigma words.
//
// The words: being on the list of such an activity says something about a person's health, so a
// word is stigmatising here when it names substance use (rus…, narko…, alkohol, drugs), dependency
// (avhengig…, addict…, misbruk, LAR), treatment (behandling, treatment, rehab, detox, abstinens),
// recovery or sobriety (recover…, tilfriskn…, edru…, nykter…, sober…, twelve-step, AA/NA), or a
// stigma word LANGUAGE.md lists (rusmisbruker, narkoman, misbruk, addict). "Pårørende" is on the
// list too: it says someone close to the reader has such a problem.
import { describe, expect, it } from 'vitest';
import { buildCalendar, type FeedSession } from '../feeds';
import { DEFAULT_FROM, renderMail } from './render';

const STIGMA: RegExp[] = [
	/\brus/i,
	/narko/i,
	/alkohol|alcohol/i,
	/\bdrugs?\b/i,
	/avhengig/i,
	/addict/i,
	/misbruk|abuse/i,
	/\bLAR\b/,
	/behandling|treatment/i,
	/rehab/i,
	/detox/i,
	/abstinens|withdrawal/i,
	/recover/i,
	/tilfriskn/i,
	/edru|nykter|sober/i,
	/tolvtrinn|twelve-step|12-step|\bAA\b|\bNA\b/i,
	/pårørende/i,
	/substance/i
];

const stigma = (text: string) =>
	STIGMA.filter((re) => re.test(text)).map((re) => `${re} in "${text.match(re)![0]}"`);

const TEMPLATES = [
	'signup_confirmed',
	'signup_waitlisted',
	'signup_promoted',
	'signup_reminder',
	'session_cancelled',
	'session_moved',
	'organizer_message'
] as const;

const mailData = (names: { activity: string; organization: string; venue: string }) => ({
	...names,
	discreet: true,
	activity_id: 'a1',
	session_id: 's1',
	signup_id: '4f1c2a9e-0000-4000-8000-000000000001',
	starts_at: '2026-12-03T16:30:00+00:00',
	ends_at: '2026-12-03T19:00:00+00:00',
	timezone: 'Europe/Oslo',
	address: 'Furuvegen 8, 2815 Gjøvik',
	city: 'Gjøvik',
	online: false,
	series: false,
	status: 'confirmed',
	role: 'participant',
	name: 'Kari',
	token: 'Tok_abcdefghijklmnopqrstuvwxyz-123',
	reason: 'Vi må dessverre avlyse',
	old_starts_at: '2026-12-02T16:30:00+00:00',
	subject: 'Husk innesko',
	body: 'Hei alle!'
});

/** An activity whose own words say everything a lock screen must not. */
const TELLING = {
	activity: 'Samtalegruppe for rusavhengige i behandling (recovery, twelve-step)',
	organization: 'Furutun behandlingssenter for rus og avhengighet',
	venue: 'Rusbehandlingen, 2. etasje'
};
/** One whose own words are neutral: then nothing of ours may add a telling word. */
const NEUTRAL = { activity: 'Åpen kveld', organization: 'Furutun', venue: 'Spisesalen' };

const render = (template: string, locale: string, names: typeof NEUTRAL) =>
	renderMail(
		{ template, locale, data: mailData(names), to_email: 'kari@example.com' },
		'https://sammen.no',
		{ organizer: 'ikke-svar@sammen.local' }
	);

/** The calendar's title and description lines, unfolded and unescaped. */
function titles(ics: string): string[] {
	return ics
		.replaceAll('\r\n ', '')
		.split('\r\n')
		.filter((l) => /^(SUMMARY|DESCRIPTION|X-WR-CALNAME|NAME)[;:]/.test(l))
		.map((l) => l.replace(/\\([,;\\])/g, '$1').replace(/\\n/gi, '\n'));
}

describe('discreet sign-up e-mails', () => {
	it('are sent as "Sammen"', () => {
		expect(DEFAULT_FROM).toMatch(/^Sammen </);
		expect(stigma(DEFAULT_FROM)).toEqual([]);
	});

	for (const locale of ['nb', 'en']) {
		it(`name no activity, organization or telling word in the subject or calendar title (${locale})`, () => {
			const shown: Record<string, { subject: string; calendar: string[] }> = {};
			for (const template of TEMPLATES) {
				const mail = render(template, locale, TELLING);
				const calendar = titles(mail.attachments?.[0]?.content ?? '');
				for (const text of [mail.subject, ...calendar]) {
					expect(stigma(text), `${template}: ${text}`).toEqual([]);
					expect(text).not.toContain('Samtalegruppe for');
					expect(text).not.toContain('Furutun');
				}
				shown[template] = { subject: mail.subject, calendar };
			}
			// What a lock screen and a calendar show, for people to read in review.
			expect(shown).toMatchSnapshot();
		});

		it(`add no telling word of their own anywhere: subject, text, HTML, calendar (${locale})`, () => {
			for (const template of TEMPLATES) {
				const mail = render(template, locale, NEUTRAL);
				const ics = mail.attachments?.[0]?.content ?? '';
				for (const [part, text] of Object.entries({
					subject: mail.subject,
					text: mail.text,
					html: mail.html,
					ics
				}))
					expect(stigma(text), `${template} ${part}`).toEqual([]);
			}
		});
	}

	it('the check can fail: the same telling activity outside discreet mode is caught', () => {
		const mail = renderMail(
			{
				template: 'signup_confirmed',
				locale: 'nb',
				data: { ...mailData(TELLING), discreet: false },
				to_email: 'kari@example.com'
			},
			'https://sammen.no'
		);
		expect(stigma(titles(mail.attachments![0].content).join('\n'))).not.toEqual([]);
	});
});

describe('discreet calendar feeds', () => {
	const session = (discreet: boolean, names: typeof NEUTRAL): FeedSession => ({
		session_id: '00000000-0000-4000-8000-000000000001',
		starts_at: '2026-12-03T16:30:00.000Z',
		ends_at: '2026-12-03T19:00:00.000Z',
		session_status: 'scheduled',
		cancel_reason: null,
		sequence: 0,
		session_updated_at: '2026-11-01T10:00:00Z',
		activity_id: '11111111-1111-4111-8111-111111111111',
		activity_status: 'published',
		activity_cancel_reason: null,
		title: names.activity,
		summary: `${names.activity} – ${names.organization}`,
		category: 'dialogue_group',
		attributes: [],
		venue: names.venue,
		address: 'Furuvegen 8, 2815 Gjøvik',
		city: 'Gjøvik',
		online: false,
		timezone: 'Europe/Oslo',
		activity_updated_at: '2026-11-02T10:00:00Z',
		organization_name: names.organization,
		organization_slug: 'furutun',
		discreet
	});
	const build = (s: FeedSession, locale: 'nb' | 'en') =>
		buildCalendar({ sessions: [s], locale, name: 'Sammen', origin: 'https://sammen.no' });

	for (const locale of ['nb', 'en'] as const) {
		it(`title events by their category, never by the activity (${locale})`, () => {
			const shown = titles(build(session(true, TELLING), locale));
			expect(shown.flatMap(stigma)).toEqual([]);
			expect(shown).toMatchSnapshot();
			const whole = build(session(true, NEUTRAL), locale);
			expect(stigma(whole)).toEqual([]);
			// Outside discreet mode the activity's own title is shown, and the check sees it.
			expect(titles(build(session(false, TELLING), locale)).flatMap(stigma)).not.toEqual([]);
		});
	}
});
