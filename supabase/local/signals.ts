/**
 * Stops once on Ctrl-C, SIGTERM or SIGHUP. Further signals while stopping are ignored: a Ctrl-C
 * under `npm run` reaches the process twice (from the terminal, and forwarded by npm), and
 * exiting on the second would leave Postgres running. If stopping hangs, a watchdog exits after
 * 15 s (the next start then recovers the data folder).
 */
export function stopOnSignals(stop: () => Promise<void>): { stopping: () => boolean } {
	let stopping = false;
	const handler = (signal: NodeJS.Signals) => {
		if (stopping) return;
		stopping = true;
		console.log(`\n${signal}: stopping…`);
		setTimeout(() => {
			console.error('Stopping took too long; exiting.');
			process.exit(1);
		}, 15_000).unref();
		stop().then(
			() => process.exit(0),
			(error) => {
				console.error(error);
				process.exit(1);
			}
		);
	};
	process.on('SIGINT', handler);
	process.on('SIGTERM', handler);
	process.on('SIGHUP', handler);
	return { stopping: () => stopping };
}
