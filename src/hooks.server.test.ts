import type { RequestEvent } from '@sveltejs/kit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { handleError } from './hooks.server';

afterEach(() => vi.restoreAllMocks());

describe('handleError', () => {
	it('logs the route, never the path: a manage link path is its token', async () => {
		const lines: string[] = [];
		vi.spyOn(console, 'error').mockImplementation((...args) => void lines.push(args.join(' ')));
		const token = 'q1w2e3r4t5y6u7i8o9p0asdfghjklzxcvbnmQWERTYU';
		const event = {
			request: new Request(`http://127.0.0.1/signup/${token}?/cancel`, { method: 'POST' }),
			url: new URL(`http://127.0.0.1/signup/${token}?/cancel`),
			route: { id: '/(public)/signup/[token]' }
		} as unknown as RequestEvent;
		const answer = await handleError({
			error: new Error('boom'),
			event,
			status: 500,
			message: 'Internal Error'
		});
		expect(answer).toEqual({ message: 'Internal Error' });
		expect(lines.join('\n')).toContain('[500] POST /(public)/signup/[token]');
		expect(lines.join('\n')).not.toContain(token);
	});
});
