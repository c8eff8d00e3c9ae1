// Row Level Security, role by role, through supabase-js with real signed-in users: who can read,
// create, update and delete each table's rows. Org A is approved; org B is another approved
// organization; org P is pending (its activities are never public).
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { createHash } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../../tests/support/runtime.ts';

type Who = 'anon' | 'participant' | 'organizerA' | 'organizerB' | 'adminA' | 'platformAdmin';
const opts = { auth: { persistSession: false, autoRefreshToken: false } };

let rt: TestRuntime;
let sql: postgres.Sql;
const clients = {} as Record<Who, SupabaseClient>;
const ids = {} as Record<string, string>;

beforeAll(async () => {
	rt = await startTestRuntime();
	sql = postgres(rt.superuserUrl, { max: 1, onnotice: () => {} });
	clients.anon = createClient(rt.url, rt.publishableKey, opts);
	for (const who of [
		'participant',
		'organizerA',
		'organizerB',
		'adminA',
		'platformAdmin'
	] as const) {
		const { client, id } = await rt.signedInUser(`${who.toLowerCase()}@example.com`);
		clients[who] = client;
		ids[who] = id;
	}
	const [a, b, p] = await sql`
		insert into public.organizations (slug, name, kind, status, approved_at) values
			('org-a', 'Org A', 'ngo', 'approved', now()),
			('org-b', 'Org B', 'ngo', 'approved', now()),
			('org-p', 'Org P', 'ngo', 'pending', null)
		returning id`;
	Object.assign(ids, { a: a.id, b: b.id, p: p.id });
	await sql`insert into public.memberships (organization_id, user_id, role) values
		(${a.id}, ${ids.organizerA}, 'organizer'), (${a.id}, ${ids.adminA}, 'admin'),
		(${b.id}, ${ids.organizerB}, 'owner'), (${p.id}, ${ids.organizerB}, 'owner')`;
	await sql`insert into public.platform_admins (user_id) values (${ids.platformAdmin})`;
	const rows = await sql`
		insert into public.activities (organization_id, slug, title, category, venue, first_date, start_time, duration_minutes, status, published_at)
		values (${a.id}, 'fotball', 'Fotball', 'sport', 'Banen', current_date + 7, '18:00', 90, 'published', now()),
		       (${a.id}, 'utkast', 'Utkast', 'course', 'Huset', current_date + 7, '18:00', 90, 'draft', null),
		       (${p.id}, 'venter', 'Venter', 'sport', 'Banen', current_date + 7, '18:00', 90, 'published', now())
		returning id`;
	Object.assign(ids, { published: rows[0].id, draft: rows[1].id, pendingOrgActivity: rows[2].id });
	await sql`insert into public.sessions (activity_id, occurrence_date, starts_at, ends_at)
		select id, current_date + 7, now() + interval '7 days', now() + interval '7 days 90 minutes' from public.activities
		where organization_id in (${a.id}, ${b.id}, ${p.id})`;
	await sql`insert into public.invitations (organization_id, email, token_hash) values (${a.id}, 'ny@example.com', 'x')`;
});

afterAll(async () => {
	await sql?.end();
	await rt?.stop();
});

// The demo data (seed) is in the database too: look only at this file's organizations.
const titles = async (who: Who) =>
	(
		(
			await clients[who]
				.from('activities')
				.select('title')
				.in('organization_id', [ids.a, ids.b, ids.p])
				.order('title')
		).data ?? []
	).map((r) => r.title);

