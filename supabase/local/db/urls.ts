/** Same server, another database. */
export function withDatabase(url: string, database: string): string {
	const u = new URL(url);
	u.pathname = `/${encodeURIComponent(database)}`;
	return u.toString();
}

/** Same server and database, another login role. */
export function withUser(url: string, user: string, password: string): string {
	const u = new URL(url);
	u.username = encodeURIComponent(user);
	u.password = encodeURIComponent(password);
	return u.toString();
}

/** The database a URL names. */
export function databaseOf(url: string): string {
	return decodeURIComponent(new URL(url).pathname.slice(1)) || 'postgres';
}

/** A URL fit for a log line: the password replaced. */
export function redactUrl(url: string): string {
	const u = new URL(url);
	if (u.password) u.password = '****';
	return u.toString();
}
