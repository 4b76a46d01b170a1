/**
 * Owners and due dates in Chromium against the real server, with one browser context in
 * Asia/Shanghai and one in America/New_York. An all-day due date shows the same calendar date in
 * both, and a timed one shows each zone's local time. Overdue cards reach the Due panel.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moveCard, putMember, updateCard } from '../../src/lib/board';
import { launchBrowser } from '../helpers/browser';
import { startServer, type TestServer } from '../helpers/server';
import { connectClient, waitUntil, type BoardClient } from '../integration/support';
import {
	VIEWPORT,
	addCardInUi,
	cardIn,
	createBoardInUi,
	openBoard,
	watchErrors
} from './board-pages';

let server: TestServer;
let browser: Browser;
let client: BoardClient;
let contexts: BrowserContext[] = [];
let shanghai: Page;
let newYork: Page;
let cardId: string;
const errors: string[] = [];
const setup = { by: 'setup' };

async function zonedContext(timezoneId: string): Promise<BrowserContext> {
	const context = await browser.newContext({ viewport: VIEWPORT, timezoneId });
	context.setDefaultTimeout(10_000);
	await context.addInitScript(() => localStorage.setItem('tandem.locale', 'en'));
	return context;
}

function storedDue(): unknown {
	const cards = client.doc.getMap('cards') as Y.Map<Y.Map<unknown>>;
	return cards.get(cardId)?.get('dueAt');
}

async function openEditor(page: Page): Promise<void> {
	await page.locator('[data-card-id]').filter({ hasText: 'Acme Foods' }).click();
	await page.locator('#card-due').waitFor();
}

async function closeEditor(page: Page): Promise<void> {
	await page.keyboard.press('Escape');
	await page.locator('dialog[open]').waitFor({ state: 'detached' });
}

beforeAll(async () => {
	server = await startServer();
	browser = await launchBrowser();
	contexts = [await zonedContext('Asia/Shanghai'), await zonedContext('America/New_York')];
	shanghai = await contexts[0].newPage();
	newYork = await contexts[1].newPage();
	watchErrors(shanghai, errors);
	watchErrors(newYork, errors);
	const boardId = await createBoardInUi(shanghai, server.url, 'Due board');
	client = await connectClient(server.wsUrl, boardId);
	putMember(client.doc, { id: 'm-li', name: 'Li Wei', role: 'sales', color: '#2563eb' }, setup);
	putMember(client.doc, { id: 'm-zhang', name: '张敏', role: 'ops', color: '#db2777' }, setup);
	await openBoard(newYork, server.url, boardId);
	await addCardInUi(shanghai, 'lead', 'Acme Foods');
	await cardIn(newYork, 'lead', 'Acme Foods').waitFor();
	const cards = client.doc.getMap('cards') as Y.Map<Y.Map<unknown>>;
	await waitUntil(() => cards.size === 1, 'the card reaches the setup client');
	cardId = [...cards.keys()][0];
});

afterAll(async () => {
	client?.destroy();
	for (const context of contexts) await context.close();
	await browser?.close();
	await server?.dispose();
});

describe('card owners', () => {
	it('flags a lane without owner', async () => {
		const card = cardIn(newYork, 'lead', 'Acme Foods');
		await card.locator('[data-owner-missing="sales"]').waitFor();
		await openEditor(shanghai);
		await shanghai.locator('#card-sales-owner').selectOption('m-li');
		await card.locator('[data-owner-missing]').waitFor({ state: 'detached' });
		expect(await card.locator('[data-owner="sales"]').innerText()).toBe('LW');
		await closeEditor(shanghai);
	});

	it('flags an ops stage without ops owner', async () => {
		moveCard(client.doc, cardId, { stageId: 'onboarding' }, setup);
		const card = cardIn(newYork, 'onboarding', 'Acme Foods');
		await card.locator('[data-owner-missing="ops"]').waitFor();
		updateCard(client.doc, cardId, { opsOwner: 'm-zhang' }, setup);
		await card.locator('[data-owner="ops"]').waitFor();
		expect(await card.locator('[data-owner-missing]').count()).toBe(0);
		expect(await card.locator('[data-owner="sales"]').innerText()).toBe('LW');
		moveCard(client.doc, cardId, { stageId: 'lead' }, setup);
		await cardIn(shanghai, 'lead', 'Acme Foods').waitFor();
	});
});

describe('due dates across zones', () => {
	it('keeps an all-day date in both zones', async () => {
		await openEditor(shanghai);
		await shanghai.locator('#card-due').fill('2030-06-01');
		await waitUntil(() => storedDue() === '2030-06-01', 'the plain date is stored');
		await closeEditor(shanghai);
		for (const page of [shanghai, newYork]) {
			const marker = cardIn(page, 'lead', 'Acme Foods').locator('[data-due="upcoming"]');
			await marker.waitFor();
			expect(await marker.getAttribute('title')).toBe('Due Jun 1, 2030');
		}
		await openEditor(newYork);
		expect(await newYork.locator('#card-due').inputValue()).toBe('2030-06-01');
		expect(await newYork.locator('#card-due-time').inputValue()).toBe('');
		await closeEditor(newYork);
	});

	it('shows a timed date in local time', async () => {
		await openEditor(shanghai);
		await shanghai.locator('#card-due-time').fill('09:30');
		await waitUntil(() => storedDue() === '2030-06-01T01:30:00.000Z', 'the UTC time is stored');
		await closeEditor(shanghai);
		await openEditor(newYork);
		expect(await newYork.locator('#card-due').inputValue()).toBe('2030-05-31');
		expect(await newYork.locator('#card-due-time').inputValue()).toBe('21:30');
		expect(await newYork.locator('#card-due-hint').innerText()).toContain('America/New_York');
		await closeEditor(newYork);
		const marker = (page: Page) =>
			cardIn(page, 'lead', 'Acme Foods').locator('[data-due="upcoming"]');
		expect(await marker(shanghai).getAttribute('title')).toBe('Due Jun 1, 2030, 9:30 AM');
		expect(await marker(newYork).getAttribute('title')).toBe('Due May 31, 2030, 9:30 PM');
	});

	it('rejects a time without date', async () => {
		await openEditor(shanghai);
		await shanghai.locator('#card-due').fill('');
		await waitUntil(() => storedDue() === null, 'the due date is cleared');
		await shanghai.locator('#card-due-time').fill('10:00');
		const error = shanghai.locator('#card-due-error');
		await error.waitFor();
		expect(await error.innerText()).toBe('Enter a time such as 09:30, after choosing a date.');
		expect(storedDue()).toBeNull();
		await closeEditor(shanghai);
	});

	it('marks today in the viewer zone', async () => {
		const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(
			Date.now()
		);
		updateCard(client.doc, cardId, { dueAt: today }, setup);
		await cardIn(newYork, 'lead', 'Acme Foods').locator('[data-due="today"]').waitFor();
	});
});

describe('due panel', () => {
	it('lists overdue cards by owner', async () => {
		updateCard(client.doc, cardId, { dueAt: '2020-01-01' }, setup);
		for (const page of [shanghai, newYork]) {
			await cardIn(page, 'lead', 'Acme Foods').locator('[data-due="overdue"]').waitFor();
		}
		await newYork.locator('[data-due-count]').waitFor();
		expect(await newYork.locator('[data-due-count]').innerText()).toBe('1');
		await newYork.locator('[data-due-button]').click();
		const panel = newYork.locator('[data-due-panel][open]');
		const entry = panel.locator(`[data-due-owner="m-li"] [data-due-entry="${cardId}"]`);
		await entry.waitFor();
		expect(await entry.getAttribute('data-due-status')).toBe('overdue');
		await entry.click();
		await panel.waitFor({ state: 'detached' });
		expect(await newYork.locator('#card-title').inputValue()).toBe('Acme Foods');
		await closeEditor(newYork);
	});

	it('skips cards in a terminal stage', async () => {
		moveCard(client.doc, cardId, { stageId: 'lost' }, setup);
		const card = cardIn(newYork, 'lost', 'Acme Foods');
		await card.waitFor();
		expect(await card.locator('[data-due]').count()).toBe(0);
		await newYork.locator('[data-due-count]').waitFor({ state: 'detached' });
		await newYork.locator('[data-due-button]').click();
		const panel = newYork.locator('[data-due-panel][open]');
		await panel.getByText('Nothing is due today or overdue.').waitFor();
		await newYork.keyboard.press('Escape');
		await panel.waitFor({ state: 'detached' });
		expect(errors).toEqual([]);
	});
});
