// Sessions follow the activity's rule in Europe/Oslo, through supabase-js as an organizer: a
// weekly 18:00 session stays at 18:00 local time across the March DST switch, and changing the
// rule keeps moved and cancelled sessions as they were.
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

const base = {
	title: 'Fotball',
	category: 'sport' as const,
	venue: 'Banen',
	first_date: '2027-03-02',
	start_time: '18:00',
	duration_minutes: 90,
	timezone: 'Europe/Oslo'
};

describe('sessions from the rule', () => {
	it('a weekly 18:00 activity stays at 18:00 in Oslo across the March switch', async () => {
		const { activity } = await activities.create(organizer, {
			organizationId: orgId,
			userId,
			fields: { ...base, slug: 'fotball-dst', rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=6' }
		});
		const list = await activities.sessions(organizer, activity!.id);
		expect(list.map((s) => [s.occurrence_date, new Date(s.starts_at).toISOString()])).toEqual([
			['2027-03-02', '2027-03-02T17:00:00.000Z'],
			['2027-03-09', '2027-03-09T17:00:00.000Z'],
			['2027-03-16', '2027-03-16T17:00:00.000Z'],
			['2027-03-23', '2027-03-23T17:00:00.000Z'],
			['2027-03-30', '2027-03-30T16:00:00.000Z'],
			['2027-04-06', '2027-04-06T16:00:00.000Z']
		]);
	});

	it('changing the rule keeps moved and cancelled sessions as they were', async () => {
		const { activity } = await activities.create(organizer, {
			organizationId: orgId,
			userId,
			fields: { ...base, slug: 'fotball-endres', rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=6' }
		});
		const before = await activities.sessions(organizer, activity!.id);
		const moved = before.find((s) => s.occurrence_date === '2027-03-09')!;
		const cancelled = before.find((s) => s.occurrence_date === '2027-03-16')!;
		await activities.moveSession(
			organizer,
			moved.id,
			new Date('2027-03-09T18:00:00Z'),
			new Date('2027-03-09T19:30:00Z')
		);
		await activities.cancelSession(organizer, cancelled.id, 'Banen er stengt');

		await activities.update(organizer, activity!.id, { rrule: 'FREQ=WEEKLY;BYDAY=TH;COUNT=6' });
		const after = await activities.sessions(organizer, activity!.id);
		const byDate = Object.fromEntries(after.map((s) => [s.occurrence_date, s]));
		expect(byDate['2027-03-09']).toMatchObject({ id: moved.id, edited: true });
		expect(new Date(byDate['2027-03-09'].starts_at).toISOString()).toBe('2027-03-09T18:00:00.000Z');
		expect(byDate['2027-03-16']).toMatchObject({
			id: cancelled.id,
			status: 'cancelled',
			cancel_reason: 'Banen er stengt'
		});
		// The other Tuesdays went with the old rule; the Thursdays came with the new one.
		expect(Object.keys(byDate).sort()).toEqual(
			[
				'2027-03-04',
				'2027-03-09',
				'2027-03-11',
				'2027-03-16',
				'2027-03-18',
				'2027-03-25',
				'2027-04-01',
				'2027-04-08'
			].sort()
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
				first_date: '2027-01-04'
			}
		});
		expect(await activities.sessions(organizer, course!.id)).toHaveLength(6);
		const { activity: once } = await activities.create(organizer, {
			organizationId: orgId,
			userId,
			fields: { ...base, slug: 'en-gang', rrule: null, first_date: '2027-02-01' }
		});
		expect(await activities.sessions(organizer, once!.id)).toHaveLength(1);
	});
});

describe('the rolling horizon', () => {
	it('grows as time passes: a later run adds the sessions that came within six months', async () => {
		const { activity } = await activities.create(organizer, {
			organizationId: orgId,
			userId,
			fields: { ...base, slug: 'lopende', rrule: 'FREQ=WEEKLY;BYDAY=TU', first_date: '2026-12-01' }
		});
		await activities.setStatus(organizer, activity!.id, 'published');
		const before = (await activities.sessions(organizer, activity!.id)).length;
		const admin = createClient<Database>(rt.url, rt.secretKey, { auth: { persistSession: false } });
		await activities.extendHorizons(admin, new Date(Date.now() + 28 * 86_400_000));
		const after = await activities.sessions(organizer, activity!.id);
		expect(after.length).toBe(before + 4);
		expect(before).toBeGreaterThanOrEqual(26);
	});
});
