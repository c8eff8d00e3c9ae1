// TEMPORARY (platform foundation only): the REST issue replaces this module with supabase-js
// over the local runtime's /rest/v1, and deletes it. Until then, the few public reads run here
// exactly as PostgREST would run them: logged in as `authenticator`, switched to the `anon` role
// inside a read-only transaction, so Row Level Security decides what is visible.
import { env } from '$env/dynamic/private';
import postgres from 'postgres';

let sql: postgres.Sql | undefined;

function connection(): postgres.Sql {
	const url = env.SAMMEN_TEMPORARY_DATABASE_URL;
	if (!url) throw new Error('SAMMEN_TEMPORARY_DATABASE_URL is not set');
	sql ??= postgres(url, { max: 4, onnotice: () => {} });
	return sql;
}

export type AnonTransaction = postgres.TransactionSql;

/** Runs `work` in a read-only transaction as the anon role, with anon's JWT claims. */
export async function readAsAnon<T>(work: (tx: AnonTransaction) => Promise<T>): Promise<T> {
	return (await connection().begin('read only', async (tx) => {
		await tx`select set_config('role', 'anon', true),
			set_config('request.jwt.claims', '{"role":"anon"}', true)`;
		return work(tx);
	})) as T;
}
