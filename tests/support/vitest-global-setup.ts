import type { TestProject } from 'vitest/node';
import { startThrowaway } from '../../supabase/local/throwaway.ts';

declare module 'vitest' {
	export interface ProvidedContext {
		/** Superuser URL of the test cluster's template database (migrated and seeded). */
		templateUrl: string;
		templateDatabase: string;
	}
}

const TEMPLATE_DATABASE = 'sammen_template';

/** One Postgres per test run; each test file clones the migrated template (tests/support/database.ts). */
export default async function setup(project: TestProject) {
	const workdir = new URL('../..', import.meta.url).pathname;
	const cluster = await startThrowaway({ workdir, database: TEMPLATE_DATABASE, seed: true });
	project.provide('templateUrl', cluster.superuserUrl);
	project.provide('templateDatabase', TEMPLATE_DATABASE);
	return () => cluster.dispose();
}
