import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort } from '../util/free-port.ts';
import { startMailCatcher } from './index.ts';
import { greetedClient } from './test-client.ts';

const here = new URL('.', import.meta.url).pathname;

function refused(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect(port, '127.0.0.1');
		socket.on('connect', () => (socket.destroy(), resolve(false)));
		socket.on('error', () => resolve(true));
	});
}

// Runs in a child process: if stop() left any server or socket open, the child never exits.
const CHILD = `
import { connect } from 'node:net';
import { startMailCatcher } from '${here}index.ts';
import { greetedClient } from '${here}test-client.ts';

const catcher = await startMailCatcher();
const sent = await greetedClient(catcher.smtpPort);
await sent.send('a@example.no', ['b@example.no'], 'Subject: kept open\\r\\n\\r\\nbody');
const midData = await greetedClient(catcher.smtpPort);
for (const line of ['MAIL FROM:<a@example.no>', 'RCPT TO:<b@example.no>', 'DATA']) await midData.command(line);
midData.write('Subject: never finished\\r\\n');
const http = connect(catcher.webPort, '127.0.0.1');
http.write('GET /api/v1/messages HTTP/1.1\\r\\nHost: x\\r\\nConnection: keep-alive\\r\\n\\r\\n');
await new Promise((resolve) => http.once('data', resolve));
const halfRequest = connect(catcher.webPort, '127.0.0.1');
halfRequest.write('GET / HTTP/1.1\\r\\nHost: x\\r\\n');
for (const socket of [http, halfRequest]) socket.on('error', () => {});
await new Promise((resolve) => setTimeout(resolve, 50));
await catcher.stop();
console.log('stopped with', catcher.store.list().length, 'message');
`;

describe('startMailCatcher', () => {
	it('listens on the ports asked for and reports them', async () => {
		const [smtpPort, webPort] = [await freePort(), await freePort()];
		const catcher = await startMailCatcher({ smtpPort, webPort });
		try {
			expect(catcher).toMatchObject({
				smtpPort,
				webPort,
				smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
				webUrl: `http://127.0.0.1:${webPort}`
			});
			expect((await fetch(`${catcher.webUrl}/api/v1/messages`)).status).toBe(200);
		} finally {
			await catcher.stop();
		}
	});

	it('picks free ports for 0 and refuses connections after stop()', async () => {
		const catcher = await startMailCatcher({ smtpPort: 0, webPort: 0 });
		expect(catcher.smtpPort).toBeGreaterThan(0);
		expect(catcher.webPort).toBeGreaterThan(0);
		const idle = await greetedClient(catcher.smtpPort);
		await Promise.all([catcher.stop(), catcher.stop()]);
		await idle.closed();
		expect(await refused(catcher.smtpPort)).toBe(true);
		expect(await refused(catcher.webPort)).toBe(true);
	});

	it('fails cleanly when a port is taken, leaving nothing listening', async () => {
		const first = await startMailCatcher();
		try {
			const smtpPort = await freePort();
			await expect(startMailCatcher({ smtpPort, webPort: first.webPort })).rejects.toThrow(
				/EADDRINUSE/
			);
			expect(await refused(smtpPort)).toBe(true);
			await expect(startMailCatcher({ smtpPort: first.smtpPort })).rejects.toThrow(/EADDRINUSE/);
		} finally {
			await first.stop();
		}
	});

	it('stop() leaves no open handles: a process using it exits by itself', async () => {
		const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD], {
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		const exit = await new Promise<number | string | null>((resolve) => {
			const timer = setTimeout(() => {
				child.kill('SIGKILL');
				resolve('hung');
			}, 10_000);
			child.on('exit', (code) => (clearTimeout(timer), resolve(code)));
		});
		expect({ exit, stdout, stderr: stderr.replace(/.*ExperimentalWarning.*\n?/g, '') }).toEqual({
			exit: 0,
			stdout: 'stopped with 1 message\n',
			stderr: expect.not.stringMatching(/Error/)
		});
	});
});
