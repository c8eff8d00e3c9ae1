// `npm run dev`: Vite's dev server (hot reload) with the embedded database and demo data.
import { createServer } from 'vite';
import {
	claimDataFolder,
	exitWith,
	root,
	runUntilStopped,
	startLocalStack
} from './lib/local-stack.ts';

claimDataFolder();
console.log('Starting Sammen (development)…');
const local = await startLocalStack().catch(exitWith);
Object.assign(process.env, local.appEnv);
process.chdir(root); // SvelteKit sets Vite's root itself: the project folder
const vite = await createServer({
	server: { port: Number(process.env.PORT) || 5173, host: process.env.HOST || '127.0.0.1' }
});
await vite.listen();
vite.printUrls();
runUntilStopped(local, () => vite.close());
