/**
 * The board with the real 8,800-deal CRM pipeline, imported through the import dialog. The tests
 * check the import result, that columns render only visible cards, and a move on the full board.
 * They write screenshots in both themes and languages to /tmp/tandem-shots/ for review.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cardIn, column, openBoard } from './board-pages';
import { SHOTS, useSession } from './session';
import { dataFile, PIPELINE_CSV } from '../helpers/data';

const PIPELINE = dataFile(PIPELINE_CSV);
const PIPELINE_ROWS = 8_800;

const session = useSession({ screenshots: true });

describe('board screenshots', () => {
	it('shows the board list and an empty board', async () => {
		const boardId = await session.createBoard('华东重点客户');
		for (const [locale, theme] of [
			['en', 'light'],
			['zh', 'dark']
		] as const) {
			const page = await session.page({ locale, theme });
			await page.goto(session.server.url);
			await page.locator('ul a').first().waitFor();
			await page.screenshot({ path: `${SHOTS}/board-list-${locale}-${theme}.png` });
			await openBoard(page, session.server.url, boardId);
			await expect(page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe(
				theme
			);
			await page.screenshot({ path: `${SHOTS}/board-empty-${locale}-${theme}.png` });
		}
	});

	it('imports the pipeline, renders visible cards', { timeout: 120_000 }, async () => {
		expect(PIPELINE, 'the CRM sales pipeline CSV is missing').toBeDefined();
		const boardId = await session.createBoard('CRM pipeline');
		const page = await session.page({ locale: 'en', theme: 'light' });
		await openBoard(page, session.server.url, boardId);

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
		const response = await fetch(`${session.server.url}/api/boards`);
		const boards = (await response.json()) as { id: string; name: string; cardCount: number }[];
		const board = boards.find((item) => item.name === 'CRM pipeline');
		expect(board?.cardCount).toBeGreaterThan(8_000);

		const timings: Record<string, number> = {};
		for (const [locale, theme] of [
			['zh', 'light'],
			['en', 'dark'],
			['zh', 'dark']
		] as const) {
			const page = await session.page({ locale, theme });
			const started = Date.now();
			await openBoard(page, session.server.url, board!.id);
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

		const page = await session.page({ locale: 'en', theme: 'light' });
		await openBoard(page, session.server.url, board!.id);
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
		expect(session.errors).toEqual([]);
	});
});
