import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMailCatcher, type MailCatcher, type MailMessage } from './index.ts';
import { greetedClient } from './test-client.ts';

let catcher: MailCatcher;
beforeAll(async () => {
	catcher = await startMailCatcher();
});
afterAll(() => catcher.stop());
beforeEach(() => {
	catcher.store.clear();
});

const LINK = 'https://sammen.local/verify?token=t1&type=signup';
const HOSTILE = [
	'From: "Mallory <script>" <mallory@example.no>',
	'To: kari@example.no',
	'Subject: <script>alert("subject")</script> & more',
	'Content-Type: multipart/alternative; boundary=b',
	'',
	'--b',
	'Content-Type: text/plain',
	'',
	'Text with <b>tags</b>: https://sammen.local/text',
	'--b',
	'Content-Type: text/html',
	'',
	`<p onclick="alert(1)">Hi</p><script>alert("html")</script><a href="${LINK.replace('&', '&amp;')}">Go</a>`,
	'--b--'
].join('\r\n');

async function deliver(raw: string, to = 'kari@example.no'): Promise<MailMessage> {
	const client = await greetedClient(catcher.smtpPort);
	expect((await client.send('noreply@sammen.no', [to], raw)).code).toBe(250);
	client.destroy();
	return catcher.store.list()[0];
}

const get = (path: string, init?: RequestInit) => fetch(`${catcher.webUrl}${path}`, init);

describe('web pages', () => {
	it('lists messages with escaped subjects, a strict CSP and links to each message', async () => {
		const message = await deliver(HOSTILE);
		const response = await get('/');
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
		const csp = response.headers.get('content-security-policy') ?? '';
		expect(csp).toContain("script-src 'none'");
		expect(csp).toContain("default-src 'none'");
		const html = await response.text();
		expect(html).not.toContain('<script');
		expect(html).toContain('&lt;script&gt;alert(&quot;subject&quot;)&lt;/script&gt; &amp; more');
		expect(html).toContain(`<a href="/messages/${message.id}">`);
		expect(html).toContain('<th scope="col">Subject</th>');
		expect(html).toContain('kari@example.no');
	});

	it('shows a message: headers, text, sandboxed HTML and clickable links', async () => {
		const message = await deliver(HOSTILE);
		const response = await get(`/messages/${message.id}`);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-security-policy')).toContain("script-src 'none'");
		const html = await response.text();
		expect(html).not.toMatch(/<script|<p onclick/);
		expect(html).toContain(
			'<dd>&quot;Mallory &lt;script&gt;&quot; &lt;mallory@example.no&gt;</dd>'
		);
		expect(html).toContain(
			'<pre>Text with &lt;b&gt;tags&lt;/b&gt;: https://sammen.local/text</pre>'
		);
		const iframe = /<iframe ([^>]*)>/.exec(html)?.[1] ?? '';
		expect(iframe).toContain('sandbox=""');
		expect(iframe).toContain(
			'srcdoc="&lt;p onclick=&quot;alert(1)&quot;&gt;Hi&lt;/p&gt;&lt;script&gt;'
		);
		expect(html).toContain(`<a href="${LINK.replace('&', '&amp;')}" rel="noreferrer">`);
		expect(html).toContain('<a href="https://sammen.local/text" rel="noreferrer">');
		expect(await (await get(`/messages/${message.id}/raw`)).text()).toBe(message.raw);
	});

	it('answers unknown pages and messages with 404 and malformed paths with 400', async () => {
		expect((await get('/messages/nope')).status).toBe(404);
		expect((await get('/elsewhere')).status).toBe(404);
		expect((await get('/messages/%E0%A4%A')).status).toBe(400);
		expect((await get('/', { method: 'POST' })).status).toBe(405);
	});
});

describe('JSON API', () => {
	it('lists summaries and returns the full parsed message with its links', async () => {
		const message = await deliver(HOSTILE);
		const list = await (await get('/api/v1/messages')).json();
		expect(list).toEqual([
			{
				id: message.id,
				receivedAt: message.receivedAt,
				from: '"Mallory <script>" <mallory@example.no>',
				to: ['kari@example.no'],
				subject: '<script>alert("subject")</script> & more'
			}
		]);
		const response = await get(`/api/v1/messages/${message.id}`);
		expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
		const full = await response.json();
		expect(full).toMatchObject({ id: message.id, subject: message.subject, text: message.text });
		expect(full.links).toEqual([LINK, 'https://sammen.local/text']);
		expect((await get('/api/v1/messages/nope')).status).toBe(404);
	});

	it('searches by recipient, newest first, and deletes', async () => {
		await deliver('Subject: one\r\n\r\nx', 'ola@example.no');
		await deliver('Subject: other\r\n\r\nx', 'kari@example.no');
		await deliver('Subject: two\r\nTo: ola@example.no\r\n\r\nx', 'ola@example.no');
		const found = await (await get('/api/v1/search?to=OLA@example.no')).json();
		expect(found.map((m: MailMessage) => m.subject)).toEqual(['two', 'one']);
		expect((await get('/api/v1/search')).status).toBe(400);
		const deleted = await get('/api/v1/messages', { method: 'DELETE' });
		expect(await deleted.json()).toEqual({ deleted: 3 });
		expect(await (await get('/api/v1/messages')).json()).toEqual([]);
	});
});
