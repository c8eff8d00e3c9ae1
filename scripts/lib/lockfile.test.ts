import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { completeLockfile, missingOptional, type Lockfile } from './lockfile';

describe('package-lock.json', () => {
	it('has an entry for every optional dependency, so `npm ci` accepts it (npm run lockfile:complete)', () => {
		const lock = JSON.parse(
			readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8')
		);
		expect(missingOptional(lock)).toEqual([]);
	});

	it('records no download addresses', () => {
		const text = readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8');
		expect(text).not.toMatch(/"resolved":/);
	});
});

describe('completeLockfile', () => {
	it('adds other platforms’ packages with the os and cpu their names give', () => {
		const lock: Lockfile = {
			packages: {
				'node_modules/rollup': {
					version: '4.1.0',
					dev: true,
					optionalDependencies: {
						'@rollup/rollup-linux-x64-gnu': '4.1.0',
						'@rollup/rollup-win32-arm64-msvc': '4.1.0',
						fsevents: '~2.3.2'
					}
				},
				'node_modules/@rollup/rollup-linux-x64-gnu': { version: '4.1.0', dev: true, optional: true }
			}
		};
		expect(completeLockfile(lock)).toEqual([
			'@rollup/rollup-win32-arm64-msvc@4.1.0',
			'fsevents@2.3.2'
		]);
		expect(lock.packages['node_modules/@rollup/rollup-win32-arm64-msvc']).toEqual({
			version: '4.1.0',
			optional: true,
			dev: true,
			os: ['win32'],
			cpu: ['arm64']
		});
		expect(lock.packages['node_modules/fsevents']).toMatchObject({ os: ['darwin'] });
		expect(missingOptional(lock)).toEqual([]);
	});
});