describe('activities', () => {
	it.each([
		['anon', ['Fotball']],
		['participant', ['Fotball']],
		['organizerA', ['Fotball', 'Utkast']],
		['adminA', ['Fotball', 'Utkast']],
		['organizerB', ['Fotball', 'Venter']],
		['platformAdmin', ['Fotball', 'Utkast', 'Venter']]
	] as const)(
		'%s reads %j (drafts and a pending organization’s activities stay private)',
		async (who, expected) => {
			expect(await titles(who)).toEqual(expected);
		}
	);

	it('sessions follow their activity', async () => {
		const count = async (who: Who) =>
			(
				await clients[who]
					.from('sessions')
					.select('id', { count: 'exact', head: true })
					.in('activity_id', [ids.published, ids.draft, ids.pendingOrgActivity])
			).count;
		expect(await count('anon')).toBe(1);
		expect(await count('organizerA')).toBe(2);
		expect(await count('platformAdmin')).toBe(3);
	});

	it('only members create activities for their organization', async () => {
		const row = (who: Who) => ({
			organization_id: ids.a,
			slug: `ny-${who.toLowerCase()}`,
			title: 'Ny aktivitet',
			category: 'sport' as const,
			venue: 'Hallen',
			first_date: new Date(Date.now() + 8 * 86_400_000).toISOString().slice(0, 10),
			start_time: '18:00',
			duration_minutes: 60,
			created_by: ids[who] ?? null
		});
		expect(
			(await clients.organizerA.from('activities').insert(row('organizerA'))).error
		).toBeNull();
		for (const who of ['anon', 'participant', 'organizerB', 'platformAdmin'] as const) {
			expect((await clients[who].from('activities').insert(row(who))).error?.code, who).toBe(
				'42501'
			);
		}
	});

	it("org B's organizer can neither see nor edit A's draft, nor edit A's published activity", async () => {
		for (const id of [ids.draft, ids.published]) {
			const { data } = await clients.organizerB
				.from('activities')
				.update({ title: 'Kapret' })
				.eq('id', id)
				.select('id');
			expect(data).toEqual([]);
		}
		const { data } = await clients.organizerA
			.from('activities')
			.update({ summary: 'Ny tekst' })
			.eq('id', ids.published)
			.select('summary');
		expect(data).toEqual([{ summary: 'Ny tekst' }]);
	});

	it('members delete drafts only', async () => {
		const { data: published } = await clients.organizerA
			.from('activities')
			.delete()
			.eq('id', ids.published)
			.select('id');
		expect(published).toEqual([]);
		const { data: stranger } = await clients.organizerB
			.from('activities')
			.delete()
			.eq('id', ids.draft)
			.select('id');
		expect(stranger).toEqual([]);
	});
});

describe('user ids', () => {
	it('public reads of activities carry no user id (created_by is not readable)', async () => {
		for (const who of ['anon', 'participant', 'organizerA'] as const) {
			const { error } = await clients[who].from('activities').select('created_by');
			expect(error?.code, who).toBe('42501');
			const star = await clients[who].from('activities').select('*');
			expect(star.error?.code, who).toBe('42501');
		}
		const { data } = await clients.anon.from('activities').select('id, title, organization_id');
		expect(data?.length).toBeGreaterThan(0);
		expect(Object.keys(data![0]).sort()).toEqual(['id', 'organization_id', 'title']);
	});

	it('an activity cannot move to another organization, nor change who created it', async () => {
		for (const change of [{ organization_id: ids.b }, { created_by: ids.organizerB }]) {
			const { error } = await clients.organizerA
				.from('activities')
				.update(change)
				.eq('id', ids.published)
				.select('id');
			expect(error?.code, JSON.stringify(change)).toBe('42501');
		}
	});
});

