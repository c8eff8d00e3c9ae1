// `npm start`: the production build of the app on http://localhost:3000 (PORT respected), with
// the embedded database and demo data. Builds first when the sources are newer than the build.
// Ctrl-C stops everything it started.
import { spawnSync } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import {
	claimDataFolder,
	exitWith,
	root,
	runUntilStopped,
	startLocalStack
} from './lib/local-stack.ts';
import { buildIsCurrent } from './lib/build-state.ts';

const port = Number(process.env.PORT) || 3000;
const host = process.env.HOST || '127.0.0.1';
const started = Date.now();
// Before the build: a second start must not rebuild under a running one.
claimDataFolder();

if (!buildIsCurrent(root)) {
	console.log('Building the app…');
	const result = spawnSync(
		process.execPath,
		[join(root, 'node_modules/vite/bin/vite.js'), 'build'],
		{
			cwd: root,
			stdio: ['ignore', 'ignore', 'inherit']
		}
	);
	if (result.status !== 0) process.exit(result.status ?? 1);
}

console.log('Starting Sammen…');
const shownHost = host === '127.0.0.1' || host === '0.0.0.0' ? 'localhost' : host;
const local = await startLocalStack(
	process.env.SAMMEN_SITE_URL || `http://${shownHost}:${port}`
).catch(exitWith);
Object.assign(process.env, local.appEnv);
// Served over plain HTTP locally: tell the app so, and let it take its origin from the Host
// header (so both localhost and 127.0.0.1 pass SvelteKit's cross-site form check).
process.env.PROTOCOL_HEADER = 'x-forwarded-proto';
delete process.env.ORIGIN;
const { handler } = (await import(join(root, 'build/handler.js'))) as {
	handler: (req: IncomingMessage, res: ServerResponse) => void;
};
const addressHeader = process.env.ADDRESS_HEADER?.toLowerCase();
const server = createServer((req, res) => {
	req.headers['x-forwarded-proto'] = 'http';
	// With ADDRESS_HEADER set (as behind a proxy), a direct request still has an address.
	if (addressHeader && !req.headers[addressHeader])
		req.headers[addressHeader] = req.socket.remoteAddress;
	handler(req, res);
});
server.on('error', async (error) => {
	console.error(`Could not listen on ${host}:${port}: ${error.message}`);
	await local.stop();
	process.exit(1);
});
server.listen(port, host, () => {
	console.log(`  app       http://${shownHost}:${port}  (English: http://${shownHost}:${port}/en)`);
	console.log(`Ready in ${((Date.now() - started) / 1000).toFixed(1)} s. Press Ctrl-C to stop.`);
});

runUntilStopped(local, async () => {
	server.closeAllConnections();
	await new Promise((done) => server.close(done));
});
