// Lets plain `node` load the app's own TypeScript modules (src/lib/recurrence), whose relative
// imports leave out the `.ts` that Vite adds: the bench's data follows the app's rule expansion
// itself instead of a copy of it. Loaded with `node --import ./scripts/bench/ts-paths.ts`.
import { registerHooks } from 'node:module';

registerHooks({
	resolve(specifier, context, next) {
		try {
			return next(specifier, context);
		} catch (error) {
			if (!specifier.startsWith('.') || /\.[cm]?[jt]s$/.test(specifier)) throw error;
			return next(`${specifier}.ts`, context);
		}
	}
});