describe('organizations', () => {
	it('a pending organization is seen by its members and platform admins only', async () => {
		const slugs = async (who: Who) =>
			(
				(
					await clients[who]
						.from('organizations')
						.select('slug')
						.in('slug', ['org-a', 'org-p'])
						.order('slug')
				).data ?? []
			).map((o) => o.slug);
		expect(await slugs('anon')).toEqual(['org-a']);
		expect(await slugs('organizerA')).toEqual(['org-a']);
		expect(await slugs('organizerB')).toEqual(['org-a', 'org-p']);
		expect(await slugs('platformAdmin')).toEqual(['org-a', 'org-p']);
	});

	it('anyone signed in creates an organization through create_organization, as its pending owner', async () => {
		const { data, error } = await clients.participant.rpc('create_organization', {
			p_slug: 'ny-forening',
			p_name: 'Ny forening',
			p_kind: 'user_organization'
		});
		expect(error).toBeNull();
		expect(data).toMatchObject({ slug: 'ny-forening', status: 'pending' });
		const { data: role } = await clients.participant.rpc('my_role', { org: data.id });
		expect(role).toBe('owner');
		expect(
			(
				await clients.anon.rpc('create_organization', {
					p_slug: 'x-y',
					p_name: 'Xy',
					p_kind: 'ngo'
				})
			).error?.code
		).toBe('42501');
		expect(
			(
				await clients.participant
					.from('organizations')
					.insert({ slug: 'direkte', name: 'Direkte', kind: 'ngo' })
			).error?.code
		).toBe('42501');
	});

	it('only platform admins approve or suspend', async () => {
		expect(
			(
				await clients.organizerB.rpc('set_organization_status', {
					p_organization: ids.p,
					p_status: 'approved'
				})
			).error?.code
		).toBe('42501');
		const { error } = await clients.organizerB
			.from('organizations')
			.update({ status: 'approved' })
			.eq('id', ids.p);
		expect(error?.code).toBe('42501');
		const { data } = await clients.platformAdmin.rpc('set_organization_status', {
			p_organization: ids.p,
			p_status: 'approved'
		});
		expect(data).toMatchObject({ status: 'approved' });
		expect(await titles('anon')).toContain('Venter');
		await clients.platformAdmin.rpc('set_organization_status', {
			p_organization: ids.p,
			p_status: 'suspended'
		});
		expect(await titles('anon')).not.toContain('Venter');
	});

	it('only owners and admins change the privacy settings (discreet mails, retention 1–90 days)', async () => {
		const change = { discreet: false, retention_days: 60 };
		for (const who of ['organizerA', 'organizerB', 'participant'] as const) {
			const { data } = await clients[who]
				.from('organizations')
				.update(change)
				.eq('id', ids.a)
				.select('id');
			expect(data ?? [], who).toEqual([]);
		}
		const { data } = await clients.adminA
			.from('organizations')
			.update(change)
			.eq('id', ids.a)
			.select('discreet, retention_days');
		expect(data).toEqual([{ discreet: false, retention_days: 60 }]);
		const tooLong = await clients.adminA
			.from('organizations')
			.update({ retention_days: 91 })
			.eq('id', ids.a)
			.select('id');
		expect(tooLong.error?.code).toBe('23514');
		await clients.adminA
			.from('organizations')
			.update({ discreet: true, retention_days: 30 })
			.eq('id', ids.a)
			.select('id');
	});

	it('owners and admins edit their organization; organizers and others do not', async () => {
		expect(
			(
				await clients.adminA
					.from('organizations')
					.update({ description: 'Oppdatert' })
					.eq('id', ids.a)
					.select('description')
			).data
		).toEqual([{ description: 'Oppdatert' }]);
		expect(
			(
				await clients.organizerA
					.from('organizations')
					.update({ description: 'Nei' })
					.eq('id', ids.a)
					.select()
			).data
		).toEqual([]);
		expect(
			(
				await clients.organizerB
					.from('organizations')
					.update({ description: 'Nei' })
					.eq('id', ids.a)
					.select()
			).data
		).toEqual([]);
	});
});

