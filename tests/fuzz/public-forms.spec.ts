// Fuzzing every public form action (issue 15): 1,000 generated inputs each, sent as a visitor
// without JavaScript would (and as use:enhance would), each from its own address. Every answer
// is a 3xx/4xx or a page with a message — never a 5xx or a stack trace — and afterwards the
// database holds nothing the rules forbid.
import fc from 'fast-check';
import { createOrganizer, uniqueEmail } from '../support/accounts';
import { database } from '../support/attacker';
import { expect, test } from '../support/fixtures';
import { formOf, fuzz, pool, RUNS, segment, type Target } from '../support/fuzz';
import {
	forbiddenRows,
	logInCookie,
	makeWorld,
	snapshotOf,
	someId,
	type World
} from '../support/fuzz-world';

const sql = database();
let world: World;
/**
 * Signed-in sessions of throw-away accounts: the code, recovery, new-password, invitation and
 * log-out actions send a visitor to log in before reading anything, so each is also fuzzed
 * signed in (log-out with an account of its own, as it ends the session).
 */
let signedIn: string;
let leaving: string;

test.beforeAll(async () => {
	world = await makeWorld(sql, 'public');
	const accounts = [uniqueEmail('fuzz-signed-in'), uniqueEmail('fuzz-leaving')];
	for (const email of accounts) await createOrganizer(email);
	[signedIn, leaving] = await Promise.all(accounts.map((e) => logInCookie(world.base, e)));
});

const prefix = fc.constantFrom('', '/en');
const email = fc.oneof(
	fc.uuid().map((u) => `fuzz-${u.slice(0, 8)}@example.com`),
	fc.emailAddress(),
	fc.constantFrom('a@b', 'ola@@example.com', ' kari@example.com ', 'kari@example.com\u0000')
);
const password = fc.oneof(fc.constant('GodDag2026x'), fc.string({ minLength: 8, maxLength: 30 }));
const next = fc.constantFrom(
	'/dashboard',
	'/invitations/x',
	'//evil.example',
	'https://evil.example',
	'/\\evil'
);
const token = fc.oneof(
	fc.stringMatching(/^[A-Za-z0-9_-]{43}$/),
	fc.stringMatching(/^[0-9a-f]{1,80}$/)
);

/** A POST of a generated form to `path(input)`'s action. */
function post(
	name: string,
	path: fc.Arbitrary<string>,
	spec: Record<string, fc.Arbitrary<string>>,
	cookie?: () => string
): Target {
	return {
		name,
		cookie,
		request: fc
			.record({ prefix, path, form: formOf(spec) })
			.map(({ prefix, path, form }) => ({ method: 'POST', path: prefix + path, form }))
	};
}

function targets(w: World): Target[] {
	const activity = segment(someId(w.a.activityId, w.a2.activityId, w.b.activityId));
	return [
		post(
			'activity ?/signup',
			activity.map((id) => `/activity/${id}?/signup`),
			{
				name: fc.oneof(
					fc.constantFrom('Kari', 'Ola N.'),
					fc.string({ minLength: 1, maxLength: 60 })
				),
				email: fc.oneof(email, fc.constant('')),
				phone: fc.constantFrom('+47 912 34 567', '91234567', '', '12', '+47-912'),
				note: fc.string({ maxLength: 500 }),
				firstTime: fc.constantFrom('on', 'off'),
				reminder: fc.constantFrom('on', ''),
				role: fc.constantFrom('participant', 'helper', 'organizer'),
				consent: fc.constantFrom('yes', 'no', 'on'),
				sessionId: fc.oneof(someId(w.a.sessionId, w.a2.sessionId, w.b.sessionId), fc.constant('')),
				key: fc.uuid().map(String)
			}
		),
		post('auth/login ?/password', fc.constant('/auth/login?/password'), {
			email,
			password,
			next
		}),
		post('auth/login ?/link', fc.constant('/auth/login?/link'), { email, next }),
		post('auth/forgot', fc.constant('/auth/forgot'), { email }),
		post('auth/signup', fc.constant('/auth/signup'), { email, password, next }),
		post(
			'auth/confirm',
			fc
				.record({
					t: token,
					type: fc.constantFrom('signup', 'recovery', 'invite', 'magiclink', 'email', 'x')
				})
				.map(({ t, type }) => `/auth/confirm?token_hash=${t}&type=${type}`),
			{ token_hash: token, type: fc.constantFrom('signup', 'recovery', 'email'), next }
		),
		post('auth/logout', fc.constant('/auth/logout'), {}),
		post('auth/mfa', fc.constant('/auth/mfa'), {
			code: fc.stringMatching(/^\d{6}$/),
			next
		}),
		post('auth/recovery', fc.constant('/auth/recovery'), {
			recoveryCode: fc.stringMatching(/^[A-Za-z0-9]{5}-[A-Za-z0-9]{5}$/)
		}),
		post('auth/reset', fc.constant('/auth/reset'), { password }),
		post(
			'invitations/[token]',
			segment(token).map((t) => `/invitations/${t}`),
			{}
		),
		post(
			'auth/mfa (signed in)',
			fc.constant('/auth/mfa'),
			{ code: fc.stringMatching(/^\d{6}$/), next },
			() => signedIn
		),
		post(
			'auth/recovery (signed in)',
			fc.constant('/auth/recovery'),
			{
				recoveryCode: fc.stringMatching(/^[A-Za-z0-9]{5}-[A-Za-z0-9]{5}$/)
			},
			() => signedIn
		),
		post('auth/reset (signed in)', fc.constant('/auth/reset'), { password }, () => signedIn),
		post(
			'invitations/[token] (signed in)',
			segment(token).map((t) => `/invitations/${t}`),
			{},
			() => signedIn
		),
		post('auth/logout (signed in)', fc.constant('/auth/logout'), {}, () => leaving),
		post(
			'signup/[token] ?/cancel',
			segment(fc.oneof(token, fc.constant(w.token))).map((t) => `/signup/${t}?/cancel`),
			{}
		),
		post(
			'signup/[token] ?/erase',
			segment(fc.oneof(token, fc.constant(w.token))).map((t) => `/signup/${t}?/erase`),
			{ confirm: fc.constantFrom('yes', 'no', '') }
		)
	];
}

test('every public form action: 1,000 generated inputs each, never a 5xx or a stack trace', async () => {
	test.setTimeout(600_000);
	const before = await snapshotOf(sql, world.b);
	const list = targets(world);
	const sent = await pool(
		list.map((t) => () => fuzz(world.base, t, RUNS)),
		Number(process.env.FUZZ_POOL ?? 6)
	);
	for (const [i, n] of sent.entries()) expect(n, list[i].name).toBe(RUNS);
	// Nothing written that the rules forbid, and organization B exactly as it was (apart from
	// sign-ups to its public activity, which anyone may make).
	expect(await forbiddenRows(sql, [world.a.activityId, world.b.activityId])).toEqual([]);
	const after = await snapshotOf(sql, world.b);
	expect({ ...after, signups: null }).toEqual({ ...before, signups: null });
});
