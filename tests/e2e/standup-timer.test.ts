/**
 * The stand-up countdown and empty states in Chromium against the real server. Playwright's fake
 * clock moves the countdown past its amber and red thresholds without waiting minutes.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCard, putMember } from '../../src/lib/board';
import { launchBrowser } from '../helpers/browser';
import { startServer, type TestServer } from '../helpers/server';
import { connectClient, type BoardClient } from '../integration/support';
import { openBoard, openContext, watchErrors } from './board-pages';

let server: TestServer;
let browser: Browser;
let client: BoardClient;
const contexts: BrowserContext[] = [];
const errors: string[] = [];

async function createBoard(name: string): Promise<string> {
	const response = await fetch(`${server.url}/api/boards`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ name })
	});
	expect(response.status).toBe(201);
	return ((await response.json()) as { id: string }).id;
}

async function openStandup(boardId: string, fakeClock = false): Promise<Page> {
	const context = await openContext(browser);
	contexts.push(context);
	if (fakeClock) await context.clock.install();
	const page = await context.newPage();
	watchErrors(page, errors);
	await page.goto(`${server.url}/boards/${boardId}/standup`);
	await page.locator('[data-state="ready"]').waitFor();
	return page;
}

function phase(page: Page): Promise<string | null> {
	return page.locator('.countdown').getAttribute('data-phase');
}

beforeAll(async () => {
	mkdirSync('/tmp/tandem-shots', { recursive: true });
	server = await startServer();
	browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
	client?.destroy();
	for (const context of contexts) await context.close();
	await browser?.close();
	await server?.dispose();
});

describe('stand-up countdown', () => {
	it('turns amber, then red, and stays', async () => {
		const boardId = await createBoard('Timer board');
		client = await connectClient(server.wsUrl, boardId);
		const setup = { by: 'system' };
		putMember(client.doc, { id: 'amy', name: 'Amy', role: 'sales', color: '#db2777' }, setup);
		putMember(client.doc, { id: 'bo', name: 'Bo', role: 'ops', color: '#0d9488' }, setup);
		createCard(client.doc, { title: 'Acme', stageId: 'lead', salesOwner: 'amy' }, setup);
		createCard(client.doc, { title: 'Hooli', stageId: 'active', opsOwner: 'bo' }, setup);
		const page = await openStandup(boardId, true);

		await page.locator('[data-minutes]').selectOption('1');
		await page.locator('[data-start]').click();
		await page.locator('[data-current-person="amy"]').waitFor();
		await expect(page.locator('[data-countdown]').textContent()).resolves.toBe('1:00');
		await expect(phase(page)).resolves.toBe('running');

		await page.clock.fastForward('00:31');
		await page.locator('.countdown[data-phase="warning"]').waitFor();
		await expect(page.locator('[data-countdown]').textContent()).resolves.toBe('0:29');

		await page.clock.fastForward('00:35');
		await page.locator('.countdown[data-phase="over"]').waitFor();
		await expect(page.locator('[data-countdown]').textContent()).resolves.toBe('-0:06');
		await page.screenshot({ path: '/tmp/tandem-shots/standup-time-up-en-light.png' });
		await expect(
			page.locator('[data-current-person]').getAttribute('data-current-person')
		).resolves.toBe('amy');

		await page.keyboard.press('ArrowRight');
		await page.locator('[data-current-person="bo"]').waitFor();
		await expect(phase(page)).resolves.toBe('running');
		await page.locator('[data-no-changes]').waitFor();
	});

	it('board toolbar links to the page', async () => {
		const boardId = await createBoard('Linked board');
		const context = await openContext(browser, { locale: 'zh' });
		contexts.push(context);
		const page = await context.newPage();
		watchErrors(page, errors);
		await openBoard(page, server.url, boardId);
		const link = page.locator('[data-standup-link]');
		await expect(link.textContent()).resolves.toContain('站会');
		await link.click();
		await page.waitForURL(`${server.url}/boards/${boardId}/standup`);
		await page.locator('[data-state="ready"]').waitFor();
	});

	it('board without owners shows empty', async () => {
		const boardId = await createBoard('No owners');
		const page = await openStandup(boardId);
		await page.locator('[data-empty]').waitFor();
		await expect(page.locator('[data-start]').count()).resolves.toBe(0);
		await page.screenshot({ path: '/tmp/tandem-shots/standup-empty-en-light.png' });
		expect(errors).toEqual([]);
	});
});
