import { format, resolveConfig } from 'prettier';

/** Where the generated database types live (checked in; a test keeps them current). */
export const TYPES_PATH = 'src/lib/database.types.ts';

/** The CLI prints unformatted TypeScript: format it as the rest of the code. */
export async function formatTypes(source: string): Promise<string> {
	const file = new URL(`../../${TYPES_PATH}`, import.meta.url).pathname;
	const options = (await resolveConfig(file)) ?? {};
	return format(source, { ...options, filepath: file });
}
