// The app's own process under `npm start` (started by scripts/start.ts, beside the process that
// runs the local Supabase): the production build's handler behind node:http. Two processes, as
// in production, where the app and Supabase never share a thread: on a small machine each gets a
// core of its own instead of one event loop serving both.
//
// Served over plain HTTP locally, the app takes its origin from the Host header (so localhost and
// 127.0.0.1 both pass SvelteKit's cross-site form check) with the protocol set here. Tells its
// parent when it listens; exits when the parent is gone (even after a kill -9 of it), so no
// orphan keeps the port.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const port = Number(process.env.PORT) || 3000;
const host = process.env.HOST || '127.0.0.1';

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
server.on('error', (error) => {
	console.error(`Could not listen on ${host}:${port}: ${error.message}`);
	process.exit(1);
});
server.listen(port, host, () => process.send?.('listening'));

let stopping = false;
/** As adapter-node stops: no new connections, then the app's jobs hear `sveltekit:shutdown`. */
function stop() {
	if (stopping) return;
	stopping = true;
	server.close(() => {
		(process.emit as (event: string, reason: string) => boolean)('sveltekit:shutdown', 'stop');
		// The jobs' timers are unref'd: the process ends when a send in progress has reported.
		setTimeout(() => process.exit(0), 5_000).unref();
	});
	server.closeIdleConnections();
	setTimeout(() => server.closeAllConnections(), 1_000).unref();
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
process.on('SIGHUP', stop);
// The parent is gone: Supabase with it. Nothing left to serve.
process.on('disconnect', () => process.exit(0));
