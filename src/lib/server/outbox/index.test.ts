import { afterEach, describe, expect, it, vi } from 'vitest';
import { env } from '$env/dynamic/private';
import { startOutbox } from './index';

describe('startOutbox', () => {
	const saved = env.SMTP_HOST;
	afterEach(() => {
		vi.restoreAllMocks();
		env.SMTP_HOST = saved;
	});

	it('sends nothing, and says why, when SMTP is not configured', async () => {
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		// In tests the module is a plain object filled from the environment at startup.
		env.SMTP_HOST = '';
		const sender = startOutbox();
		await sender.stop();
		expect(warn).toHaveBeenCalledWith('outbox: not sending e-mails (SMTP_HOST is not set)');
	});
});
