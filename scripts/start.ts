// `npm start`: the production build of the app on http://localhost:3000 (PORT respected), with
// the embedded database and demo data. Builds first when the sources are newer than the build.
// Ctrl-C stops everything it started.
import { spawn, spawnSync } from 'node:child_process';
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
// The app runs in a process of its own (scripts/lib/app-server.ts): the local Supabase keeps
// this one's event loop, so on two cores the two are served side by side.
const appEnv: NodeJS.ProcessEnv = {
	...process.env,
	...local.appEnv,
	PORT: String(port),
	HOST: host,
	// Plain HTTP locally: app-server.ts sets the protocol; the origin comes from the Host header.
	PROTOCOL_HEADER: 'x-forwarded-proto'
};
delete appEnv.ORIGIN;
const app = spawn(process.execPath, [join(root, 'scripts/lib/app-server.ts')], {
	cwd: root,
	env: appEnv,
	stdio: ['ignore', 'inherit', 'inherit', 'ipc']
});
const appExited = new Promise<number | null>((done) => app.once('exit', (code) => done(code)));
const listening = await Promise.race([
	new Promise<boolean>((done) => app.once('message', () => done(true))),
	appExited.then(() => false)
]);
if (!listening) {
	await local.stop();
	process.exit(1);
}
console.log(`  app       http://${shownHost}:${port}  (English: http://${shownHost}:${port}/en)`);
console.log(`Ready in ${((Date.now() - started) / 1000).toFixed(1)} s. Press Ctrl-C to stop.`);

const stopping = runUntilStopped(local, async () => {
	if (app.exitCode !== null || app.signalCode !== null) return;
	app.kill('SIGTERM');
	await Promise.race([appExited, new Promise((r) => setTimeout(r, 10_000))]);
	app.kill('SIGKILL');
});
// The app ended on its own (not by a stop): stop the rest too, and say so.
void appExited.then(async (code) => {
	if (stopping.stopping()) return;
	console.error(`The app exited unexpectedly (code ${code}); stopping.`);
	await local.stop();
	process.exit(1);
});
