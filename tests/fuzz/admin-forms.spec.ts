// Fuzzing the platform admins' actions (issue 15) as a platform admin, who may approve and
// suspend any organization: 1,000 generated inputs each, aimed at three pending organizations of
// the spec's own, at ids that are nobody's and at anything at all. Never a 5xx or a stack trace,
// the name echoed in the answer always escaped; afterwards only those three have changed, each
// to a state the rules allow (approved ones carry the time of approval).
import fc from 'fast-check';
import { createOrganizer, grantPlatformAdmin, uniqueEmail } from '../support/accounts';
import { database } from '../support/attacker';
import { expect, test } from '../support/fixtures';
import { formOf, fuzz, nasty, pool, RUNS, type Target } from '../support/fuzz';
import { logInCookie } from '../support/fuzz-world';

const sql = database();
let cookie: string;
let ours: string[];

test.beforeAll(async () => {
	const email = uniqueEmail('fuzz-admin');
	const admin = await createOrganizer(email);
	await grantPlatformAdmin(admin.id);
	cookie = await logInCookie(process.env.SAMMEN_BASE_URL!, email);
	const tag = crypto.randomUUID().slice(0, 6);
	const rows = await sql`
		insert into public.organizations (slug, name, kind, status)
		select 'fuzz-admin-' || ${tag} || '-' || n, 'Venter ' || n, 'ngo', 'pending'
		from generate_series(1, 3) n
		returning id`;
	ours = rows.map((r) => r.id as string);
});

test.afterAll(async () => {
	// Approved, they would show on the public pages other specs read.
	if (ours) await sql`delete from public.organizations where id = any(${ours}::uuid[])`;
});

function decide(action: 'approve' | 'suspend'): Target {
	const id = fc.oneof(
		{ weight: 5, arbitrary: fc.constantFrom(...ours) },
		{ weight: 2, arbitrary: fc.uuid().map(String) },
		{ weight: 2, arbitrary: nasty }
	);
	return {
		name: `admin ?/${action} (as a platform admin)`,
		cookie: () => cookie,
		request: fc
			.record({
				prefix: fc.constantFrom('', '/en'),
				form: formOf({ id, name: fc.oneof(fc.constant('Forening'), nasty) })
			})
			.map(({ prefix, form }) => ({ method: 'POST', path: `${prefix}/admin?/${action}`, form }))
	};
}

test('platform admin actions as a platform admin: 1,000 inputs each', async () => {
	test.setTimeout(600_000);
	// Organizations other specs leave approved or suspended stay as they are (pending ones of
	// theirs may be approved by them meanwhile).
	const settled = () => sql<{ id: string; status: string; approved_at: Date | null }[]>`
		select id, status, approved_at from public.organizations
		where status <> 'pending' and not (id = any(${ours}::uuid[])) order by id`;
	const before = await settled();
	const base = process.env.SAMMEN_BASE_URL!;
	const sent = await pool(
		[decide('approve'), decide('suspend')].map((t) => () => fuzz(base, t, RUNS)),
		2
	);
	expect(sent).toEqual([RUNS, RUNS]);
	const after = await settled();
	// Compared where both hold the row: another spec may delete its own organization meanwhile.
	const ids = (rows: { id: string }[]) => new Set(rows.map((r) => r.id));
	const [beforeIds, afterIds] = [ids(before), ids(after)];
	expect(after.filter((r) => beforeIds.has(r.id))).toEqual(
		before.filter((r) => afterIds.has(r.id))
	);
	const mine = await sql`
		select status, approved_at from public.organizations where id = any(${ours}::uuid[])`;
	expect(mine).toHaveLength(3);
	for (const row of mine) {
		expect(['pending', 'approved', 'suspended']).toContain(row.status);
		if (row.status === 'approved') expect(row.approved_at).not.toBeNull();
	}
	// The fuzzing reached the decision itself, not only the form's checks.
	expect(mine.some((row) => row.status !== 'pending')).toBe(true);
});
