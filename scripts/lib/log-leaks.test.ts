import { describe, expect, it } from 'vitest';
import { findLeaks, mask } from './log-leaks.ts';

const values = [
	{ kind: 'sign-up name', value: 'Kari Nordmann' },
	{ kind: 'phone', value: '900 11 222' },
	{ kind: 'manage token', value: 'q1w2e3r4t5y6u7i8o9p0asdfghjklzxcvbnmQWERTYU' },
	{ kind: 'sign-up name', value: 'Ola' }
];

describe('findLeaks', () => {
	it('finds a known value, a test e-mail and a token link, with the line', () => {
		const log = [
			'Starting Sammen…',
			'[500] POST /signup/q1w2e3r4t5y6u7i8o9p0asdfghjklzxcvbnmQWERTYU error',
			'DETAIL: Key (email)=(kari-1234@example.com) already exists.',
			'sign_up failed for Kari Nordmann (900 11 222)'
		].join('\n');
		const leaks = findLeaks(log, values);
		expect(leaks.map((l) => [l.kind, l.line])).toEqual([
			['manage link token', 2],
			['manage token', 2],
			['e-mail address', 3],
			['sign-up name', 4],
			['phone', 4]
		]);
		// The report masks what it found.
		expect(leaks.some((l) => l.masked.includes('Nordmann'))).toBe(false);
	});

	it('passes a clean log: public addresses, other words, short names', () => {
		const log = [
			'  app       http://localhost:3000',
			'contact post@ballogfellesskap.example for the demo',
			'Karin Nordmannsen went to /signup/short',
			'Olav and Ola: too short to search for',
			'outbox: e-mail 42 failed (attempt 1, ECONNECTION)'
		].join('\n');
		expect(findLeaks(log, values)).toEqual([]);
	});

	it('masks the middle of a value', () => {
		expect(mask('kari@example.com')).toBe('ka************om');
		expect(mask('Ola')).toBe('***');
	});
});
