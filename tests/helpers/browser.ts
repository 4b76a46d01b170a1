/**
 * Launches Debian's Chromium through playwright-core for the end-to-end tests. No browser is ever
 * downloaded: a missing /usr/bin/chromium fails the test with the command that installs it.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Flags that keep Chromium headless, sandbox-free (tests run as root) and off the network: without
 * the networking flags it keeps contacting hosts outside the loopback interface.
 */
export const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

/**
 * Starts Chromium. Playwright gives each launch a fresh temporary profile (user-data-dir) and
 * deletes it on close, so no state leaks between test files.
 */
export async function launchBrowser(): Promise<Browser> {
	if (!existsSync(CHROMIUM_PATH)) {
		throw new Error(
			`Chromium is missing at ${CHROMIUM_PATH}: install it with "apt-get update && apt-get install -y chromium".`
		);
	}
	return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}
