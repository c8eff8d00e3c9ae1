// `npm test`: the one gate. Format, lint and types; the production build; Vitest (unit and
// integration, one Postgres per run); Playwright against the build in Chromium; the load run with
// a restart (`npm run test:load`, counted as one test). Ends with one plain line,
// `N passed, N failed`, that CI reads.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { countPlaywright, countVitest, type Counts } from './lib/test-counts.ts';

const root = new URL('..', import.meta.url).pathname;
const results = join(root, '.test-results');
const bin = (name: string) => join(root, 'node_modules/.bin', name);
const started = Date.now();

function step(title: string, command: string, args: string[]): boolean {
	console.log(`\n▶ ${title}`);
	const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
	return result.status === 0;
}

function read(file: string): unknown {
	try {
		return JSON.parse(readFileSync(join(results, file), 'utf8'));
	} catch {
		return null;
	}
}

rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const total: Counts = { passed: 0, failed: 0, skipped: 0 };
const add = (c: Counts) => {
	total.passed += c.passed;
	total.failed += c.failed;
	total.skipped += c.skipped;
};

const checked = step('check (format, lint, types)', 'npm', ['run', '--silent', 'check']);
if (!checked) total.failed += 1;
const built = checked && step('build', bin('vite'), ['build', '--logLevel', 'warn']);
if (checked && !built) total.failed += 1;

if (built) {
	const vitestOk = step('vitest', bin('vitest'), [
		'run',
		'--reporter=default',
		'--reporter=json',
		`--outputFile.json=${join(results, 'vitest.json')}`
	]);
	const vitest = countVitest(read('vitest.json'));
	add(vitest);
	if (!vitestOk && vitest.failed === 0) total.failed += 1; // e.g. set-up failed before any test

	const playwrightOk = step('playwright', bin('playwright'), ['test']);
	const playwright = countPlaywright(read('playwright.json'));
	add(playwright);
	if (!playwrightOk && playwright.failed === 0) total.failed += 1;

	// One test: 60 s of mixed traffic with the app killed and restarted halfway (scripts/load).
	const loadOk = step('load and restart', process.execPath, [join(root, 'scripts/load/run.ts')]);
	if (loadOk) total.passed += 1;
	else total.failed += 1;
}

console.log(`\nnpm test took ${Math.round((Date.now() - started) / 1000)} s`);
const skipped = total.skipped ? `, ${total.skipped} skipped` : '';
console.log(`${total.passed} passed, ${total.failed} failed${skipped}`);
process.exit(total.failed === 0 && total.passed > 0 ? 0 : 1);
