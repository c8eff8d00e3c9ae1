// The checked-in database types must be what `supabase gen types` makes of the migrations now.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cloneTemplate, type TestDatabase } from '../../tests/support/database.ts';
import { generateTypes } from '../../supabase/local/migrate/index.ts';
import { formatTypes, TYPES_PATH } from './types-file.ts';

const root = new URL('../..', import.meta.url).pathname;
let db: TestDatabase;

beforeAll(async () => {
	db = await cloneTemplate();
});
afterAll(() => db.drop());

it(`${TYPES_PATH} is current (run \`npm run db:types\` after changing a migration)`, async () => {
	const generated = await formatTypes(await generateTypes(db.postgresUrl, root));
	const checkedIn = await readFile(new URL(`../../${TYPES_PATH}`, import.meta.url), 'utf8');
	expect(checkedIn).toBe(generated);
});
