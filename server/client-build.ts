/** Building the client on first start, when the build folder has no `index.html` yet. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';

const REPOSITORY_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_BUILD_DIR = path.join(REPOSITORY_ROOT, 'build');

/**
 * Runs `vite build` when `buildDir` is the repository's `build` folder and lacks `index.html`.
 * Vite's output goes to standard error, keeping standard output for JSON log lines.
 */
export async function ensureClientBuild(buildDir: string, logger: Logger): Promise<void> {
	const resolved = path.resolve(buildDir);
	if (fs.existsSync(path.join(resolved, 'index.html'))) return;
	if (resolved !== DEFAULT_BUILD_DIR) {
		throw new Error(
			`The client build folder ${resolved} has no index.html; build the client there or unset BUILD_DIR.`
		);
	}
	logger.info({ buildDir: resolved }, 'client build missing: running vite build');
	const started = performance.now();
	const vite = path.join(REPOSITORY_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
	const code = await new Promise<number | null>((resolve, reject) => {
		const child = spawn(process.execPath, [vite, 'build'], {
			cwd: REPOSITORY_ROOT,
			stdio: ['ignore', 2, 2]
		});
		child.once('error', reject);
		child.once('exit', resolve);
	});
	if (code !== 0) throw new Error(`vite build failed with exit code ${code}; its output is above.`);
	logger.info({ ms: Math.round(performance.now() - started) }, 'client built');
}
