import { describe, expect, it } from 'vitest';
import { checkRun, inFlightAtKill, messageIdOf, type RunData } from './check.ts';

/** A run where every promise held: two sign-ups (one cancelled, which promoted nobody). */
function goodRun(): RunData {
	return {
		statuses: { '200': 120, '303': 4, '304': 30, '400': 2 },
		seen: [
			{ key: 'k1', sessionId: 's1', email: 'a@example.com', outcome: 'confirmed', cancelled: true },
			{
				key: 'k2',
				sessionId: 's1',
				email: 'b@example.com',
				outcome: 'waitlisted',
				cancelled: false
			},
			{ key: 'k3', sessionId: 's1', email: null, outcome: 'refused', cancelled: false },
			{ key: 'k4', sessionId: 's1', email: 'd@example.com', outcome: 'unknown', cancelled: false }
		],
		signups: [
			{ key: 'k1', sessionId: 's1', status: 'cancelled' },
			{ key: 'k2', sessionId: 's1', status: 'confirmed' }
		],
		sessions: [{ id: 's1', capacity: 1, confirmed: 1 }],
		outbox: [
			{
				id: '1',
				template: 'signup_confirmed',
				toEmail: 'a@example.com',
				sent: true,
				inDoubt: false
			},
			{
				id: '2',
				template: 'signup_waitlisted',
				toEmail: 'b@example.com',
				sent: true,
				inDoubt: false
			},
			{ id: '3', template: 'signup_promoted', toEmail: 'b@example.com', sent: false, inDoubt: true }
		],
		caughtMessageIds: [messageIdOf(1), messageIdOf(2)],
		kills: 1
	};
}

describe('checkRun', () => {
	it('passes a run where every promise held', () => {
		expect(checkRun(goodRun())).toEqual([]);
	});

	it('flags a 5xx', () => {
		const run = goodRun();
		run.statuses['502'] = 3;
		expect(checkRun(run)).toEqual(['3 responses with status 502']);
	});

	it('flags a session over capacity', () => {
		const run = goodRun();
		run.sessions[0].confirmed = 2;
		expect(checkRun(run)).toEqual(['session s1: 2 confirmed for 1 places']);
	});

	it('flags a lost sign-up and a refused one that was kept', () => {
		const run = goodRun();
		run.signups = run.signups.filter((s) => s.key !== 'k2');
		run.signups.push({ key: 'k3', sessionId: 's1', status: 'waitlisted' });
		expect(checkRun(run)).toEqual([
			'sign-up k2 was answered waitlisted but is not in the database',
			'sign-up k3 was refused but is in the database (waitlisted)'
		]);
	});

	it('flags a cancelled sign-up left confirmed', () => {
		const run = goodRun();
		run.signups[0].status = 'confirmed';
		expect(checkRun(run)).toEqual(['sign-up k1 was cancelled but is confirmed']);
	});

	it('flags a first mail queued twice or never', () => {
		const run = goodRun();
		run.outbox.push({
			id: '4',
			template: 'signup_confirmed',
			toEmail: 'a@example.com',
			sent: true,
			inDoubt: false
		});
		run.caughtMessageIds.push(messageIdOf(4));
		run.outbox = run.outbox.filter((r) => r.id !== '2');
		run.caughtMessageIds = run.caughtMessageIds.filter((id) => id !== messageIdOf(2));
		expect(checkRun(run)).toEqual([
			'sign-up k1: 2 first mails in the outbox, not 1',
			'sign-up k2: 0 first mails in the outbox, not 1'
		]);
	});

	it('flags a mail caught twice and one never sent', () => {
		const run = goodRun();
		run.caughtMessageIds.push(messageIdOf(1));
		run.outbox[1].sent = false;
		run.caughtMessageIds = run.caughtMessageIds.filter((id) => id !== messageIdOf(2));
		expect(checkRun(run)).toEqual([
			'outbox 1 (signup_confirmed) caught 2 times',
			'outbox 2 (signup_waitlisted) never sent'
		]);
	});

	it('allows one mail in flight per kill, not more', () => {
		const run = goodRun();
		run.caughtMessageIds.push(messageIdOf(3));
		expect(checkRun(run)).toEqual([]);
		expect(inFlightAtKill(run)).toEqual(['3']);
		run.outbox.push({
			id: '4',
			template: 'signup_promoted',
			toEmail: 'b@example.com',
			sent: false,
			inDoubt: true
		});
		run.caughtMessageIds.push(messageIdOf(4));
		expect(checkRun(run)).toEqual(['2 mails sent but not marked after 1 kill(s): 3, 4']);
		run.kills = 0;
		run.outbox.pop();
		run.caughtMessageIds.pop();
		expect(checkRun(run)).toEqual(['1 mails sent but not marked after 0 kill(s): 3']);
	});

	it('flags a mail no outbox row explains', () => {
		const run = goodRun();
		run.caughtMessageIds.push('<other@example.com>');
		expect(checkRun(run)).toEqual(['a mail <other@example.com> (1×) that no outbox row explains']);
	});
});
