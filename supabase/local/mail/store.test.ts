import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMailCatcher, type MailCatcher } from './index.ts';
import { parseMessage } from './message.ts';
import { MailStore } from './store.ts';
import { greetedClient } from './test-client.ts';

let catcher: MailCatcher;
beforeAll(async () => {
	catcher = await startMailCatcher();
});
afterAll(() => catcher.stop());
beforeEach(() => {
	catcher.store.clear();
});

const message = async (to: string, subject: string) =>
	parseMessage(Buffer.from(`To: ${to}\r\nSubject: ${subject}\r\n\r\nbody`), {
		from: 'a@example.no',
		to: [to]
	});

describe('MailStore', () => {
	it('waitFor resolves when a matching message arrives over SMTP', async () => {
		const waiting = catcher.store.waitFor((m) => m.subject === 'Wanted', 5000);
		let settled = false;
		void waiting.then(() => (settled = true));
		const client = await greetedClient(catcher.smtpPort);
		await client.send('a@example.no', ['kari@example.no'], 'Subject: Unwanted\r\n\r\nx');
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(settled).toBe(false);
		await client.send('a@example.no', ['kari@example.no'], 'Subject: Wanted\r\n\r\nx');
		client.destroy();
		const found = await waiting;
		expect(found.subject).toBe('Wanted');
		expect(found.envelope.to).toEqual(['kari@example.no']);
	});

	it('waitFor resolves at once with a message that is already there', async () => {
		const store = new MailStore();
		store.add(await message('ola@example.no', 'Early'));
		expect((await store.waitFor((m) => m.subject === 'Early', 1)).subject).toBe('Early');
	});

	it('waitFor rejects after the timeout, and when the predicate throws', async () => {
		const store = new MailStore();
		await expect(store.waitFor(() => false, 30)).rejects.toThrow(
			/no matching message within 30 ms/
		);
		const failing = store.waitFor(() => {
			throw new Error('bad predicate');
		}, 1000);
		store.add(await message('ola@example.no', 'x'));
		await expect(failing).rejects.toThrow('bad predicate');
	});

	it('keeps newest first, finds by recipient case-insensitively and forgets past the cap', async () => {
		const store = new MailStore({ maxMessages: 3 });
		const first = await message('ola@example.no', '1');
		store.add(first);
		store.add(await message('kari@example.no', '2'));
		store.add(await message('ola@example.no', '3'));
		expect(store.latestFor('OLA@example.no')?.subject).toBe('3');
		expect(store.search('ola@example.no').map((m) => m.subject)).toEqual(['3', '1']);
		expect(store.get(first.id)).toBe(first);
		store.add(await message('per@example.no', '4'));
		expect(store.list().map((m) => m.subject)).toEqual(['4', '3', '2']);
		expect(store.get(first.id)).toBeUndefined();
		expect(store.latestFor('nobody@example.no')).toBeUndefined();
		expect(store.clear()).toBe(3);
		expect(store.list()).toEqual([]);
	});

	it('finds a Bcc recipient through the envelope', async () => {
		const store = new MailStore();
		store.add(
			await parseMessage(Buffer.from('To: kari@example.no\r\n\r\nx'), {
				from: 'a@example.no',
				to: ['kari@example.no', 'hidden@example.no']
			})
		);
		expect(store.latestFor('hidden@example.no')?.to).toEqual(['kari@example.no']);
	});
});
