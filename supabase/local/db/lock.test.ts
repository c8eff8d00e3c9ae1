import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AlreadyRunningError, LOCK_FILE, lockDataFolder } from './lock.ts';

const lockModule = new URL('./lock.ts', import.meta.url).pathname;
let dir: string;
const children: ChildProcess[] = [];

/** Another process that tries to take `dir`, says how it went, and stays alive `ms`. */
function contender(ms: number): Promise<{ child: ChildProcess; said: string }> {
	const code = `import { lockDataFolder } from ${JSON.stringify(lockModule)};
		try { lockDataFolder(${JSON.stringify(dir)}); console.log('took it'); }
		catch (error) { console.log(error.message); }
		setTimeout(() => {}, ${ms});`;
	const child = spawn(process.execPath, ['--input-type=module', '-e', code], {
		stdio: ['ignore', 'pipe', 'pipe']
	});
	children.push(child);
	return new Promise((resolve, reject) => {
		let said = '';
		child.stdout!.on('data', (c) => {
			said += c;
			if (said.includes('\n')) resolve({ child, said: said.trim() });
		});
		child.stderr!.on('data', (c) => (said += c));
		child.on('exit', (code) => reject(new Error(`contender exited ${code}: ${said}`)));
	});
}

const exited = (child: ChildProcess) =>
	new Promise((done) => (child.exitCode !== null ? done(null) : child.once('exit', done)));

beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'sammen-lock-'));
});
afterEach(async () => {
	for (const child of children.splice(0)) child.kill('SIGKILL');
	await rm(dir, { recursive: true, force: true });
});

describe('lockDataFolder', () => {
	it('writes our pid, is re-entrant within a process, and removes the file on the last release', async () => {
		const first = lockDataFolder(dir);
		const owner = JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8'));
		expect(owner.pid).toBe(process.pid);
		const again = lockDataFolder(dir);
		first.release();
		expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
		again.release();
		expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
	});

	it('refuses while another live process holds the folder, naming its pid', async () => {
		const other = await contender(30_000);
		expect(other.said).toBe('took it');
		let refusal: unknown;
		try {
			lockDataFolder(dir);
		} catch (error) {
			refusal = error;
		}
		expect(refusal).toBeInstanceOf(AlreadyRunningError);
		expect((refusal as Error).message).toContain(`already running (pid ${other.child.pid})`);
		// Untouched: still the other process's lock.
		expect(JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8')).pid).toBe(other.child.pid);
	});

	it('takes over after the holder was killed with SIGKILL (no chance to clean up)', async () => {
		const other = await contender(30_000);
		other.child.kill('SIGKILL');
		await exited(other.child);
		expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
		const lock = lockDataFolder(dir);
		expect(JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
		lock.release();
	});

	it('takes over a lock whose pid now belongs to another process (pid reuse)', async () => {
		const other = await contender(30_000);
		const path = join(dir, LOCK_FILE);
		const owner = JSON.parse(await readFile(path, 'utf8'));
		// Same live pid, but not the process that took the lock: another start time.
		await writeFile(path, JSON.stringify({ ...owner, startTime: '1' }));
		lockDataFolder(dir).release();
		expect(other.child.exitCode).toBe(null);
	});

	it('takes over a lock file it cannot read as one', async () => {
		await writeFile(join(dir, LOCK_FILE), 'not json');
		lockDataFolder(dir).release();
	});

	it('lets exactly one of several simultaneous starts take the folder, even over a stale lock', async () => {
		for (let round = 0; round < 3; round++) {
			await writeFile(join(dir, LOCK_FILE), JSON.stringify({ pid: 2 ** 22 + 1 }));
			const results = await Promise.all(Array.from({ length: 6 }, () => contender(3_000)));
			const winners = results.filter((r) => r.said === 'took it');
			expect(winners).toHaveLength(1);
			for (const loser of results.filter((r) => r !== winners[0])) {
				expect(loser.said).toContain(`already running (pid ${winners[0].child.pid})`);
			}
			for (const { child } of results) child.kill('SIGKILL');
			await Promise.all(results.map((r) => exited(r.child)));
		}
	}, 30_000);
});
