// Writes a plan (plan.ts) into a migrated Sammen database through the app's own rules: each
// organizer creates their organization (create_organization), a platform admin approves it
// (set_organization_status), the organizer adds activities under Row Level Security, their dates
// come from sync_sessions (as the app's horizon job calls it), publishing and cancelling a date
// are the organizer's updates, and every sign-up goes through sign_up as an anonymous visitor
// (capacity and the waiting list decided under its row lock). Set-based statements keep it fast
// without going around a rule. Only the accounts are written straight into Auth's table: making
// 200 logins is Auth's job, not a rule of the app's.
import postgres from 'postgres';
import { PAST_DAYS, type Plan } from './plan.ts';

type Sql = postgres.Sql;
type Tx = postgres.TransactionSql;

const BATCH = 2000;
const DAY = 24 * 3600_000;

export interface SeedResult {
	organizations: number;
	activities: number;
	sessions: number;
	signups: { confirmed: number; waitlisted: number };
	seconds: number;
}

const secondsSince = (t: number) => Number(((performance.now() - t) / 1000).toFixed(1));

/** As `role` with these claims for the rest of the transaction, as the REST API sets them. */
async function as(tx: Tx, role: string, claims: Record<string, unknown>) {
	await tx`select set_config('role', ${role}, true), set_config('request.jwt.claims', ${JSON.stringify(claims)}, true)`;
}
const user = (sub: string) => ({ sub, role: 'authenticated', aal: 'aal1' });

