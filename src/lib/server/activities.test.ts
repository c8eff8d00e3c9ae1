// Sessions follow the activity's rule in Europe/Oslo, through supabase-js as an organizer: a
// weekly 18:00 session stays at 18:00 local time across the DST switches, and changing the
// rule keeps moved and cancelled sessions as they were.
// Every date is taken from the clock: sync_sessions only touches sessions after now() and the
// app only makes them up to a horizon ahead, so fixed dates would stop guarding anything once
// they had passed. The DST tests hand syncSessions a clock of their own (in the future, never
// the past: Postgres keeps its real now()) to reach the next switch wherever the horizon is.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '$lib/database.types';
import { startTestRuntime, type TestRuntime } from '../../../tests/support/runtime.ts';
import * as activities from './activities';

let rt: TestRuntime;
let organizer: SupabaseClient<Database>;
let userId: string;
let orgId: string;

beforeAll(async () => {
	rt = await startTestRuntime();
	({ client: organizer, id: userId } = await rt.signedInUser('arr@example.com'));
	const sql = postgres(rt.superuserUrl, { max: 1 });
	const [org] =
		await sql`insert into public.organizations (slug, name, kind, status, approved_at) values ('lag', 'Laget', 'ngo', 'approved', now()) returning id`;
	orgId = org.id;
	await sql`insert into public.memberships (organization_id, user_id, role) values (${orgId}, ${userId}, 'owner')`;
	await sql.end();
});
afterAll(() => rt?.stop());

const DAY = 86_400_000;
/** `YYYY-MM-DD` ± days (calendar arithmetic on the date alone). */
const addDays = (date: string, days: number) =>
	new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
/** The first date on or after `date` that falls on `weekday`. */
const nextWeekday = (date: string, weekday: number) =>
	addDays(date, (weekday - weekdayOf(date) + 7) % 7);
/** Today in Oslo. */
const today = () =>
	new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo' }).format(new Date());
/** The last Sunday of a month (0-based): the day the EU changes its clocks in March and October. */
function lastSunday(year: number, month: number): string {
	const last = new Date(Date.UTC(year, month + 1, 0)).toISOString().slice(0, 10);
	return addDays(last, -weekdayOf(last));
}
/** The next switch in that month at least `days` ahead. */
function nextSwitch(month: number, days: number): string {
	const earliest = addDays(today(), days);
	const year = Number(earliest.slice(0, 4));
	const switchDay = lastSunday(year, month);
	return switchDay >= earliest ? switchDay : lastSunday(year + 1, month);
}
/** 18:00 in Oslo on `date` as UTC, from the EU rule itself (not the code under test). */
function osloSixPm(date: string): string {
	const year = Number(date.slice(0, 4));
	const summer = date > lastSunday(year, 2) && date < lastSunday(year, 9);
	return `${date}T${summer ? '16' : '17'}:00:00.000Z`;
}

const base = {
	title: 'Fotball',
	category: 'sport' as const,
	venue: 'Banen',
	first_date: nextWeekday(addDays(today(), 2), 2),
	start_time: '18:00',
	duration_minutes: 90,
	timezone: 'Europe/Oslo'
};

