/**
 * Touch drag in Chromium with touch emulation, driven by raw touch events over the DevTools
 * protocol. A long press lifts a card and moves it to another column. A quick swipe scrolls the
 * column and moves nothing, and a tap opens the card.
 */
import type { Browser, BrowserContext, CDPSession, Locator, Page } from 'playwright-core';
import type * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCard } from '../../src/lib/board';
import { launchBrowser } from '../helpers/browser';
import { startServer, type TestServer } from '../helpers/server';
import { connectClient, waitUntil, type BoardClient } from '../integration/support';
import { VIEWPORT, cardIn, column, createBoardInUi, watchErrors } from './board-pages';

let server: TestServer;
let browser: Browser;
let client: BoardClient;
let context: BrowserContext;
let page: Page;
let touch: CDPSession;
const errors: string[] = [];

interface Point {
	x: number;
	y: number;
}

async function centre(locator: Locator): Promise<Point> {
	const box = await locator.boundingBox();
	if (!box) throw new Error('The element to touch is not visible.');
	return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

async function touchAt(type: 'touchStart' | 'touchMove', point: Point): Promise<void> {
	await touch.send('Input.dispatchTouchEvent', {
		type,
		touchPoints: [{ x: Math.round(point.x), y: Math.round(point.y) }]
	});
}

async function lift(): Promise<void> {
	await touch.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

/** Moves the finger from one point to another in even steps, each a separate touch event. */
async function slide(from: Point, to: Point, steps: number): Promise<void> {
	for (let step = 1; step <= steps; step++) {
		await touchAt('touchMove', {
			x: from.x + ((to.x - from.x) * step) / steps,
			y: from.y + ((to.y - from.y) * step) / steps
		});
	}
}

function stageOf(title: string): unknown {
	const cards = client.doc.getMap('cards') as Y.Map<Y.Map<unknown>>;
	for (const card of cards.values()) {
		if (card.get('title') === title) return (card.get('position') as { stageId: string }).stageId;
	}
	return undefined;
}

beforeAll(async () => {
	server = await startServer();
	browser = await launchBrowser();
	context = await browser.newContext({ viewport: VIEWPORT, hasTouch: true, isMobile: true });
	context.setDefaultTimeout(10_000);
	await context.addInitScript(() => localStorage.setItem('tandem.locale', 'en'));
	page = await context.newPage();
	watchErrors(page, errors);
	touch = await context.newCDPSession(page);
	const boardId = await createBoardInUi(page, server.url, 'Touch board');
	client = await connectClient(server.wsUrl, boardId);
	const setup = { by: 'setup' };
	for (let index = 1; index <= 14; index++) {
		createCard(client.doc, { title: `Lead ${index}`, stageId: 'lead' }, setup);
	}
	await cardIn(page, 'lead', 'Lead 1').waitFor();
});

afterAll(async () => {
	client?.destroy();
	await context?.close();
	await browser?.close();
	await server?.dispose();
});

describe('touch drag', () => {
	it('moves a card after long press', async () => {
		const start = await centre(cardIn(page, 'lead', 'Lead 2'));
		const end = await centre(column(page, 'qualified').locator('[data-card-scroller]'));
		await touchAt('touchStart', start);
		// The lifted card leaves a placeholder once the long press has passed.
		await column(page, 'lead').locator('[data-placeholder]').waitFor();
		await slide(start, { x: end.x, y: end.y - 100 }, 12);
		await column(page, 'qualified').locator('[data-placeholder]').waitFor();
		await lift();
		await cardIn(page, 'qualified', 'Lead 2').waitFor();
		expect(await cardIn(page, 'lead', 'Lead 2').count()).toBe(0);
		await waitUntil(() => stageOf('Lead 2') === 'qualified', 'the move reaches the server');
		expect(await page.locator('dialog[open]').count()).toBe(0);
	});

	it('opens a card on tap', async () => {
		const point = await centre(cardIn(page, 'lead', 'Lead 1'));
		await touchAt('touchStart', point);
		await lift();
		await page.locator('dialog[open] #card-title').waitFor();
		expect(await page.locator('#card-title').inputValue()).toBe('Lead 1');
		expect(stageOf('Lead 1')).toBe('lead');
		await page.keyboard.press('Escape');
		await page.locator('dialog[open]').waitFor({ state: 'detached' });
	});

	it('scrolls on a quick swipe', async () => {
		const scroller = column(page, 'lead').locator('[data-card-scroller]');
		expect(await scroller.evaluate((element) => element.scrollTop)).toBe(0);
		// Cards below the column's visible area are clipped, so the swipe starts on the second row.
		const start = await centre(cardIn(page, 'lead', 'Lead 3'));
		await touchAt('touchStart', start);
		await slide(start, { x: start.x, y: start.y - 80 }, 8);
		await lift();
		await waitUntil(
			async () => (await scroller.evaluate((element) => element.scrollTop)) > 0,
			'the column scrolls'
		);
		expect(await page.locator('[data-placeholder]').count()).toBe(0);
		expect(stageOf('Lead 3')).toBe('lead');
		expect(await cardIn(page, 'lead', 'Lead 3').count()).toBe(1);
		expect(errors).toEqual([]);
	});
});
