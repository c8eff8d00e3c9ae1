import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package-lock.json'];

/** Newest modification time under `path` (files only). */
function newest(path: string): number {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let latest = 0;
	for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
	return latest;
}

/** Whether build/ exists and is newer than every source it was built from. */
export function buildIsCurrent(root: string): boolean {
	const marker = join(root, 'build/handler.js');
	if (!existsSync(marker)) return false;
	const built = statSync(marker).mtimeMs;
	return SOURCES.every((s) => newest(join(root, s)) <= built);
}