describe('memberships and invitations', () => {
	it('members see their own organization’s members, and nobody else’s', async () => {
		const count = async (who: Who) =>
			(await clients[who].from('memberships').select('user_id').eq('organization_id', ids.a)).data
				?.length;
		expect(await count('organizerA')).toBe(2);
		expect(await count('organizerB')).toBe(0);
		expect(await count('anon')).toBe(0);
		expect(await count('platformAdmin')).toBe(2);
	});

	it('an organizer cannot make themselves admin; an admin can change an organizer’s role', async () => {
		expect(
			(
				await clients.organizerA
					.from('memberships')
					.update({ role: 'admin' })
					.eq('user_id', ids.organizerA)
					.select()
			).data
		).toEqual([]);
		const { data } = await clients.adminA
			.from('memberships')
			.update({ role: 'organizer' })
			.eq('user_id', ids.organizerA)
			.eq('organization_id', ids.a)
			.select('role');
		expect(data).toEqual([{ role: 'organizer' }]);
	});

	it('the last owner can neither leave nor demote themselves (23514)', async () => {
		const { error } = await clients.organizerB
			.from('memberships')
			.update({ role: 'admin' })
			.eq('organization_id', ids.b)
			.eq('user_id', ids.organizerB)
			.select('role');
		expect(error?.code).toBe('23514');
	});

	it('only an owner makes or unmakes owners (42501)', async () => {
		const owner = await rt.signedInUser('ownera@example.com');
		await sql`insert into public.memberships (organization_id, user_id, role) values (${ids.a}, ${owner.id}, 'owner')`;
		try {
			const promote = await clients.adminA
				.from('memberships')
				.update({ role: 'owner' })
				.eq('organization_id', ids.a)
				.eq('user_id', ids.adminA)
				.select('role');
			expect(promote.error?.code).toBe('42501');
			const demote = await clients.adminA
				.from('memberships')
				.update({ role: 'organizer' })
				.eq('organization_id', ids.a)
				.eq('user_id', owner.id)
				.select('role');
			expect(demote.error?.code).toBe('42501');
			const roles =
				await sql`select user_id, role from public.memberships where organization_id = ${ids.a} order by role`;
			expect(roles).toEqual(
				expect.arrayContaining([
					{ user_id: owner.id, role: 'owner' },
					{ user_id: ids.adminA, role: 'admin' }
				])
			);
			// The owner may hand over: make the admin an owner, then step down.
			const handOver = await owner.client
				.from('memberships')
				.update({ role: 'owner' })
				.eq('organization_id', ids.a)
				.eq('user_id', ids.adminA)
				.select('role');
			expect(handOver.data).toEqual([{ role: 'owner' }]);
		} finally {
			// Back to the matrix's memberships (the owner guard would refuse the first step).
			await sql.begin(async (tx) => {
				await tx`set local session_replication_role = replica`;
				await tx`delete from public.memberships where user_id = ${owner.id}`;
				await tx`update public.memberships set role = 'admin' where user_id = ${ids.adminA}`;
			});
		}
	});

	it('a membership cannot be re-pointed at another user or organization, not even with the secret key', async () => {
		for (const change of [{ user_id: ids.participant }, { organization_id: ids.b }]) {
			const { error } = await clients.adminA
				.from('memberships')
				.update(change)
				.eq('organization_id', ids.a)
				.eq('user_id', ids.organizerA)
				.select('role');
			expect(error?.code, JSON.stringify(change)).toBe('42501');
			const service = createClient(rt.url, rt.secretKey, opts);
			const viaSecret = await service
				.from('memberships')
				.update(change)
				.eq('organization_id', ids.a)
				.eq('user_id', ids.organizerA)
				.select('role');
			expect(viaSecret.error?.code, JSON.stringify(change)).toBe('42501');
		}
		const inserted = await clients.adminA
			.from('memberships')
			.insert({ organization_id: ids.a, user_id: ids.participant, role: 'organizer' });
		expect(inserted.error?.code).toBe('42501');
		const { data } = await clients.adminA.rpc('member_list', { p_organization: ids.a });
		expect((data ?? []).map((m) => m.email).sort()).toEqual([
			'admina@example.com',
			'organizera@example.com'
		]);
	});

	it('the last owner cannot be removed', async () => {
		const { error } = await clients.organizerB
			.from('memberships')
			.delete()
			.eq('organization_id', ids.b)
			.eq('user_id', ids.organizerB);
		expect(error?.code).toBe('23514');
	});

	it('invitations are seen by owners and admins only', async () => {
		expect((await clients.adminA.from('invitations').select('email')).data).toEqual([
			{ email: 'ny@example.com' }
		]);
		expect((await clients.organizerA.from('invitations').select('email')).data).toEqual([]);
		expect((await clients.anon.from('invitations').select('email')).data).toEqual([]);
	});

	it('an invitation writes its e-mail to the outbox, which no API role can read', async () => {
		const token = 'token-' + crypto.randomUUID();
		const hash = createHash('sha256').update(token).digest('hex');
		const { error } = await clients.adminA.rpc('invite_member', {
			p_organization: ids.a,
			p_email: 'Kari@Example.com',
			p_role: 'organizer',
			p_token_hash: hash,
			p_token: token
		});
		expect(error).toBeNull();
		const [mail] =
			await sql`select to_email, template, data->>'token' as token from private.outbox order by id desc limit 1`;
		expect(mail).toEqual({ to_email: 'kari@example.com', template: 'invitation', token });
		expect(
			(
				await clients.organizerA.rpc('invite_member', {
					p_organization: ids.a,
					p_email: 'x@example.com',
					p_role: 'organizer',
					p_token_hash: hash,
					p_token: token
				})
			).error?.code
		).toBe('42501');
		expect((await clients.adminA.rpc('outbox_claim', { p_limit: 5 })).error?.code).toBe('42501');
		expect(
			(
				await clients.anon
					.schema('private' as never)
					.from('outbox')
					.select()
			).error?.code
		).toBe('PGRST106');
	});

	it('the link’s token leaves the outbox once the mail is sent', async () => {
		const [mail] = await sql`select id from private.outbox order by id desc limit 1`;
		const service = createClient(rt.url, rt.secretKey, opts);
		expect((await service.rpc('outbox_report', { p_id: mail.id })).error).toBeNull();
		const [after] = await sql`select data, sent_at from private.outbox where id = ${mail.id}`;
		expect(after.sent_at).not.toBeNull();
		expect(after.data).not.toHaveProperty('token');
		expect(after.data).toHaveProperty('organization', 'Org A');
	});

	it('an organization sends at most 20 invitations a day (the 21st answers 429)', async () => {
		const invite = (n: number) => {
			const token = `limit-${n}-${crypto.randomUUID()}`;
			return clients.organizerB.rpc('invite_member', {
				p_organization: ids.b,
				p_email: `ny${n}@example.com`,
				p_role: 'organizer',
				p_token: token,
				p_token_hash: createHash('sha256').update(token).digest('hex')
			});
		};
		for (let n = 1; n <= 20; n++) expect((await invite(n)).error, `invitation ${n}`).toBeNull();
		const refused = await invite(21);
		expect(refused.status).toBe(429);
		expect(refused.error?.code).toBe('PT429');
		const [{ count }] =
			await sql`select count(*)::int from public.invitations where organization_id = ${ids.b}`;
		expect(count).toBe(20);
	});

	it('the invited person, and only they, accept an invitation by its token', async () => {
		const token = 'token-' + crypto.randomUUID();
		const hash = createHash('sha256').update(token).digest('hex');
		await clients.adminA.rpc('invite_member', {
			p_organization: ids.a,
			p_email: 'participant@example.com',
			p_role: 'organizer',
			p_token_hash: hash,
			p_token: token
		});
		expect(
			(await clients.organizerB.rpc('accept_invitation', { p_token: token })).error?.code
		).toBe('P0002');
		const { data, error } = await clients.participant.rpc('accept_invitation', { p_token: token });
		expect(error).toBeNull();
		expect(data).toMatchObject({
			organization_id: ids.a,
			user_id: ids.participant,
			role: 'organizer'
		});
		expect(
			(await clients.participant.rpc('accept_invitation', { p_token: token })).error?.code
		).toBe('P0002');
	});

	it('member_list gives members their organization’s member addresses, and others nothing', async () => {
		const { data } = await clients.adminA.rpc('member_list', { p_organization: ids.b });
		expect(data).toEqual([]);
		const { data: own } = await clients.organizerB.rpc('member_list', { p_organization: ids.b });
		expect(own).toEqual([
			expect.objectContaining({ email: 'organizerb@example.com', role: 'owner' })
		]);
		expect((await clients.anon.rpc('member_list', { p_organization: ids.b })).error?.code).toBe(
			'42501'
		);
	});
});
