// The ceiling for the calendar feed: the same iCalendar bytes served from memory by a bare
// node:http server, with the same ETag answer (304 on If-None-Match). Run by the bench in its own
// process, so it shares a core with nobody but the load driver, as the app does.
// `node scripts/bench/bare.ts <file> <etag>`: prints `listening <port>` on 127.0.0.1.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [file, etag] = process.argv.slice(2);
const body = readFileSync(file);
const server = createServer((req, res) => {
	if (req.headers['if-none-match'] === etag) {
		res.writeHead(304, { etag, 'cache-control': 'public, max-age=300' });
		res.end();
		return;
	}
	res.writeHead(200, {
		'content-type': 'text/calendar; charset=utf-8',
		'content-length': body.length,
		etag,
		'cache-control': 'public, max-age=300'
	});
	res.end(body);
});
server.listen(0, '127.0.0.1', () => {
	const address = server.address();
	console.log(`listening ${typeof address === 'object' && address ? address.port : 0}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
