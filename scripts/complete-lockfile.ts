// The npm registry reachable from these machines serves only the packages of this platform, so
// npm leaves other platforms' optional packages (rollup's, the Supabase CLI's, esbuild's…) out
// of package-lock.json — and `npm ci` then refuses the lockfile. This adds the missing entries
// with the os/cpu their names give, which npm skips on every other platform, as it would have
// written them itself. Run after adding or upgrading a dependency: `npm run lockfile:complete`.
import { readFileSync, writeFileSync } from 'node:fs';
import { completeLockfile } from './lib/lockfile.ts';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const added = completeLockfile(lock);
writeFileSync(path, `${JSON.stringify(lock, null, '\t')}\n`);
console.log(added.length ? `added ${added.length} entries:\n  ${added.join('\n  ')}` : 'complete');
