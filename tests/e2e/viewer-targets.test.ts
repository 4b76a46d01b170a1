/**
 * The dashboard's joint targets panel in Chromium against the real server. A member sets targets
 * through the form, and the status follows the KPI in its better direction. Invalid input is
 * rejected without a write, and the saved targets reach a second context.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardRoots, createCard, moveCard, seedBoard } from '../../src/lib/board';
import { launchBrowser } from '../helpers/browser';
import { startServer, type TestServer } from '../helpers/server';
import { connectClient, waitUntil, type BoardClient } from '../integration/support';
import { openContext, watchErrors } from './board-pages';

const BOARD = 'targets-board';
const CONTEXT = { by: 'system' };

let server: TestServer;
let browser: Browser;
let client: BoardClient;
let contexts: BrowserContext[] = [];
let alice: Page;
let bob: Page;
const errors: string[] = [];

beforeAll(async () => {
	server = await startServer();
	client = await connectClient(server.wsUrl, BOARD);
	const { doc } = client;
	seedBoard(doc, { name: 'Targets' }, CONTEXT);
	for (const [id, stageId] of [
		['won-1', 'won'],
		['lost-1', 'lost'],
		['open-1', 'lead']
	]) {
		createCard(doc, { id, title: id, stageId: 'lead', value: 1000 }, CONTEXT);
		if (stageId !== 'lead') moveCard(doc, id, { stageId }, CONTEXT);
	}
	browser = await launchBrowser();
	contexts = [await openContext(browser), await openContext(browser)];
	alice = await contexts[0].newPage();
	bob = await contexts[1].newPage();
	watchErrors(alice, errors);
	watchErrors(bob, errors);
	for (const page of [alice, bob]) {
		await page.goto(`${server.url}/boards/${BOARD}/dashboard`);
		await page.locator('[data-targets]').waitFor();
	}
});

afterAll(async () => {
	for (const context of contexts) await context.close();
	await browser?.close();
	client?.destroy();
	await server?.dispose();
});

function row(page: Page, key: string) {
	return page.locator(`[data-targets] tr[data-target="${key}"]`);
}

describe('targets panel', () => {
	it('shows sales and ops side by side', async () => {
		const sales = alice.locator('[data-targets-lane="sales"]');
		const ops = alice.locator('[data-targets-lane="ops"]');
		expect(await sales.locator('tr[data-target]').count()).toBe(2);
		expect(await ops.locator('tr[data-target]').count()).toBe(3);
		const salesBox = await sales.boundingBox();
		const opsBox = await ops.boundingBox();
		expect(opsBox!.x).toBeGreaterThan(salesBox!.x + salesBox!.width - 1);
		expect(await row(alice, 'winRate').getAttribute('data-status')).toBe('noTarget');
		await expect(row(alice, 'winRate').textContent()).resolves.toContain('No target');
	});

	it('rejects an out-of-range target', async () => {
		await alice.locator('[data-targets-edit]').click();
		await alice.locator('[data-target-input="winRate"]').fill('150');
		await alice.locator('[data-targets-save]').click();
		await alice.locator('[data-targets-form] [role=alert]').waitFor();
		await expect(alice.locator('[data-targets-form] [role=alert]').textContent()).resolves.toMatch(
			/Win rate.*0 to 100/
		);
		expect(boardRoots(client.doc).meta.get('targets')).toBeUndefined();
	});

	it('saves targets and compares them', async () => {
		// The board's win rate is 50% (one won, one lost) and its sales cycle is 0 days.
		await alice.locator('[data-target-input="winRate"]').fill('52');
		await alice.locator('[data-target-input="salesCycleDays"]').fill('10');
		await alice.locator('[data-target-input="retentionRate"]').fill('90');
		await alice.locator('[data-targets-save]').click();
		await alice.locator('[data-targets] [role=status]').waitFor();

		await waitUntil(
			() => boardRoots(client.doc).meta.get('targets') !== undefined,
			'the server relayed the targets'
		);
		expect(boardRoots(client.doc).meta.get('targets')).toEqual({
			winRate: 0.52,
			salesCycleDays: 10,
			retentionRate: 0.9
		});
		for (const page of [alice, bob]) {
			await row(page, 'winRate').and(page.locator('[data-status="near"]')).waitFor();
			await expect(row(page, 'winRate').textContent()).resolves.toContain('Near');
			await expect(row(page, 'salesCycleDays').getAttribute('data-status')).resolves.toBe('met');
			await expect(row(page, 'retentionRate').getAttribute('data-status')).resolves.toBe('noData');
			await expect(row(page, 'handoffLagDays').getAttribute('data-status')).resolves.toBe(
				'noTarget'
			);
		}
	});

	it('follows a KPI change', async () => {
		moveCard(client.doc, 'open-1', { stageId: 'lost' }, CONTEXT);
		// One won of three closed is 33%, below 90% of the 52% target.
		await row(bob, 'winRate').and(bob.locator('[data-status="missed"]')).waitFor();
		await expect(row(bob, 'winRate').textContent()).resolves.toContain('Missed');
		expect(errors).toEqual([]);
	});
});