/** Seeds `superuserUrl`'s database with `plan`; refuses a database that already has bench data. */
export async function seedPlan(
	superuserUrl: string,
	plan: Plan,
	log: (line: string) => void = () => {}
): Promise<SeedResult> {
	const started = performance.now();
	const sql: Sql = postgres(superuserUrl, {
		max: 1,
		onnotice: () => {},
		// One connection calls sync_sessions 2,000 times while the tables fill: a plan cached from
		// the first calls (empty tables, so a sequential scan, with the row policies checked on
		// every row) made the seeding quadratic. Plan each call for the data as it is.
		connection: { plan_cache_mode: 'force_custom_plan' }
	});
	try {
		const [{ n }] =
			await sql`select count(*)::int as n from auth.users where email like '%@bench.example.test'`;
		if (n > 0) throw new Error('this database already has bench data; start from a fresh one');

		// Accounts: one owner per organization and one platform admin.
		const emails = plan.organizations.map((_, i) => `arrangor-${i + 1}@bench.example.test`);
		const users = await sql<{ id: string; email: string }[]>`
			insert into auth.users (id, aud, role, email, email_confirmed_at, created_at, updated_at, is_sso_user)
			select gen_random_uuid(), 'authenticated', 'authenticated', e, now(), now(), now(), false
			from unnest(${[...emails, 'admin@bench.example.test']}::text[]) with ordinality as t(e, i)
			order by i
			returning id, email`;
		const idOf = new Map(users.map((u) => [u.email, u.id]));
		const owners = emails.map((e) => idOf.get(e)!);
		const admin = idOf.get('admin@bench.example.test')!;
		// As `npm run admin:grant` does, with the secret key.
		await sql.begin(async (tx) => {
			await as(tx, 'service_role', { role: 'service_role' });
			await tx`insert into public.platform_admins (user_id) values (${admin})`;
		});

		const orgIds: string[] = [];
		await sql.begin(async (tx) => {
			for (const [i, o] of plan.organizations.entries()) {
				await as(tx, 'authenticated', user(owners[i]));
				const [org] = await tx`select id from public.create_organization(${o.slug}, ${o.name},
					${o.kind}::public.organization_kind, ${o.description}, ${o.approaches}::public.approach[],
					${o.city}, ${o.region})`;
				orgIds.push(org.id);
				if (!o.discreet)
					await tx`update public.organizations set discreet = false where id = ${org.id}`;
			}
			await as(tx, 'authenticated', user(admin));
			const approve = orgIds.filter((_, i) => plan.organizations[i].approved);
			await tx`select public.set_organization_status(id, 'approved') from unnest(${approve}::uuid[]) id`;
		});
		log(`  ${orgIds.length} organizations (${secondsSince(started)} s)`);

		// Activities, their dates (from the app's rule expansion) and publishing, per organizer.
		const from = new Date(Date.now() - (PAST_DAYS + 1) * DAY).toISOString();
		const activityIds: string[] = new Array(plan.activities.length);
		await sql.begin(async (tx) => {
			for (const [o, owner] of owners.entries()) {
				const mine = plan.activities
					.map((a, index) => ({ a, index }))
					.filter(({ a }) => a.organization === o);
				if (!mine.length) continue;
				await as(tx, 'authenticated', user(owner));
				const rows = mine.map(({ a }) => {
					const { organization, occurrences, cancelled, published, ...fields } = a;
					void [organization, occurrences, cancelled, published];
					return { ...fields, organization_id: orgIds[o], created_by: owner };
				});
				const inserted = await tx<{ id: string; slug: string }[]>`
					insert into public.activities (organization_id, created_by, slug, title, summary, description,
						category, attributes, venue, address, city, online, first_date, start_time, duration_minutes,
						rrule, signup_mode, capacity, waitlist)
					select organization_id, created_by, slug, title, summary, description, category, attributes,
						venue, address, city, online, first_date, start_time, duration_minutes, rrule, signup_mode,
						capacity, waitlist
					from jsonb_populate_recordset(null::public.activities, ${tx.json(rows)})
					returning id, slug`;
				const bySlug = new Map(inserted.map((r) => [r.slug, r.id]));
				for (const { a, index } of mine) activityIds[index] = bySlug.get(a.slug)!;
				const sync = mine.map(({ a, index }) => ({ id: activityIds[index], occ: a.occurrences }));
				await tx`select public.sync_sessions((s ->> 'id')::uuid, s -> 'occ', ${from})
					from jsonb_array_elements(${tx.json(sync)}) s`;
				const publish = mine.filter(({ a }) => a.published).map(({ index }) => activityIds[index]);
				await tx`update public.activities set status = 'published', published_at = now()
					where id = any(${publish}::uuid[])`;
				const cancel = mine.flatMap(({ a, index }) =>
					a.cancelled.map((date) => ({ id: activityIds[index], date }))
				);
				if (cancel.length)
					await tx`update public.sessions s set status = 'cancelled', edited = true,
						cancel_reason = 'Lokalet er dessverre ikke ledig denne dagen.'
						from jsonb_to_recordset(${tx.json(cancel)}) c(id uuid, date date)
						where s.activity_id = c.id and s.occurrence_date = c.date`;
			}
		});
		const [{ sessions }] = await sql`select count(*)::int as sessions from public.sessions`;
		log(`  ${plan.activities.length} activities, ${sessions} dates (${secondsSince(started)} s)`);

		// Sign-ups, as anonymous visitors, in the plan's order (popular dates fill into waiting lists).
		const outboxBefore = await sql`select coalesce(max(id), 0) as id from private.outbox`;
		for (let i = 0; i < plan.signups.length; i += BATCH) {
			const batch = plan.signups.slice(i, i + BATCH).map((s, n) => ({
				...s,
				activity: activityIds[s.activity],
				n
			}));
			await sql.begin(async (tx) => {
				await as(tx, 'anon', { role: 'anon' });
				await tx`select r.status from jsonb_to_recordset(${tx.json(batch)}) as p(
						activity uuid, occurrence_date date, name text, email text, first_time boolean,
						locale text, idempotency_key uuid, token text, n integer)
					left join public.sessions s on s.activity_id = p.activity and s.occurrence_date = p.occurrence_date
					cross join lateral public.sign_up(p.activity, s.id, p.name, p.email, null, null, p.first_time,
						false, 'participant', 'bench-1', p.idempotency_key, p.token, p.locale) r
					order by p.n`;
			});
		}
		const [counts] =
			await sql`select count(*) filter (where status = 'confirmed')::int as confirmed,
			count(*) filter (where status = 'waitlisted')::int as waitlisted from private.signups`;
		// The sign-ups' confirmation mails are for fictional people: count them as delivered, so the
		// app's outbox sender does not spend the benchmark sending 20,000 of them.
		await sql`update private.outbox set sent_at = now() where id > ${outboxBefore[0].id} and sent_at is null`;
		log(
			`  ${counts.confirmed} confirmed and ${counts.waitlisted} waitlisted sign-ups (${secondsSince(started)} s)`
		);
		await sql`analyze`;
		return {
			organizations: orgIds.length,
			activities: plan.activities.length,
			sessions,
			signups: { confirmed: counts.confirmed, waitlisted: counts.waitlisted },
			seconds: secondsSince(started)
		};
	} finally {
		await sql.end();
	}
}
