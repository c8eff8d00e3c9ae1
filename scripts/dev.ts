// `npm run dev`: Vite's dev server (hot reload) with the embedded database and demo data.
import { createServer } from 'vite';
import { exitWith, root, runUntilStopped, startLocalDatabase } from './lib/local-database.ts';

console.log('Starting Sammen (development)…');
const db = await startLocalDatabase().catch(exitWith);
Object.assign(process.env, db.appEnv);
process.chdir(root); // SvelteKit sets Vite's root itself: the project folder
const vite = await createServer({
	server: { port: Number(process.env.PORT) || 5173, host: process.env.HOST || '127.0.0.1' }
});
await vite.listen();
vite.printUrls();
runUntilStopped(db, () => vite.close());
