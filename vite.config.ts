import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	test: {
		include: [
			'src/**/*.test.ts',
			'supabase/**/*.test.ts',
			'scripts/**/*.test.ts',
			...(process.env.SCRATCH ? ['scratch/**/*.test.ts'] : [])
		],
		globalSetup: ['tests/support/vitest-global-setup.ts'],
		testTimeout: 30_000,
		hookTimeout: 120_000,
		// Two cores: one worker per core keeps Postgres and the tests from starving each other.
		maxWorkers: 2
	}
});
