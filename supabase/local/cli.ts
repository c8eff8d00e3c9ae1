// `npm run supabase:local`: the local Supabase runtime alone (Postgres, REST, JWKS), printing
// what a client needs to reach it. Ctrl-C stops it.
import { join } from 'node:path';
import { redactUrl } from './db/urls.ts';
import { stopOnSignals } from './signals.ts';
import { startLocalSupabase } from './stack.ts';

const workdir = new URL('../..', import.meta.url).pathname;
try {
	const local = await startLocalSupabase({
		workdir,
		dataDir: process.env.SAMMEN_DATA_DIR || join(workdir, '.data'),
		dbPort: Number(process.env.SAMMEN_DB_PORT) || undefined,
		apiPort: Number(process.env.SAMMEN_API_PORT) || undefined,
		smtpPort: Number(process.env.SAMMEN_SMTP_PORT) || undefined,
		mailWebPort: Number(process.env.SAMMEN_MAIL_PORT) || undefined,
		databaseUrl: process.env.DATABASE_URL || undefined,
		seed: true
	});
	const { runtime, db } = local;
	console.log(`Local Supabase runtime (development and tests only; these keys are public):

  API URL            ${runtime.url}
  REST               ${runtime.url}/rest/v1
  Auth               ${runtime.url}/auth/v1
  JWKS               ${runtime.url}/auth/v1/.well-known/jwks.json
  Mail catcher       ${local.mail.webUrl}  (SMTP ${local.mail.smtpPort})
  Database           ${redactUrl(db.postgresUrl)}  (password: postgres)
  Publishable key    ${runtime.publishableKey}
  Secret key         ${runtime.secretKey}
  anon JWT (legacy)  ${runtime.legacyAnonJwt}
  service_role JWT (legacy)
                     ${runtime.legacyServiceRoleJwt}

Press Ctrl-C to stop.`);
	const signals = stopOnSignals(() => local.stop());
	void local.exited.then(() => {
		if (!signals.stopping()) {
			console.error('Postgres exited unexpectedly.');
			process.exit(1);
		}
	});
} catch (error) {
	console.error(`Could not start the local Supabase runtime: ${(error as Error).message}`);
	process.exit(1);
}
