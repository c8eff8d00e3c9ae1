// What must hold after the load run (scripts/load/run.ts), as pure functions over what the clients
// saw and what the database and the mail catcher hold, so a unit test can feed them broken data.

/** A sign-up as the clients saw it answered. */
export interface SeenSignup {
	key: string;
	sessionId: string;
	email: string | null;
	/** What the app answered; `unknown` when the connection broke before an answer. */
	outcome: 'confirmed' | 'waitlisted' | 'refused' | 'unknown';
	/** A cancellation the app confirmed. */
	cancelled: boolean;
}

export interface DbSignup {
	key: string;
	sessionId: string;
	status: string;
}

export interface DbSession {
	id: string;
	capacity: number;
	confirmed: number;
}

export interface OutboxRow {
	id: string;
	template: string;
	toEmail: string;
	sent: boolean;
	/** Claimed by a sender that never reported back (its lease still runs). */
	inDoubt: boolean;
}

export interface RunData {
	statuses: Record<string, number>;
	seen: SeenSignup[];
	signups: DbSignup[];
	sessions: DbSession[];
	outbox: OutboxRow[];
	/** The Message-ID of every mail the catcher got (the sender names each after its outbox row). */
	caughtMessageIds: string[];
	/** How many times the app server was killed: each kill may leave one mail in flight. */
	kills: number;
}

/** The Message-ID the outbox sender gives the mail of outbox row `id` (sender.ts). */
export const messageIdOf = (id: string | number) => `<outbox-${id}@sammen>`;

const FIRST_MAIL = new Set(['signup_confirmed', 'signup_waitlisted']);

/** Mails the killed server sent but could not mark (they will go again after the lease). */
export function inFlightAtKill(run: RunData): string[] {
	const caught = new Set(run.caughtMessageIds);
	return run.outbox.filter((r) => r.inDoubt && caught.has(messageIdOf(r.id))).map((r) => r.id);
}

/** Every broken promise of the run, one line each; empty when all held. */
export function checkRun(run: RunData): string[] {
	const problems: string[] = [];
	const fivexx = Object.entries(run.statuses).filter(([s]) => Number(s) >= 500);
	for (const [status, n] of fivexx) problems.push(`${n} responses with status ${status}`);

	for (const s of run.sessions)
		if (s.confirmed > s.capacity)
			problems.push(`session ${s.id}: ${s.confirmed} confirmed for ${s.capacity} places`);

	const byKey = new Map(run.signups.map((s) => [s.key, s]));
	for (const seen of run.seen) {
		const row = byKey.get(seen.key);
		if ((seen.outcome === 'confirmed' || seen.outcome === 'waitlisted') && !row)
			problems.push(`sign-up ${seen.key} was answered ${seen.outcome} but is not in the database`);
		if (seen.outcome === 'refused' && row)
			problems.push(`sign-up ${seen.key} was refused but is in the database (${row.status})`);
		if (seen.cancelled && row && row.status !== 'cancelled')
			problems.push(`sign-up ${seen.key} was cancelled but is ${row.status}`);
	}

	// One first mail (confirmed or waitlisted, with the manage link) per sign-up with an address.
	const seenByKey = new Map(run.seen.map((s) => [s.key, s]));
	const firstMails = new Map<string, number>();
	for (const row of run.outbox)
		if (FIRST_MAIL.has(row.template))
			firstMails.set(row.toEmail, (firstMails.get(row.toEmail) ?? 0) + 1);
	for (const signup of run.signups) {
		const email = seenByKey.get(signup.key)?.email;
		if (!email) continue;
		const n = firstMails.get(email) ?? 0;
		if (n !== 1) problems.push(`sign-up ${signup.key}: ${n} first mails in the outbox, not 1`);
	}

	// Every sent row reached the catcher exactly once. A row the killed server had claimed waits
	// for its lease to end, then goes out: delayed, not lost. SMTP has no way to make "sent" and
	// "marked sent" one step, so the one mail a server was sending when it died may have gone out
	// unmarked and will go again, with the same Message-ID (at-least-once). More than one such
	// mail per kill would mean the sender marks late.
	const caught = new Map<string, number>();
	for (const id of run.caughtMessageIds) caught.set(id, (caught.get(id) ?? 0) + 1);
	const rowIds = new Set(run.outbox.map((r) => messageIdOf(r.id)));
	const inFlight: OutboxRow[] = [];
	for (const row of run.outbox) {
		const n = caught.get(messageIdOf(row.id)) ?? 0;
		if (row.sent && n !== 1) problems.push(`outbox ${row.id} (${row.template}) caught ${n} times`);
		if (!row.sent && !row.inDoubt) problems.push(`outbox ${row.id} (${row.template}) never sent`);
		if (row.inDoubt && n > 1) problems.push(`outbox ${row.id} (${row.template}) caught ${n} times`);
		if (row.inDoubt && n === 1) inFlight.push(row);
	}
	if (inFlight.length > run.kills)
		problems.push(
			`${inFlight.length} mails sent but not marked after ${run.kills} kill(s): ${inFlight.map((r) => r.id).join(', ')}`
		);
	for (const [id, n] of caught)
		if (!rowIds.has(id)) problems.push(`a mail ${id} (${n}×) that no outbox row explains`);
	return problems;
}
