import postgres from 'postgres';
import { databaseOf, withDatabase } from './urls.ts';

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Creates a database unless it exists. Returns whether it was created. */
export async function ensureDatabase(superuserUrl: string, name: string): Promise<boolean> {
	const sql = postgres(withDatabase(superuserUrl, 'postgres'), { max: 1, onnotice: () => {} });
	try {
		const [row] = await sql`select 1 as found from pg_database where datname = ${name}`;
		if (row) return false;
		await sql.unsafe(`create database ${ident(name)}`); // bootstrap gives it to postgres
		return true;
	} finally {
		await sql.end();
	}
}

/**
 * Clones a migrated template into a new database (tens of milliseconds): how each test file
 * gets a database of its own without migrating again.
 */
export async function cloneDatabase(superuserUrl: string, template: string, name: string) {
	const sql = postgres(withDatabase(superuserUrl, 'postgres'), { max: 1, onnotice: () => {} });
	try {
		await sql.unsafe(`create database ${ident(name)} template ${ident(template)} owner postgres`);
	} finally {
		await sql.end();
	}
	return withDatabase(superuserUrl, name);
}

/** Drops a database, ending its connections first. */
export async function dropDatabase(superuserUrl: string, name: string): Promise<void> {
	if (name === databaseOf(superuserUrl) || name === 'postgres') {
		throw new Error(`refusing to drop ${name}`);
	}
	const sql = postgres(withDatabase(superuserUrl, 'postgres'), { max: 1, onnotice: () => {} });
	try {
		await sql.unsafe(`drop database if exists ${ident(name)} with (force)`);
	} finally {
		await sql.end();
	}
}

/** Whether any migration has been recorded (by `supabase db push`) in this database. */
export async function hasMigrations(url: string): Promise<boolean> {
	const sql = postgres(url, { max: 1, onnotice: () => {} });
	try {
		const [row] = await sql`
			select to_regclass('supabase_migrations.schema_migrations') is not null as present`;
		if (!row.present) return false;
		const [count] = await sql`select count(*)::int as n from supabase_migrations.schema_migrations`;
		return count.n > 0;
	} finally {
		await sql.end();
	}
}
