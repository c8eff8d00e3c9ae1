/** One-line summaries of a rule for the organizer's preview, in Bokmål and English. */
import { parseDate, parseTime } from './dates';
import { fail, validateRule, WEEKDAYS, type Nth, type RecurrenceRule, type RuleEnd } from './rule';
import { checkTimeZone, localToInstant } from './zoned';
import { dateFormat } from '../date-format';

/** The same codes as Locale in $lib/i18n, repeated so this module stands alone. */
export type DescribeLocale = 'nb' | 'en';

export interface DescribeOptions {
	locale: DescribeLocale;
	/** Zone the UNTIL date is shown in. */
	timeZone: string;
	/** Local `HH:MM`; left out of the text when not given. */
	startTime?: string;
}

interface Words {
	intl: string;
	days: readonly string[];
	ordinals: Record<Nth, string>;
	every: (days: string) => string;
	everyDay: string;
	everyOther: (days: string) => string;
	everyNth: (n: number, days: string) => string;
	monthly: (ordinal: string, day: string) => string;
	at: (time: string) => string;
	until: (date: string) => string;
	times: (n: number) => string;
}

// Hand-written names rather than Intl's: the text needs grammar (capitals, ordinals) Intl lacks.
const WORDS: Record<DescribeLocale, Words> = {
	nb: {
		intl: 'nb-NO',
		days: ['mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag', 'søndag'],
		ordinals: { 1: 'første', 2: 'andre', 3: 'tredje', 4: 'fjerde', [-1]: 'siste' },
		every: (days) => `hver ${days}`,
		everyDay: 'hver dag',
		everyOther: (days) => `annenhver uke på ${days}`,
		everyNth: (n, days) => `hver ${n}. uke på ${days}`,
		monthly: (ordinal, day) => `${ordinal} ${day} i måneden`,
		at: (time) => ` kl. ${time}`,
		until: (date) => `til og med ${date}`,
		times: (n) => (n === 1 ? '1 gang' : `${n} ganger`)
	},
	en: {
		intl: 'en-GB',
		days: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
		ordinals: { 1: 'first', 2: 'second', 3: 'third', 4: 'fourth', [-1]: 'last' },
		every: (days) => `every ${days}`,
		everyDay: 'every day',
		everyOther: (days) => `every other week on ${days}`,
		everyNth: (n, days) => `every ${n} weeks on ${days}`,
		monthly: (ordinal, day) => `${ordinal} ${day} of the month`,
		at: (time) => ` at ${time}`,
		until: (date) => `until ${date}`,
		times: (n) => (n === 1 ? 'once' : `${n} times`)
	}
};

/**
 * "Hver tirsdag og torsdag kl. 18:00, 6 ganger" / "Every Tuesday and Thursday at 18:00, 6 times".
 * Throws RecurrenceError for an invalid rule, time or zone.
 */
export function describeRule(rule: RecurrenceRule, options: DescribeOptions): string {
	const words = WORDS[options.locale] ?? WORDS.nb;
	const timeZone = checkTimeZone(options.timeZone);
	const valid = validateRule(rule);
	let text: string;
	if (valid.freq === 'weekly') {
		const names = valid.weekdays.map((d) => words.days[WEEKDAYS.indexOf(d)]);
		const list = new Intl.ListFormat(words.intl, { type: 'conjunction' }).format(names);
		if (valid.interval === 1) text = names.length === 7 ? words.everyDay : words.every(list);
		else if (valid.interval === 2) text = words.everyOther(list);
		else text = words.everyNth(valid.interval, list);
	} else {
		const day = words.days[WEEKDAYS.indexOf(valid.weekday)];
		text = words.monthly(words.ordinals[valid.nth], day);
	}
	if (options.startTime !== undefined) {
		if (parseTime(options.startTime) === null) {
			fail('malformed', `Not a time: ${options.startTime}`, 'startTime');
		}
		text += words.at(options.startTime);
	}
	const end = describeEnd(valid.end, words, timeZone);
	if (end) text += `, ${end}`;
	return text.charAt(0).toUpperCase() + text.slice(1);
}

function describeEnd(end: RuleEnd, words: Words, timeZone: string): string | null {
	if (end.type === 'count') return words.times(end.count);
	if (end.type === 'never') return null;
	// Midday of that local day, formatted in the same zone, cannot slip to a neighbouring date.
	const noon = localToInstant(parseDate(end.date) as number, 12 * 3_600_000, timeZone);
	const format = { day: 'numeric', month: 'long', year: 'numeric', timeZone } as const;
	return words.until(dateFormat(words.intl, format).format(noon));
}
