// The bench's data, planned in memory from a seeded PRNG: the same arguments (and day) give the
// same organizations, activities, dates and sign-ups. Dates come from the app's own rule
// expansion (src/lib/recurrence), over the window the app keeps: the last 3 months (dates made
// while they were ahead) and the app's horizon ahead. Sizes follow `sessions`: at 10,000 sessions
// 200 organizations, 2,000 activities and 20,000 sign-ups (the figures), in proportion
// otherwise. seed.ts writes a plan through the app's functions.
import { expand, parseRRule } from '../../src/lib/recurrence/index.ts';
import * as text from './texts.ts';

/** The app's HORIZON_DAYS (src/lib/server/activities.ts; a unit test keeps them equal). */
export const HORIZON_DAYS = 190;
export const PAST_DAYS = 92;
const DAY = 24 * 3600_000;

export interface PlannedOrganization {
	slug: string;
	name: string;
	kind: 'user_organization' | 'ngo' | 'public_service' | 'treatment_facility';
	approaches: string[];
	description: string;
	city: string;
	region: string;
	approved: boolean;
	discreet: boolean;
}

export interface PlannedActivity {
	organization: number;
	slug: string;
	title: string;
	summary: string;
	description: string;
	category: string;
	attributes: string[];
	venue: string | null;
	address: string | null;
	city: string | null;
	online: boolean;
	first_date: string;
	start_time: string;
	duration_minutes: number;
	rrule: string | null;
	signup_mode: 'none' | 'per_session' | 'whole_series';
	capacity: number | null;
	waitlist: boolean;
	published: boolean;
	/** The app's expansion of the rule over the window: what sync_sessions is given. */
	occurrences: { occurrence_date: string; starts_at: string; ends_at: string }[];
	/** Occurrence dates an organizer cancelled by hand. */
	cancelled: string[];
}

export interface PlannedSignup {
	activity: number;
	/** null: the whole series. */
	occurrence_date: string | null;
	name: string;
	email: string;
	first_time: boolean;
	locale: 'nb' | 'en';
	idempotency_key: string;
	token: string;
}

export interface Plan {
	organizations: PlannedOrganization[];
	activities: PlannedActivity[];
	signups: PlannedSignup[];
	sessions: number;
}

