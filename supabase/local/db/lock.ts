import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The file in a data folder that names the process running from it. */
export const LOCK_FILE = 'sammen.lock';

/**
 * Who holds a lock. The pid alone is not enough: after a crash the pid may be reused by an
 * unrelated process, so Linux's process start time and boot id are kept too.
 */
interface Owner {
	pid: number;
	/** Clock ticks since boot (/proc/PID/stat field 22); null where /proc is missing. */
	startTime: string | null;
	bootId: string | null;
}

export interface DataLock {
	path: string;
	/** Gives the lock up (once every acquire of this process has released it). */
	release(): void;
}

/** Another live process runs from the same data folder. */
export class AlreadyRunningError extends Error {
	readonly pid: number;
	constructor(pid: number, dir: string) {
		super(
			`already running (pid ${pid}) with its data in ${dir}. Stop that one first (Ctrl-C in its ` +
				'terminal), or give this one its own SAMMEN_DATA_DIR and ports.'
		);
		this.pid = pid;
	}
}

const held = new Map<string, { count: number }>();

/**
 * Takes the data folder for this process, or throws AlreadyRunningError while another live
 * process holds it. The lock file is written whole under a temporary name and then hard-linked
 * into place, so taking it is atomic and nobody reads a half-written one. A lock whose owner is
 * gone (crash, kill -9) or whose pid now belongs to another process is stale and taken over.
 * Re-entrant within one process; released on exit at the latest.
 */
export function lockDataFolder(dir: string): DataLock {
	const folder = resolve(dir);
	const path = join(folder, LOCK_FILE);
	const mine = held.get(path);
	if (mine) {
		mine.count++;
		return handle(path, mine);
	}
	mkdirSync(folder, { recursive: true });
	const me = ownerOf(process.pid);
	for (let attempt = 0; attempt < 20; attempt++) {
		if (tryLink(path, me)) {
			const entry = { count: 1 };
			held.set(path, entry);
			if (held.size === 1) process.on('exit', releaseAll);
			return handle(path, entry);
		}
		const owner = readOwner(path);
		if (owner === 'missing') continue;
		if (owner && isAlive(owner)) throw new AlreadyRunningError(owner.pid, folder);
		breakStale(path, me);
	}
	throw new Error(`could not take the lock ${path}`);
}

function handle(path: string, entry: { count: number }): DataLock {
	let released = false;
	return {
		path,
		release() {
			if (released) return;
			released = true;
			if (--entry.count > 0) return;
			held.delete(path);
			if (held.size === 0) process.off('exit', releaseAll);
			removeIfMine(path);
		}
	};
}

function releaseAll(): void {
	for (const path of held.keys()) removeIfMine(path);
	held.clear();
}

function removeIfMine(path: string): void {
	const owner = readOwner(path);
	if (owner && owner !== 'missing' && sameOwner(owner, ownerOf(process.pid))) {
		rmSync(path, { force: true });
	}
}

/**
 * Removes a stale lock under a second, short-lived lock, so that two starts that both found
 * it stale cannot both break it (the second would remove the first one's fresh lock). The
 * takeover lock is held for a few microseconds; if its holder died in them, it is dropped.
 */
function breakStale(path: string, me: Owner): void {
	const takeover = `${path}.takeover`;
	if (!tryLink(takeover, me)) {
		const breaker = readOwner(takeover);
		if (breaker && breaker !== 'missing' && isAlive(breaker)) sleep(20);
		else rmSync(takeover, { force: true });
		return;
	}
	try {
		const owner = readOwner(path);
		if (owner !== 'missing' && !(owner && isAlive(owner))) unlinkSync(path);
	} finally {
		rmSync(takeover, { force: true });
	}
}

function tryLink(path: string, owner: Owner): boolean {
	const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
	writeFileSync(temporary, `${JSON.stringify(owner)}\n`);
	try {
		linkSync(temporary, path);
		return true;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
		throw error;
	} finally {
		rmSync(temporary, { force: true });
	}
}

/** The lock's owner; null when the file is not a lock we wrote (treated as stale). */
function readOwner(path: string): Owner | null | 'missing' {
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
		throw error;
	}
	try {
		const owner = JSON.parse(text) as Owner;
		return Number.isInteger(owner.pid) && owner.pid > 0 ? owner : null;
	} catch {
		return null;
	}
}

function isAlive(owner: Owner): boolean {
	try {
		process.kill(owner.pid, 0);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
		// EPERM: the process exists (another user's).
	}
	return sameOwner(owner, ownerOf(owner.pid));
}

function sameOwner(a: Owner, b: Owner): boolean {
	if (a.pid !== b.pid) return false;
	if (a.bootId && b.bootId && a.bootId !== b.bootId) return false;
	if (a.startTime && b.startTime && a.startTime !== b.startTime) return false;
	return true;
}

function ownerOf(pid: number): Owner {
	return {
		pid,
		startTime: startTimeOf(pid),
		bootId: readOrNull('/proc/sys/kernel/random/boot_id')
	};
}

function startTimeOf(pid: number): string | null {
	const stat = readOrNull(`/proc/${pid}/stat`);
	if (!stat) return null;
	// The command name (field 2) is in parentheses and may hold spaces: count from after it.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return fields[19] ?? null; // field 22
}

function readOrNull(path: string): string | null {
	try {
		return readFileSync(path, 'utf8').trim();
	} catch {
		return null;
	}
}

function sleep(ms: number): void {
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
