// The fuzzers' oracle and loop, shown able to fail: canned bad answers are flagged, and a small
// server with a planted bug (a 500 on a NUL byte, a raw echo of HTML) is found by fuzz() with
// the same arbitraries the real targets use. No app needed.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { expect, test } from '@playwright/test';
import { formOf, fuzz, judge } from '../support/fuzz';

test.describe('the fuzz oracle', () => {
	test('flags a 5xx, a stack trace, a server path and a raw HTML echo; passes a plain 4xx', () => {
		const html = 'text/html; charset=utf-8';
		expect(judge({ status: 500, contentType: html, body: 'Internal Error' })).toEqual([
			'status 500'
		]);
		expect(judge({ status: 502, contentType: 'text/plain', body: '' })).toEqual(['status 502']);
		for (const body of [
			'TypeError: Cannot read properties of undefined (reading "trim")',
			'Error: activities.get: 22P02 invalid input syntax',
			'    at readForm (file:///app/build/server/chunks/forms.js:12:7)',
			'at node:internal/process/task_queues:95:5',
			'/srv/app/src/routes/(public)/activity/[id]/+page.server.ts',
			'/srv/app/node_modules/@sveltejs/kit/src/runtime/server/respond.js'
		])
			expect(judge({ status: 400, contentType: html, body }), body).toHaveLength(1);
		expect(
			judge({ status: 400, contentType: html, body: '<p>Hei <script>fzz()</script></p>' })
		).toEqual(['raw HTML payload echoed: …<script>fzz()…']);
		// Escaped, or in a JSON or calendar body (not HTML), the same text is harmless.
		expect(
			judge({ status: 400, contentType: html, body: '<p>Hei &lt;script>fzz()&lt;/script></p>' })
		).toEqual([]);
		expect(
			judge({ status: 200, contentType: 'text/calendar', body: 'SUMMARY:<script>fzz()</script>' })
		).toEqual([]);
		expect(judge({ status: 400, contentType: html, body: '<p>Skriv navnet ditt.</p>' })).toEqual(
			[]
		);
	});

	for (const [bug, answer] of [
		['a 500 on a NUL byte', (body: string) => (body.includes('%00') ? 500 : 400)],
		['a raw echo of HTML', (body: string) => (body.includes('%3Cscript%3E') ? 200 : 400)]
	] as const)
		test(`fuzz() finds a planted bug: ${bug}`, async () => {
			const server: Server = createServer((req, res) => {
				let body = '';
				req.on('data', (c) => (body += c));
				req.on('end', () => {
					const status = answer(body);
					res.writeHead(status, { 'content-type': 'text/html' });
					res.end(status === 200 ? `<p>${decodeURIComponent(body.replace(/\+/g, ' '))}</p>` : '');
				});
			});
			await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
			const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
			const target = {
				name: 'planted',
				request: formOf({ name: fc.constantFrom('Kari', 'Ola') })
					// Only url-encoded bodies: the planted bugs look at the raw body.
					.filter((form) => form.encoding === 'urlencoded')
					.map((form) => ({ method: 'POST', path: '/', form }))
			};
			try {
				const error = await fuzz(base, target, 1000).then(
					() => null,
					(e: Error) => e
				);
				// fast-check reports the counterexample; the oracle's finding is its cause.
				expect(`${error?.message}\n${error?.cause}`).toMatch(
					/Counterexample[\s\S]*planted: (status 500|raw HTML payload echoed)/
				);
			} finally {
				await new Promise((done) => server.close(done));
			}
		});
});
