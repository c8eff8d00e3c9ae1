import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** Path of the official Supabase CLI's entry point (npm package `supabase`). */
export function supabaseCliPath(): string {
	const pkgPath = require.resolve('supabase/package.json');
	const pkg = require(pkgPath) as { bin: Record<string, string> | string };
	const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin.supabase;
	return join(dirname(pkgPath), bin);
}

export interface CliResult {
	code: number;
	stdout: string;
	stderr: string;
}

/** Runs the Supabase CLI with `workdir` as the folder that holds `supabase/`. */
export function runSupabaseCli(args: string[], workdir: string): Promise<CliResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [supabaseCliPath(), ...args, '--workdir', workdir], {
			cwd: workdir,
			// No telemetry or update checks: the machines reach the npm registry only.
			env: { ...process.env, SUPABASE_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', CI: 'true' },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
	});
}

/**
 * Applies `supabase/migrations` (and the seed, when asked) with `supabase db push`, exactly as on
 * a hosted project: as the non-superuser `postgres`, recorded in supabase_migrations.
 */
export async function migrate(
	postgresUrl: string,
	options: { workdir: string; seed: boolean }
): Promise<void> {
	const url = withSslDisabled(postgresUrl);
	const args = ['db', 'push', `--remote=${url}`, '--yes', '--include-all'];
	if (options.seed) args.push('--include-seed');
	const result = await runSupabaseCli(args, options.workdir);
	if (result.code !== 0) {
		throw new Error(`supabase db push failed:\n${redact(result.stderr || result.stdout)}`);
	}
}

/** Generates the database types with `supabase gen types typescript`. */
export async function generateTypes(postgresUrl: string, workdir: string): Promise<string> {
	const args = ['gen', 'types', 'typescript', `--remote=${withSslDisabled(postgresUrl)}`];
	args.push('--schema', 'public');
	const result = await runSupabaseCli(args, workdir);
	if (result.code !== 0) throw new Error(`supabase gen types failed:\n${redact(result.stderr)}`);
	return result.stdout;
}

function withSslDisabled(url: string): string {
	const u = new URL(url);
	u.searchParams.set('sslmode', 'disable');
	return u.toString();
}

/** Error output may echo the connection string: never print its password. */
export function redact(text: string): string {
	return text.replace(/(postgres(?:ql)?:\/\/[^:/@\s]+:)[^@\s]+@/g, '$1****@');
}
