/**
 * The real server and Chromium that one end-to-end test file shares. `useSession` starts both
 * before the file's tests and closes every context, the browser and the server after them.
 */
import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { startServer, type TestServer } from '../helpers/server';
import { createBoardInUi, openBoard, openContext, watchErrors } from './board-pages';

/** Folder the screenshot tests write to, for review. */
export const SHOTS = '/tmp/tandem-shots';

export interface PageOptions {
	locale?: 'en' | 'zh';
	theme?: 'light' | 'dark';
}

export interface Session {
	readonly server: TestServer;
	readonly browser: Browser;
	/** Every context opened through `page`, in order of opening. */
	readonly contexts: BrowserContext[];
	/** Uncaught errors of every page opened through `page`. */
	readonly errors: string[];
	/** Opens a page in a new context with this language and theme, and watches its errors. */
	page(options?: PageOptions): Promise<Page>;
	/** Creates a board through the REST API and returns its id. */
	createBoard(name: string): Promise<string>;
	/** Opens two pages in their own contexts on a board that the first one creates in the UI. */
	twoOnOneBoard(name: string): Promise<{ first: Page; second: Page; boardId: string }>;
}

/**
 * Registers the hooks that start and close one file's server and browser. With `screenshots`,
 * the first hook also creates `SHOTS`.
 */
export function useSession(options: { screenshots?: boolean } = {}): Session {
	let server: TestServer | undefined;
	let browser: Browser | undefined;
	const contexts: BrowserContext[] = [];
	const errors: string[] = [];

	beforeAll(async () => {
		if (options.screenshots) fs.mkdirSync(SHOTS, { recursive: true });
		server = await startServer();
		browser = await launchBrowser();
	});

	afterAll(async () => {
		for (const context of contexts.splice(0)) await context.close();
		await browser?.close();
		await server?.dispose();
	});

	const session: Session = {
		get server() {
			if (server === undefined) throw new Error('The test server starts in beforeAll.');
			return server;
		},
		get browser() {
			if (browser === undefined) throw new Error('The browser starts in beforeAll.');
			return browser;
		},
		contexts,
		errors,
		async page(pageOptions = {}) {
			const context = await openContext(session.browser, pageOptions);
			contexts.push(context);
			const page = await context.newPage();
			watchErrors(page, errors);
			return page;
		},
		async createBoard(name) {
			const response = await fetch(`${session.server.url}/api/boards`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ name })
			});
			expect(response.status).toBe(201);
			return ((await response.json()) as { id: string }).id;
		},
		async twoOnOneBoard(name) {
			const first = await session.page();
			const second = await session.page();
			const boardId = await createBoardInUi(first, session.server.url, name);
			await openBoard(second, session.server.url, boardId);
			return { first, second, boardId };
		}
	};
	return session;
}
