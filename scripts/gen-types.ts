// Regenerates src/lib/database.types.ts from supabase/migrations with the Supabase CLI
// (`supabase gen types typescript`), on a throw-away database. `npm run db:types`.
import { writeFile } from 'node:fs/promises';
import { formatTypes, TYPES_PATH } from './lib/types-file.ts';
import { generateTypes } from '../supabase/local/migrate/index.ts';
import { startThrowaway } from '../supabase/local/throwaway.ts';

const workdir = new URL('..', import.meta.url).pathname;
const cluster = await startThrowaway({ workdir, database: 'sammen_types', seed: false });
try {
	const types = await formatTypes(await generateTypes(cluster.postgresUrl, workdir));
	await writeFile(new URL(TYPES_PATH, new URL('..', import.meta.url)), types);
	console.log(`wrote ${TYPES_PATH}`);
} finally {
	await cluster.dispose();
}
