/**
 * Memory of one Chromium page that goes between a board of 300 cards and its dashboard 50 times
 * through the app's own links, with client-side navigation only. After a forced garbage
 * collection the JavaScript heap stays near its size after the first round trips, and the number
 * of Chart.js instances is that of the dashboard on screen, not one set per visit.
 */
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCard } from '../../src/lib/board';
import { connectClient, waitUntil, type BoardClient } from '../integration/support';
import { useSession } from './session';

const CARDS = 300;
const ROUND_TRIPS = 50;
/** Round trips before the baseline, so that code, caches and fonts loaded once are in it. */
const WARM_UP_TRIPS = 5;
/**
 * Allowed growth of the used heap from the baseline to the end. Three runs on a loaded 2-core
 * machine measured a baseline of 10.1 MiB and a growth of 1.0 to 1.1 MiB over the 45 later round
 * trips. With charts left undestroyed on unmount (6 a visit), the growth was 23.4 MiB. 8 MiB sits
 * well above the noise and well below that leak.
 */
const MAX_GROWTH_BYTES = 8 * 1024 * 1024;

const STAGES = ['lead', 'qualified', 'proposal', 'negotiation', 'won', 'onboarding', 'lost'];

const session = useSession();
let client: BoardClient;
let boardId: string;
let page: Page;
let cdp: CDPSession;

/** Returns the number of Chart.js instances in the page, 0 before any chart module loaded. */
function chartCount(on: Page): Promise<number> {
	return on.evaluate(() => {
		const registry = (window as Window & { tandemCharts?: { count(): number } }).tandemCharts;
		return registry?.count() ?? 0;
	});
}

function liveChartNodes(on: Page): Promise<number> {
	return on.locator('.chart[data-chart-live="true"]').count();
}

/** Goes to the dashboard and back through the links, waiting for the charts and the cards. */
async function roundTrip(on: Page): Promise<void> {
	await on.getByRole('link', { name: 'Dashboard', exact: true }).click();
	await on.locator('[data-state="ready"]').waitFor();
	await waitUntil(async () => (await liveChartNodes(on)) > 0, 'the dashboard draws its charts');
	await on.getByRole('link', { name: 'Back to the board' }).click();
	await on.locator('[data-stage-id="lead"] [data-card-id]').first().waitFor();
}

/** Forces two garbage collections over the DevTools protocol and returns the used heap in bytes. */
async function usedHeapAfterGc(): Promise<number> {
	await cdp.send('HeapProfiler.collectGarbage');
	await cdp.send('HeapProfiler.collectGarbage');
	const usage = await cdp.send('Runtime.getHeapUsage');
	return usage.usedSize;
}

function mebibytes(bytes: number): string {
	return (bytes / 1024 / 1024).toFixed(1);
}

beforeAll(async () => {
	boardId = await session.createBoard('Round trips');
	client = await connectClient(session.server.wsUrl, boardId);
	const context = { by: 'alice', now: new Date('2024-03-01T09:00:00Z') };
	client.doc.transact(() => {
		for (let index = 0; index < CARDS; index += 1) {
			const stageId = STAGES[index % STAGES.length];
			const card = { id: `deal-${index}`, title: `Deal ${index}`, stageId, value: 100 + index };
			createCard(client.doc, card, context);
		}
	});
	page = await session.page();
	cdp = await page.context().newCDPSession(page);
	await page.goto(`${session.server.url}/boards/${boardId}`);
	await page.locator('[data-stage-id="lead"] [data-card-id]').first().waitFor();
}, 120_000);

// Vitest runs after-hooks in reverse order of registration, so the client closes before the server.
afterAll(async () => {
	await cdp?.detach();
	client?.destroy();
});

describe('dashboard memory', () => {
	it('keeps the heap flat over round trips', { timeout: 300_000 }, async () => {
		const start = page.url();
		// A full page load would drop this property, so its presence at the end shows that every
		// navigation was client-side and the page kept one JavaScript heap.
		await page.evaluate(() => Object.assign(window, { roundTripMarker: true }));
		for (let trip = 0; trip < WARM_UP_TRIPS; trip += 1) await roundTrip(page);
		const baseline = await usedHeapAfterGc();

		for (let trip = WARM_UP_TRIPS; trip < ROUND_TRIPS; trip += 1) await roundTrip(page);
		const end = await usedHeapAfterGc();

		// One line for the benchmark record in docs/benchmarks.md.
		console.info(
			`heap after ${WARM_UP_TRIPS} round trips ${mebibytes(baseline)} MiB, ` +
				`after ${ROUND_TRIPS} ${mebibytes(end)} MiB, growth ${mebibytes(end - baseline)} MiB`
		);
		expect(page.url()).toBe(start);
		await expect(page.evaluate(() => 'roundTripMarker' in window)).resolves.toBe(true);
		expect(end - baseline).toBeLessThan(MAX_GROWTH_BYTES);
	});

	it('frees every chart on the board', async () => {
		await expect(chartCount(page)).resolves.toBe(0);
	});

	it('keeps one chart set on the dashboard', async () => {
		await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
		await page.locator('[data-state="ready"]').waitFor();
		await waitUntil(async () => (await liveChartNodes(page)) > 0, 'the dashboard draws its charts');
		const live = await liveChartNodes(page);
		expect(live).toBeLessThanOrEqual(9);
		await expect(chartCount(page)).resolves.toBe(live);
	});

	it('raises no page errors', () => {
		expect(session.errors).toEqual([]);
	});
});