/** mulberry32: small, fast and the same everywhere. */
export function prng(seed: string): () => number {
	let h = 1779033703 ^ seed.length;
	for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
	let a = (h << 13) | (h >>> 19);
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

type Random = ReturnType<typeof prng>;
const pick = <T>(r: Random, list: readonly T[]): T => list[Math.floor(r() * list.length)];
const some = <T>(r: Random, list: readonly T[], n: number): T[] =>
	[...list].sort(() => r() - 0.5).slice(0, n);
const hex = (r: Random, n: number) =>
	Array.from({ length: n }, () => Math.floor(r() * 16).toString(16)).join('');
const uuid = (r: Random) => `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-a${hex(r, 3)}-${hex(r, 12)}`;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The kinds of activity, with how often each occurs and how it repeats. */
const KINDS = [
	{ kind: 'weekly', weight: 7, rule: (d: string) => `FREQ=WEEKLY;BYDAY=${d}` },
	{ kind: 'fortnightly', weight: 5, rule: (d: string) => `FREQ=WEEKLY;INTERVAL=2;BYDAY=${d}` },
	{ kind: 'monthly', weight: 6, rule: (d: string) => `FREQ=MONTHLY;BYDAY=1${d}` },
	{ kind: 'course', weight: 14, rule: (d: string) => `FREQ=WEEKLY;BYDAY=${d};COUNT=8` },
	{ kind: 'single', weight: 68, rule: () => null }
] as const;
const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/**
 * Everything the bench needs for `sessions` dates, planned from `seed` relative to the UTC day of
 * `now` (not its time: a plan made at 09:00 and one made at 17:00 of the same day are equal).
 */
export function plan(options: { sessions: number; seed?: string; now?: Date }): Plan {
	const r = prng(options.seed ?? 'sammen-bench');
	const now = options.now ?? new Date();
	const today = Date.parse(isoDay(now.getTime()));
	const from = new Date(today - PAST_DAYS * DAY);
	// The app's horizon job later adds the dates between this midnight and its own `now + 190 days`.
	const until = new Date(today + HORIZON_DAYS * DAY);
	const target = Math.max(50, Math.round(options.sessions));
	const activityCount = Math.max(10, Math.round(target / 5));
	const orgCount = Math.max(2, Math.round(activityCount / 10));

	const organizations: PlannedOrganization[] = Array.from({ length: orgCount }, (_, i) => {
		const place = pick(r, text.PLACES);
		const english = r() < 0.15;
		const name = `${pick(r, english ? text.ORG_NAMES_EN : text.ORG_NAMES_NB)} ${place.city}`;
		return {
			slug: `${text.slugify(name)}-${i + 1}`,
			name,
			kind: pick(r, [
				'user_organization',
				'user_organization',
				'ngo',
				'public_service',
				'treatment_facility'
			] as const),
			approaches: some(r, text.APPROACHES, 1 + Math.floor(r() * 3)),
			description: english ? text.ORG_DESCRIPTION_EN : text.ORG_DESCRIPTION_NB,
			city: place.city,
			region: place.region,
			// A few wait for an admin; their activities are never public.
			approved: i < 2 || r() > 0.04,
			discreet: r() < 0.8
		};
	});

	const activities: PlannedActivity[] = [];
	let total = 0;
	for (let i = 0; i < activityCount; i++) {
		const organization = i < orgCount ? i : Math.floor(r() * orgCount);
		const org = organizations[organization];
		const left = activityCount - i - 1;
		let weight = r() * 100;
		let kind = KINDS.find((k) => (weight -= k.weight) < 0) ?? KINDS[4];
		const template = pick(r, text.ACTIVITIES);
		const day = pick(r, DAYS);
		// Repeating ones began up to 3 months ago or begin within 2 months; single dates fall
		// anywhere in the window (trips in the past stay, as they did in the app).
		const firstDay =
			kind.kind === 'single'
				? today + Math.floor(r() * (PAST_DAYS + HORIZON_DAYS - 2) - PAST_DAYS + 1) * DAY
				: today + Math.floor(r() * 150 - PAST_DAYS) * DAY;
		const base = {
			rrule: kind.rule(day),
			first_date: isoDay(firstDay),
			start_time: pick(r, ['10:00', '11:30', '17:00', '18:00', '18:30', '19:00']),
			duration_minutes: pick(r, [60, 90, 120, 150, 180]),
			timezone: 'Europe/Oslo'
		};
		let occurrences = dates(base, from, until);
		// Keep to the requested size: a rule that would overshoot becomes a single date.
		if (total + occurrences.length > target - left || (left === 0 && occurrences.length === 0)) {
			kind = KINDS[4];
			base.rrule = null;
			base.first_date = isoDay(today + Math.floor(1 + r() * (HORIZON_DAYS - 2)) * DAY);
			occurrences = dates(base, from, until);
		}
		total += occurrences.length;
		const english = template.lang === 'en';
		const online = template.online ?? false;
		const mode =
			kind.kind === 'course' && r() < 0.5
				? 'whole_series'
				: r() < 0.7
					? 'per_session'
					: ('none' as const);
		const upcoming = occurrences.filter((o) => Date.parse(o.starts_at) > today + 2 * DAY);
		activities.push({
			organization,
			slug: `${text.slugify(template.title)}-${i + 1}`,
			title: english || r() < 0.5 ? template.title : `${template.title} i ${org.city}`,
			summary: template.summary,
			description: template.description,
			category: template.category,
			attributes: some(r, text.ATTRIBUTES, Math.floor(r() * 4)).concat(
				english ? ['english_spoken'] : []
			),
			venue: online ? null : `${pick(r, text.VENUES)}, ${org.city}`,
			address: online ? null : `${pick(r, text.STREETS)} ${1 + Math.floor(r() * 90)}, ${org.city}`,
			city: online ? null : org.city,
			online,
			...base,
			signup_mode: mode,
			capacity: mode === 'none' ? null : pick(r, [6, 8, 10, 12, 15, 20, 25, 30]),
			waitlist: r() < 0.85,
			published: r() > 0.03,
			occurrences,
			// About one upcoming date in 50 is cancelled by its organizer.
			cancelled: upcoming.filter(() => r() < 0.02).map((o) => o.occurrence_date)
		});
	}

	return {
		organizations,
		activities,
		signups: signups(r, activities, organizations, today, target * 2),
		sessions: total
	};
}

function dates(
	a: {
		rrule: string | null;
		first_date: string;
		start_time: string;
		duration_minutes: number;
		timezone: string;
	},
	from: Date,
	until: Date
) {
	return expand({
		rule: a.rrule ? parseRRule(a.rrule, a.timezone) : null,
		firstDate: a.first_date,
		startTime: a.start_time,
		durationMinutes: a.duration_minutes,
		timeZone: a.timezone,
		from,
		until
	}).map((o) => ({
		occurrence_date: o.localDate,
		starts_at: o.startsAt.toISOString(),
		ends_at: o.endsAt.toISOString()
	}));
}

/**
 * `count` sign-ups for open places of public activities: popular dates (one in ten) draw most of
 * them and fill up into their waiting lists; no date takes more than its capacity when it has no
 * waiting list, nor more than twice its capacity when it has one.
 */
function signups(
	r: Random,
	activities: PlannedActivity[],
	organizations: PlannedOrganization[],
	today: number,
	count: number
): PlannedSignup[] {
	// Sign-ups close before a date starts (at most a day in the generated data): leave room.
	const open = today + 3 * DAY;
	const places: { activity: number; date: string | null; room: number; weight: number }[] = [];
	activities.forEach((a, index) => {
		if (!a.published || !organizations[a.organization].approved || a.signup_mode === 'none') return;
		const future = a.occurrences.filter(
			(o) => Date.parse(o.starts_at) > open && !a.cancelled.includes(o.occurrence_date)
		);
		const capacity = a.capacity ?? 10;
		const room = a.waitlist ? capacity * 2 : capacity;
		if (a.signup_mode === 'whole_series') {
			if (future.length && Date.parse(a.occurrences[0].starts_at) > open)
				places.push({ activity: index, date: null, room, weight: r() < 0.3 ? 12 : 1 });
			return;
		}
		for (const o of future)
			places.push({ activity: index, date: o.occurrence_date, room, weight: r() < 0.1 ? 12 : 1 });
	});
	const out: PlannedSignup[] = [];
	// Each place as many times as its weight; a full place is skipped when drawn.
	const pool = places.flatMap((p) => Array<typeof p>(p.weight).fill(p));
	let room = places.reduce((s, p) => s + p.room, 0);
	while (out.length < count && room > 0) {
		const place = pool[Math.floor(r() * pool.length)];
		if (place.room === 0) continue;
		place.room--;
		room--;
		const n = out.length + 1;
		const english = r() < 0.15;
		out.push({
			activity: place.activity,
			occurrence_date: place.date,
			name: pick(r, english ? text.NAMES_EN : text.NAMES_NB),
			email: `deltaker-${n}@example.test`,
			first_time: r() < 0.2,
			locale: english ? 'en' : 'nb',
			idempotency_key: uuid(r),
			token: `bench-${hex(r, 40)}`
		});
	}
	return out;
}
