/**
 * Measures the board page in Chromium on a 10,000-card board: the 8,800-deal pipeline plus 1,200
 * generated deals in the stages the pipeline leaves empty. It times the first card painted, on a
 * first visit, again with the board in the IndexedDB cache, and from the cache alone with the
 * server stopped. It counts the card nodes in the page, and records the frame times and settle
 * time of one mouse drag from Won into Onboarding.
 *
 * Run: npx tsx bench/board.ts [runs]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../tests/helpers/browser';
import { startServer, type TestServer } from '../tests/helpers/server';
import { dataFile, PIPELINE_CSV } from '../tests/helpers/data';
import { describeMachine, formatMs, median } from './stats';

const PIPELINE = dataFile(PIPELINE_CSV);
const CARD_COUNT = 10_000;
const EXTRA_STAGES = ['Proposal', 'Negotiation', 'Onboarding', 'Active', 'Renewal', 'Churned'];

/** Returns the pipeline CSV with generated rows appended up to `CARD_COUNT` deals. */
function boardCsv(): string {
	const pipeline = fs.readFileSync(PIPELINE, 'utf8').trimEnd();
	const rows = pipeline.split('\n').length - 1;
	const extra: string[] = [];
	for (let index = 0; rows + index < CARD_COUNT; index++) {
		const stage = EXTRA_STAGES[index % EXTRA_STAGES.length];
		const day = String(1 + (index % 28)).padStart(2, '0');
		extra.push(
			`BENCH${index},Bench Agent ${index % 12},GTX Basic,Bench account ${index},${stage},2017-06-${day},,${500 + index}`
		);
	}
	return `${pipeline}\n${extra.join('\n')}\n`;
}
const runs = Number(process.argv[2] ?? 3);

async function createImportedBoard(server: TestServer): Promise<string> {
	const created = await fetch(`${server.url}/api/boards`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ name: 'Bench pipeline' })
	});
	const { id } = (await created.json()) as { id: string };
	const imported = await fetch(`${server.url}/api/boards/${id}/import`, {
		method: 'POST',
		headers: { 'content-type': 'text/csv' },
		body: boardCsv()
	});
	const result = (await imported.json()) as { imported: number };
	if (result.imported !== CARD_COUNT) {
		throw new Error(`imported ${result.imported} rows, not ${CARD_COUNT}`);
	}
	return id;
}

/** Returns milliseconds from the start of navigation until the first card is on screen. */
async function timeFirstCard(page: Page, url: string): Promise<number> {
	await page.goto(url, { waitUntil: 'commit' });
	await page.locator('[data-stage-id="won"] [data-card-id]').first().waitFor({ timeout: 60_000 });
	return page.evaluate(() => performance.now());
}

/** Drags the first Won card into Onboarding, recording every animation frame meanwhile. */
async function timeDrag(page: Page) {
	const card = page.locator('[data-stage-id="won"] [data-card-id]').first();
	const cardId = await card.getAttribute('data-card-id');
	const from = await card.boundingBox();
	const to = await page.locator('[data-stage-id="onboarding"] [data-card-scroller]').boundingBox();
	if (!from || !to || !cardId)
		throw new Error('The Won card or the Onboarding column is not visible.');

	// A string, not a function: tsx would wrap a named inner function in a helper the page lacks.
	await page.evaluate(`(() => {
		const frames = [];
		window.benchFrames = frames;
		let last = performance.now();
		const tick = (now) => {
			frames.push(now - last);
			last = now;
			if (frames.length < 10000) requestAnimationFrame(tick);
		};
		requestAnimationFrame(tick);
	})()`);
	await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
	await page.mouse.down();
	await page.mouse.move(from.x + from.width / 2 + 20, from.y + from.height / 2 + 10, { steps: 4 });
	await page.mouse.move(to.x + to.width / 2, to.y + 30, { steps: 30 });
	const dropStart = Date.now();
	await page.mouse.up();
	// A drop from sales into ops opens the handoff dialog; Enter submits it with no facts.
	await page.locator('[data-handoff-dialog][open]').waitFor();
	await page.keyboard.press('Enter');
	await page
		.locator(`[data-stage-id="onboarding"] [data-card-id="${cardId}"]`)
		.waitFor({ timeout: 30_000 });
	const settle = Date.now() - dropStart;
	const frames = await page.evaluate(() => {
		const recorded = (window as unknown as { benchFrames: number[] }).benchFrames;
		return recorded.splice(0, recorded.length).slice(1);
	});
	return { settle, frames };
}

async function main() {
	console.log(`Machine: ${describeMachine()}`);
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-board-'));
	const server = await startServer({ dataDir });
	const browser = await launchBrowser();
	try {
		const boardId = await createImportedBoard(server);
		const url = `${server.url}/boards/${boardId}`;
		const fromServer: number[] = [];
		const fromCache: number[] = [];
		const fromCacheOffline: number[] = [];
		const settles: number[] = [];
		const frames: number[] = [];
		let cardNodes = 0;
		for (let run = 0; run < runs; run++) {
			const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
			const page = await context.newPage();
			fromServer.push(await timeFirstCard(page, url));
			cardNodes = await page.locator('[data-card-id]').count();
			const drag = await timeDrag(page);
			settles.push(drag.settle);
			frames.push(...drag.frames);
			// The same context again: the board now also loads from its IndexedDB cache.
			await page.goto('about:blank');
			const cachedPage = await context.newPage();
			fromCache.push(await timeFirstCard(cachedPage, url));
			// And with the server stopped: the service worker serves the app, IndexedDB the board.
			await cachedPage.goto('about:blank');
			await server.stop();
			const offlinePage = await context.newPage();
			fromCacheOffline.push(await timeFirstCard(offlinePage, url));
			await server.restart();
			await context.close();
		}
		const sortedFrames = [...frames].sort((a, b) => a - b);
		const p95 = sortedFrames[Math.floor(sortedFrames.length * 0.95)] ?? Number.NaN;
		console.log(
			`Board: ${CARD_COUNT} cards; card nodes in the page after first paint: ${cardNodes}`
		);
		console.log(`Runs: ${runs}, each in a new browser context, median (min .. max)`);
		for (const [name, values] of [
			['first card, from the server', fromServer],
			['first card, with the IndexedDB cache', fromCache],
			['first card, IndexedDB only (server stopped)', fromCacheOffline],
			['drop to card shown in Onboarding', settles]
		] as const) {
			console.log(
				`  ${name.padEnd(46)} ${formatMs(median(values))} (${formatMs(Math.min(...values))} .. ${formatMs(Math.max(...values))})`
			);
		}
		console.log(
			`  drag frame time: median ${formatMs(median(frames))}, p95 ${formatMs(p95)}, max ${formatMs(sortedFrames.at(-1) ?? Number.NaN)} over ${frames.length} frames`
		);
	} finally {
		await browser.close();
		await server.dispose();
	}
}

await main();
