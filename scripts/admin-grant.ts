// `npm run admin:grant -- <email>`: makes an existing account a platform admin.
// Locally it talks to the running local Supabase (npm start or npm run supabase:local). On a
// hosted project, set PUBLIC_SUPABASE_URL and SUPABASE_SECRET_KEY to the project's (README).
import { createClient } from '@supabase/supabase-js';
import { LOCAL_SECRET_KEY } from '../supabase/local/keys/index.ts';

const email = process.argv[2]?.trim().toLowerCase();
if (!email || !email.includes('@')) {
	console.error('Usage: npm run admin:grant -- <email>');
	process.exit(2);
}
const url =
	process.env.PUBLIC_SUPABASE_URL || `http://127.0.0.1:${process.env.SAMMEN_API_PORT || 54321}`;
// The secret key is needed: nobody can make themselves an admin through the API.
const key = process.env.SUPABASE_SECRET_KEY || LOCAL_SECRET_KEY;
const admin = createClient(url, key, { auth: { persistSession: false, autoRefreshToken: false } });

async function findUser(): Promise<string | null> {
	for (let page = 1; ; page++) {
		const { data, error } = await admin.auth.admin.listUsers({ page, perPage: 1000 });
		if (error) throw new Error(error.message);
		const user = data.users.find((u) => u.email?.toLowerCase() === email);
		if (user) return user.id;
		if (data.users.length < 1000) return null;
	}
}

try {
	const userId = await findUser();
	if (!userId) {
		console.error(
			`No account with the e-mail address ${email}. Create it first (sign up in the app).`
		);
		process.exit(1);
	}
	const { error } = await admin
		.from('platform_admins')
		.upsert({ user_id: userId }, { onConflict: 'user_id' });
	if (error) throw new Error(error.message);
	console.log(`${email} is now a platform admin.`);
} catch (error) {
	console.error(`Could not grant admin to ${email} at ${url}: ${(error as Error).message}`);
	process.exit(1);
}
