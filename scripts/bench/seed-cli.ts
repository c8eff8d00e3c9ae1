// `npm run seed:bench -- --sessions 10000 [--seed TEXT] [--db URL]`: fills a database with the
// bench's deterministic data (plan.ts) through the app's functions (seed.ts). Without --db it
// uses the database of a running `npm start` (127.0.0.1:54322, or SAMMEN_DB_PORT), whose demo
// data stays beside it.
import { parseArgs } from 'node:util';
import { refuseProduction } from '../../supabase/local/db/production.ts';
import { redactUrl } from '../../supabase/local/db/urls.ts';
import { plan } from './plan.ts';
import { seedPlan } from './seed.ts';

const { values } = parseArgs({
	options: {
		sessions: { type: 'string', default: '10000' },
		seed: { type: 'string', default: 'sammen-bench' },
		db: { type: 'string' }
	}
});
const sessions = Number(values.sessions);
if (!Number.isInteger(sessions) || sessions < 50 || sessions > 200_000) {
	console.error('Usage: npm run seed:bench -- --sessions <50–200000> [--seed TEXT] [--db URL]');
	process.exit(2);
}
refuseProduction();
const url =
	values.db ||
	process.env.DATABASE_URL ||
	`postgresql://supabase_admin:postgres@127.0.0.1:${process.env.SAMMEN_DB_PORT || 54322}/postgres`;
console.log(`Seeding ${redactUrl(url)} with about ${sessions} dates (seed "${values.seed}")…`);
try {
	const result = await seedPlan(url, plan({ sessions, seed: values.seed }), console.log);
	console.log(`Done in ${result.seconds} s.`);
} catch (error) {
	console.error(`Could not seed: ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
}
