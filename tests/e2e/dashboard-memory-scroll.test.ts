/**
 * Dashboard charts in Chromium exist only near the visible part of the page. On a short, narrow
 * viewport a chart scrolled far away has no Chart.js instance. Scrolled back, it is created again
 * with the numbers of a move made while it was away. A chart swapped for its table is destroyed
 * too.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCard, moveCard } from '../../src/lib/board';
import { connectClient, waitUntil, type BoardClient } from '../integration/support';
import { useSession } from './session';

const session = useSession();
let client: BoardClient;
let page: Page;

const PANEL = 'section[data-kpi="value-by-stage"]';

/** Returns whether the value-by-stage canvas has a Chart.js instance, read from Chart.js itself. */
function hasChart(on: Page): Promise<boolean> {
	return on.locator(`${PANEL} canvas`).evaluate((canvas: HTMLCanvasElement) => {
		const registry = (window as Window & { tandemCharts?: { get(c: HTMLCanvasElement): unknown } })
			.tandemCharts;
		if (registry === undefined) throw new Error('window.tandemCharts is missing.');
		return registry.get(canvas) !== undefined;
	});
}

/** Returns the value of each stage label that the value-by-stage chart draws. */
function chartedValues(on: Page): Promise<Record<string, number>> {
	return on.locator(`${PANEL} canvas`).evaluate((canvas: HTMLCanvasElement) => {
		interface BarChart {
			data: { labels: string[]; datasets: { data: (number | null)[] }[] };
		}
		const registry = (window as Window & { tandemCharts?: { get(c: HTMLCanvasElement): unknown } })
			.tandemCharts;
		const chart = registry?.get(canvas) as BarChart | undefined;
		if (chart === undefined) throw new Error('The value-by-stage canvas has no chart.');
		const values: Record<string, number> = {};
		chart.data.labels.forEach((label, index) => {
			values[label] = chart.data.datasets.reduce((sum, set) => sum + (set.data[index] ?? 0), 0);
		});
		return values;
	});
}

function liveAttribute(on: Page): Promise<string | null> {
	return on.locator(`${PANEL} .chart`).getAttribute('data-chart-live');
}

/** Scrolls the page's scroll container, `<main>`, to its end. */
async function scrollToEnd(on: Page): Promise<void> {
	await on.evaluate(() => {
		const main = document.querySelector('main');
		if (main === null) throw new Error('The page has no <main>.');
		main.scrollTop = main.scrollHeight;
	});
}

beforeAll(async () => {
	const boardId = await session.createBoard('Scrolled');
	client = await connectClient(session.server.wsUrl, boardId);
	const context = { by: 'alice', now: new Date('2024-03-01T09:00:00Z') };
	createCard(client.doc, { id: 'acme', title: 'Acme', stageId: 'lead', value: 1000 }, context);
	createCard(
		client.doc,
		{ id: 'globex', title: 'Globex', stageId: 'proposal', value: 500 },
		context
	);
	page = await session.page();
	await page.setViewportSize({ width: 420, height: 640 });
	await page.goto(`${session.server.url}/boards/${boardId}/dashboard`);
	await page.locator('[data-state="ready"]').waitFor();
}, 120_000);

// Vitest runs after-hooks in reverse order of registration, so the client closes before the server.
afterAll(() => {
	client?.destroy();
});

describe('dashboard chart lifetime', () => {
	it('creates the chart scrolled near', async () => {
		// On this viewport the KPI tiles fill more than two screens, so no chart starts near.
		await expect(liveAttribute(page)).resolves.toBe('false');
		await expect(hasChart(page)).resolves.toBe(false);
		await page.locator(PANEL).scrollIntoViewIfNeeded();
		await waitUntil(async () => (await liveAttribute(page)) === 'true', 'the chart is live');
		await expect(hasChart(page)).resolves.toBe(true);
		await expect(chartedValues(page)).resolves.toMatchObject({ Lead: 1000, Proposal: 500 });
		// The time-in-stage chart is many screens below, so it is not created.
		const last = page.locator('section[data-kpi="time-in-stage"] .chart');
		await expect(last.getAttribute('data-chart-live')).resolves.toBe('false');
	});

	it('destroys the chart scrolled away', async () => {
		const height = await page.locator(`${PANEL} .chart`).evaluate((node) => node.clientHeight);
		await scrollToEnd(page);
		await waitUntil(async () => (await liveAttribute(page)) === 'false', 'the chart is destroyed');
		await expect(hasChart(page)).resolves.toBe(false);
		// The container keeps its height, so nothing below it moves.
		const after = await page.locator(`${PANEL} .chart`).evaluate((node) => node.clientHeight);
		expect(after).toBe(height);
		await waitUntil(
			async () =>
				(await page
					.locator('section[data-kpi="time-in-stage"] .chart')
					.getAttribute('data-chart-live')) === 'true',
			'the time-in-stage chart is created at the end'
		);
	});

	it('draws a move made while away', async () => {
		moveCard(
			client.doc,
			'acme',
			{ stageId: 'won' },
			{ by: 'bob', now: new Date('2024-03-05T09:00:00Z') }
		);
		await waitUntil(async () => {
			const json = await page.locator(PANEL).getAttribute('data-values');
			return (JSON.parse(json ?? '{}') as Record<string, number>).won === 1000;
		}, 'the panel has the move');
		await expect(hasChart(page)).resolves.toBe(false);

		await page.locator(PANEL).scrollIntoViewIfNeeded();
		await waitUntil(async () => (await liveAttribute(page)) === 'true', 'the chart is back');
		await expect(hasChart(page)).resolves.toBe(true);
		const values = await chartedValues(page);
		expect(values.Won).toBe(1000);
		expect(values.Lead).toBe(0);
		expect(values.Proposal).toBe(500);
	});

	it('destroys the chart behind its table', async () => {
		const panel = page.locator(PANEL);
		await panel.getByRole('button', { name: 'Show table' }).click();
		await waitUntil(async () => (await liveAttribute(page)) === 'false', 'the chart is destroyed');
		await expect(hasChart(page)).resolves.toBe(false);
		await panel.getByRole('button', { name: 'Show chart' }).click();
		await waitUntil(async () => (await liveAttribute(page)) === 'true', 'the chart is back');
		await expect(chartedValues(page)).resolves.toMatchObject({ Won: 1000, Lead: 0 });
	});

	it('raises no page errors', () => {
		expect(session.errors).toEqual([]);
	});
});