describe('sessions from the rule', () => {
	it.each([
		['March', 2],
		['October', 9]
	])('a weekly 18:00 activity stays at 18:00 in Oslo across the %s switch', async (_, month) => {
		// Six Tuesdays: four before the switch, two after (the switch is on a Sunday).
		const switchDay = nextSwitch(month, 40);
		const first = addDays(switchDay, -26);
		const { activity } = await activities.create(organizer, {
			organizationId: orgId,
			userId,
			fields: {
				...base,
				slug: `fotball-dst-${month}`,
				rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=6',
				first_date: first
			}
		});
		// A week before the first session, which is at least two weeks from now.
		const clock = new Date(Date.parse(`${first}T12:00:00Z`) - 7 * DAY);
		expect(clock.getTime()).toBeGreaterThan(Date.now());
		await activities.syncSessions(organizer, activity!, clock);
		const list = await activities.sessions(organizer, activity!.id);
		const tuesdays = [0, 7, 14, 21, 28, 35].map((d) => addDays(first, d));
		expect(tuesdays.filter((d) => d < switchDay)).toHaveLength(4);
		expect(list.map((s) => [s.occurrence_date, new Date(s.starts_at).toISOString()])).toEqual(
			tuesdays.map((d) => [d, osloSixPm(d)])
		);
		// The oracle itself changes hour at the switch, the right way round.
		const [before, after] = [
			osloSixPm(tuesdays[3]).slice(11, 13),
			osloSixPm(tuesdays[4]).slice(11, 13)
		];
		expect([before, after]).toEqual(month === 2 ? ['17', '16'] : ['16', '17']);
	});

	it('changing the rule keeps moved and cancelled sessions as they were', async () => {
		const { activity } = await activities.create(organizer, {
			organizationId: orgId,
			userId,
			fields: { ...base, slug: 'fotball-endres', rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=6' }
		});
		const tuesday = base.first_date;
		const before = await activities.sessions(organizer, activity!.id);
		expect(before).toHaveLength(6);
		const moved = before.find((s) => s.occurrence_date === addDays(tuesday, 7))!;
		const cancelled = before.find((s) => s.occurrence_date === addDays(tuesday, 14))!;
		const movedTo = new Date(Date.parse(moved.starts_at) + 3_600_000);
		expect(
			await activities.moveSession(organizer, {
				activityId: activity!.id,
				sessionId: moved.id,
				startsAt: movedTo,
				endsAt: new Date(movedTo.getTime() + 90 * 60_000)
			})
		).toBeNull();
		expect(
			await activities.cancelSession(organizer, {
				activityId: activity!.id,
				sessionId: cancelled.id,
				reason: 'Banen er stengt'
			})
		).toBeNull();

		await activities.update(organizer, activity!.id, { rrule: 'FREQ=WEEKLY;BYDAY=TH;COUNT=6' });
		const after = await activities.sessions(organizer, activity!.id);
		const byDate = Object.fromEntries(after.map((s) => [s.occurrence_date, s]));
		expect(byDate[moved.occurrence_date]).toMatchObject({ id: moved.id, edited: true });
		expect(new Date(byDate[moved.occurrence_date].starts_at).toISOString()).toBe(
			movedTo.toISOString()
		);
		expect(byDate[cancelled.occurrence_date]).toMatchObject({
			id: cancelled.id,
			status: 'cancelled',
			cancel_reason: 'Banen er stengt'
		});
		// The other Tuesdays went with the old rule; the Thursdays came with the new one.
		const thursdays = [2, 9, 16, 23, 30, 37].map((d) => addDays(tuesday, d));
		expect(Object.keys(byDate).sort()).toEqual(
			[moved.occurrence_date, cancelled.occurrence_date, ...thursdays].sort()
		);
	});

	it('a 6-week course gets exactly six sessions, and a single date one', async () => {
		const { activity: course } = await activities.create(organizer, {
			organizationId: orgId,
			userId,
			fields: {
				...base,
				slug: 'kurs',
				category: 'course',
				rrule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=6',
				first_date: nextWeekday(addDays(today(), 2), 1)
			}
		});
		expect(await activities.sessions(organizer, course!.id)).toHaveLength(6);
		const { activity: once } = await activities.create(organizer, {
			organizationId: orgId,
			userId,
			fields: { ...base, slug: 'en-gang', rrule: null, first_date: addDays(today(), 30) }
		});
		expect(await activities.sessions(organizer, once!.id)).toHaveLength(1);
	});
});

describe('the rolling horizon', () => {
	it('grows as time passes: a later run adds the sessions that came within six months', async () => {
		const { activity } = await activities.create(organizer, {
			organizationId: orgId,
			userId,
			fields: {
				...base,
				slug: 'lopende',
				rrule: 'FREQ=WEEKLY;BYDAY=TU',
				first_date: addDays(today(), 7)
			}
		});
		await activities.setStatus(organizer, activity!.id, 'published');
		const before = (await activities.sessions(organizer, activity!.id)).length;
		const admin = createClient<Database>(rt.url, rt.secretKey, { auth: { persistSession: false } });
		await activities.extendHorizons(admin, new Date(Date.now() + 28 * DAY));
		const after = await activities.sessions(organizer, activity!.id);
		expect(after.length).toBe(before + 4);
		expect(before).toBeGreaterThanOrEqual(26);
	});
});
