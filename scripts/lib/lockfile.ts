type Entry = {
	version?: string;
	dev?: boolean;
	optional?: boolean;
	os?: string[];
	cpu?: string[];
	optionalDependencies?: Record<string, string>;
};
export type Lockfile = { packages: Record<string, Entry> };

const OS: Record<string, string> = {
	android: 'android',
	darwin: 'darwin',
	linux: 'linux',
	win32: 'win32',
	windows: 'win32',
	freebsd: 'freebsd',
	openbsd: 'openbsd',
	netbsd: 'netbsd',
	openharmony: 'openharmony',
	sunos: 'sunos',
	aix: 'aix'
};
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'loong64', 'ppc64', 'riscv64', 's390x', 'mips64el'];
const KNOWN: Record<string, Pick<Entry, 'os' | 'cpu'>> = { fsevents: { os: ['darwin'] } };

/** Optional dependencies that no lockfile entry satisfies, as `parent → dependency`. */
export function missingOptional(
	lock: Lockfile
): { parent: string; name: string; version: string }[] {
	const missing = [];
	for (const [parent, entry] of Object.entries(lock.packages)) {
		for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
			const nested = `${parent}/node_modules/${name}`;
			if (!lock.packages[`node_modules/${name}`] && !lock.packages[nested]) {
				missing.push({ parent, name, version });
			}
		}
	}
	return missing;
}

/** Adds an entry for each missing optional dependency; returns what it added. */
export function completeLockfile(lock: Lockfile): string[] {
	const added: string[] = [];
	for (const { parent, name, version } of missingOptional(lock)) {
		const key = `node_modules/${name}`;
		if (lock.packages[key]) continue;
		const base = name.split('/').pop()!;
		const part = (word: string) => new RegExp(`(^|-)${word}(-|$)`).test(base);
		const os = Object.keys(OS).find(part);
		const cpu = CPU.find(part);
		const entry: Entry = { version: version.replace(/^[~^]/, ''), optional: true };
		if (lock.packages[parent]?.dev) entry.dev = true;
		Object.assign(entry, os ? { os: [OS[os]] } : {}, cpu ? { cpu: [cpu] } : {}, KNOWN[name]);
		lock.packages[key] = entry;
		added.push(`${name}@${entry.version}`);
	}
	return added;
}
