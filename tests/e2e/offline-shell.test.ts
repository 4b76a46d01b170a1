/**
 * The offline app shell in Chromium. A board opened once loads again from the service worker's
 * cache and IndexedDB while the server is down. An edit made offline survives a reload and
 * reaches another browser once the server is back.
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
let boardId: string;
const errors: string[] = [];

async function waitForIndicator(page: Page, state: string, pending: number): Promise<void> {
	await page
		.locator(`[data-connection="${state}"][data-pending="${pending}"]`)
		.waitFor({ timeout: 15_000 });
}

/** Reloads the page and waits for the board's first column, without waiting for the network. */
async function reloadBoard(page: Page): Promise<void> {
	await page.reload({ waitUntil: 'domcontentloaded' });
	await page.locator('[data-stage-id="lead"]').waitFor();
}

beforeAll(async () => {
	server = await startServer();
	browser = await launchBrowser();
	contexts.push(await openContext(browser));
	alice = await contexts[0].newPage();
	watchErrors(alice, errors);
	boardId = await createBoardInUi(alice, server.url, 'Offline shell');
	await addCardInUi(alice, 'lead', 'Cached Co', 300);
	await waitForIndicator(alice, 'connected', 0);
});

afterAll(async () => {
	for (const context of contexts) await context.close();
	await browser?.close();
	await server?.dispose();
});

describe('offline shell', () => {
	it('controls the page once installed', async () => {
		await alice.waitForFunction(() => navigator.serviceWorker.controller !== null);
		const cached = await alice.evaluate(async () => {
			const keys = await caches.keys();
			const cache = await caches.open(keys[0]);
			return {
				keys,
				requests: (await cache.keys()).map((request) => new URL(request.url).pathname)
			};
		});
		expect(cached.keys).toHaveLength(1);
		expect(cached.keys[0]).toMatch(/^tandem-shell-/);
		expect(cached.requests).toContain('/');
		expect(cached.requests.some((path) => path.startsWith('/_app/immutable/'))).toBe(true);
		expect(cached.requests.some((path) => path.startsWith('/api'))).toBe(false);
	});

	it('opens the board without the server', async () => {
		await server.stop();
		await reloadBoard(alice);
		await cardIn(alice, 'lead', 'Cached Co').waitFor();
		await waitForIndicator(alice, 'offline', 0);
	});

	it('opens another route from the cache', async () => {
		const page = await contexts[0].newPage();
		await openBoard(page, server.url, boardId);
		await cardIn(page, 'lead', 'Cached Co').waitFor();
		await page.close();
	});

	it('keeps an offline edit across a reload', async () => {
		await addCardInUi(alice, 'lead', 'Offline Co', 400);
		await waitForIndicator(alice, 'offline', 1);
		await reloadBoard(alice);
		await cardIn(alice, 'lead', 'Offline Co').waitFor();
		await waitForIndicator(alice, 'offline', 1);
	});

	it('sends the offline edit after a restart', async () => {
		await server.restart();
		await waitForIndicator(alice, 'connected', 0);
		contexts.push(await openContext(browser));
		const bob = await contexts[1].newPage();
		watchErrors(bob, errors);
		await openBoard(bob, server.url, boardId);
		await cardIn(bob, 'lead', 'Offline Co').waitFor();
		await cardIn(bob, 'lead', 'Cached Co').waitFor();
	});

	it('leaves the API to the network', async () => {
		await server.stop();
		const failed = await alice.evaluate(async (id) => {
			try {
				await fetch(`/api/boards/${id}`);
				return false;
			} catch (error) {
				return error instanceof TypeError;
			}
		}, boardId);
		expect(failed).toBe(true);
		await server.restart();
	});

	it('throws no page errors', () => {
		expect(errors).toEqual([]);
	});
});
