/**
 * Builds the client into build/ once before the test run, because the integration and end-to-end
 * tests start the real server, which serves those files. Set TANDEM_SKIP_BUILD=1 to reuse the
 * last build when only tests changed.
 */
import { build } from 'vite';

export default async function setup(): Promise<void> {
	if (process.env.TANDEM_SKIP_BUILD === '1') return;
	await build({ logLevel: 'warn' });
}
