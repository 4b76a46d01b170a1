/**
 * The connection indicator in Chromium against the real server: offline while the server is
 * down, with a count of the local changes the server has not confirmed, back to connected and
 * zero once the server returns and has stored them.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { startServer, type TestServer } from '../helpers/server';
import {
	addCardInUi,
	cardIn,
	createBoardInUi,
	openBoard,
	openContext,
	watchErrors
} from './board-pages';

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
let alice: Page;
let bob: Page;
let boardId: string;
const errors: string[] = [];

function indicator(page: Page) {
	return page.locator('[data-connection]');
}

/** Waits until the indicator shows `state` and `pending` unconfirmed changes. */
async function waitForIndicator(page: Page, state: string, pending: number): Promise<void> {
	await page
		.locator(`[data-connection="${state}"][data-pending="${pending}"]`)
		.waitFor({ timeout: 15_000 });
}

beforeAll(async () => {
	server = await startServer();
	browser = await launchBrowser();
	contexts.push(await openContext(browser), await openContext(browser));
	alice = await contexts[0].newPage();
	bob = await contexts[1].newPage();
	watchErrors(alice, errors);
	watchErrors(bob, errors);
	boardId = await createBoardInUi(alice, server.url, 'Indicator');
	await openBoard(bob, server.url, boardId);
});

afterAll(async () => {
	for (const context of contexts) await context.close();
	await browser?.close();
	await server?.dispose();
});

describe('connection indicator', () => {
	it('confirms a change made online', async () => {
		await waitForIndicator(alice, 'connected', 0);
		await addCardInUi(alice, 'lead', 'Online Co', 100);
		await waitForIndicator(alice, 'connected', 0);
		await cardIn(bob, 'lead', 'Online Co').waitFor();
		await expect(indicator(alice).getAttribute('title')).resolves.toBeNull();
	});

	it('counts an edit made offline', async () => {
		await server.stop();
		await waitForIndicator(alice, 'offline', 0);
		await addCardInUi(alice, 'lead', 'Offline Co', 200);
		await waitForIndicator(alice, 'offline', 1);
		await expect(indicator(alice).locator('[data-pending-count]').textContent()).resolves.toBe('1');
		await expect(indicator(alice).getAttribute('title')).resolves.toBe(
			'1 change not yet confirmed by the server'
		);
		await expect(indicator(alice).getAttribute('aria-label')).resolves.toBe(
			'Connection: Offline. 1 change not yet confirmed by the server'
		);
	});

	it('stores the count per board', async () => {
		// A reload reads the count from there; the offline shell test reloads the page.
		const stored = await alice.evaluate(
			(id) => localStorage.getItem(`tandem.pending.${id}`),
			boardId
		);
		expect(stored).toBe('1');
	});

	it('clears the count after a reconnect', async () => {
		await server.restart();
		await waitForIndicator(alice, 'connected', 0);
		await cardIn(bob, 'lead', 'Offline Co').waitFor();
		const stored = await alice.evaluate(
			(id) => localStorage.getItem(`tandem.pending.${id}`),
			boardId
		);
		expect(stored).toBeNull();
	});

	it('throws no page errors', () => {
		expect(errors).toEqual([]);
	});
});
