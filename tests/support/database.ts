import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { LOCAL_PASSWORD } from '../../supabase/local/db/embedded.ts';
import { cloneDatabase, dropDatabase } from '../../supabase/local/db/databases.ts';
import { withUser } from '../../supabase/local/db/urls.ts';

export interface TestDatabase {
	name: string;
	superuserUrl: string;
	/** As the non-superuser `postgres` role (what migrations and the app's owner use). */
	postgresUrl: string;
	drop(): Promise<void>;
}

/** A database of this test file's own, cloned from the migrated, seeded template. */
export async function cloneTemplate(): Promise<TestDatabase> {
	const templateUrl = inject('templateUrl');
	const name = `test_${randomBytes(6).toString('hex')}`;
	const superuserUrl = await cloneDatabase(templateUrl, inject('templateDatabase'), name);
	return {
		name,
		superuserUrl,
		postgresUrl: withUser(superuserUrl, 'postgres', LOCAL_PASSWORD),
		drop: () => dropDatabase(templateUrl, name)
	};
}
