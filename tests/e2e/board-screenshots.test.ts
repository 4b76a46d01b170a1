/**
 * The board with the real 8,800-deal CRM pipeline, imported through the import dialog. The tests
 * check the import result, that columns render only visible cards, and a move on the full board.
 * They write screenshots in both themes and languages to /tmp/tandem-shots/ for review.
 */
import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { startServer, type TestServer } from '../helpers/server';
import { cardIn, column, openBoard, openContext, watchErrors } from './board-pages';
import { dataFile, PIPELINE_CSV } from '../helpers/data';

const SHOTS = '/tmp/tandem-shots';
const PIPELINE = dataFile(PIPELINE_CSV);
const PIPELINE_ROWS = 8_800;

let server: TestServer;
let browser: Browser;
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

async function pageFor(locale: 'en' | 'zh', theme: 'light' | 'dark'): Promise<Page> {
	const context = await openContext(browser, { locale, theme });
	contexts.push(context);
	const page = await context.newPage();
	watchErrors(page, errors);
	return page;
}

beforeAll(async () => {
	fs.mkdirSync(SHOTS, { recursive: true });
	server = await startServer();
	browser = await launchBrowser();
});

afterAll(async () => {
	for (const context of contexts) await context.close();
	await browser?.close();
	await server?.dispose();
});

describe('board screenshots', () => {
	it('shows the board list and an empty board', async () => {
		const boardId = await createBoard('华东重点客户');
		for (const [locale, theme] of [
			['en', 'light'],
			['zh', 'dark']
		] as const) {
			const page = await pageFor(locale, theme);
			await page.goto(server.url);
			await page.locator('ul a').first().waitFor();
			await page.screenshot({ path: `${SHOTS}/board-list-${locale}-${theme}.png` });
			await openBoard(page, server.url, boardId);
			await expect(page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe(
				theme
			);
			await page.screenshot({ path: `${SHOTS}/board-empty-${locale}-${theme}.png` });
		}
	});

	it('imports the pipeline, renders visible cards', { timeout: 120_000 }, async () => {
		expect(PIPELINE, 'the CRM sales pipeline CSV is missing').toBeDefined();
		const boardId = await createBoard('CRM pipeline');
		const page = await pageFor('en', 'light');
		await openBoard(page, server.url, boardId);

		await page.getByRole('button', { name: 'Import' }).click();
		await page.locator('#import-file').setInputFiles(PIPELINE!);
		await expect
			.poll(() => page.locator('.preview').textContent())
			.toContain(`${PIPELINE_ROWS.toLocaleString('en-US')} rows`);
		await page.screenshot({ path: `${SHOTS}/import-preview-en-light.png` });
		await page.locator('dialog form button[type="submit"]').click();
		const result = page.locator('[data-import-result]');
		await result.waitFor({ timeout: 60_000 });
		const text = (await result.textContent()) ?? '';
		const imported = Number(/Imported ([\d,]+)/.exec(text)?.[1].replace(/,/g, ''));
		const skipped = Number(/skipped ([\d,]+)/.exec(text)?.[1].replace(/,/g, ''));
		expect(imported + skipped).toBe(PIPELINE_ROWS);
		expect(imported).toBeGreaterThan(8_000);
		await page.screenshot({ path: `${SHOTS}/import-result-en-light.png` });
		await page.keyboard.press('Escape');

		await expect
			.poll(() => page.locator('[data-stage-id="won"] header').textContent(), { timeout: 30_000 })
			.toMatch(/4,2\d\d/);
		const rendered = await page.locator('[data-card-id]').count();
		expect(rendered).toBeGreaterThan(0);
		expect(rendered).toBeLessThan(300);
		await page.screenshot({ path: `${SHOTS}/board-pipeline-en-light.png` });
	});

	it('opens and moves on the full board quickly', { timeout: 120_000 }, async () => {
		const response = await fetch(`${server.url}/api/boards`);
		const boards = (await response.json()) as { id: string; name: string; cardCount: number }[];
		const board = boards.find((item) => item.name === 'CRM pipeline');
		expect(board?.cardCount).toBeGreaterThan(8_000);

		const timings: Record<string, number> = {};
		for (const [locale, theme] of [
			['zh', 'light'],
			['en', 'dark'],
			['zh', 'dark']
		] as const) {
			const page = await pageFor(locale, theme);
			const started = Date.now();
			await openBoard(page, server.url, board!.id);
			await column(page, 'won').locator('[data-card-id]').first().waitFor({ timeout: 30_000 });
			const openMs = Date.now() - started;
			expect(openMs).toBeLessThan(20_000);
			timings[`open-${locale}-${theme}-ms`] = openMs;
			await page.screenshot({ path: `${SHOTS}/board-pipeline-${locale}-${theme}.png` });
			await column(page, 'won').locator('[data-card-id]').first().click();
			await page.locator('#card-title').waitFor();
			await page.screenshot({ path: `${SHOTS}/card-editor-${locale}-${theme}.png` });
			await page.keyboard.press('Escape');
		}

		const page = await pageFor('en', 'light');
		await openBoard(page, server.url, board!.id);
		const first = column(page, 'won').locator('[data-card-id]').first();
		const title = (await first.getAttribute('aria-label'))!.split(',')[0];
		await first.focus();
		await page.keyboard.press('Space');
		for (let step = 0; step < 2; step++) await page.keyboard.press('ArrowRight');
		const started = Date.now();
		await page.keyboard.press('Enter');
		// A drop from sales into ops opens the handoff dialog, and Enter submits it.
		await page.locator('[data-handoff-dialog][open]').waitFor();
		await page.keyboard.press('Enter');
		await cardIn(page, 'onboarding', title).first().waitFor();
		const moveMs = Date.now() - started;
		await page
			.locator('[data-card-scroller]')
			.first()
			.evaluate((element) => {
				element.scrollTop = 20_000;
			});
		await page.screenshot({ path: `${SHOTS}/board-pipeline-scrolled-en-light.png` });
		timings['keyboard-move-ms'] = moveMs;
		fs.writeFileSync(`${SHOTS}/board-timings.json`, JSON.stringify(timings, null, '\t'));
	});

	it('raised no page errors', () => {
		expect(errors).toEqual([]);
	});
});
