/**
 * Screenshots of the toolbar, the filters, a WIP limit breach and the shortcuts dialog in both
 * themes and languages, written to /tmp/tandem-shots/ for review.
 */
import fs from 'node:fs';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { startServer, type TestServer } from '../helpers/server';
import { addCardInUi, column, createBoardInUi, openContext, watchErrors } from './board-pages';

const SHOTS = '/tmp/tandem-shots';
const CLIP = { x: 0, y: 0, width: 1440, height: 460 };

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const errors: string[] = [];

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

describe('toolbar screenshots', () => {
	it('shows filters, a breach and the shortcuts', async () => {
		const setup = await openContext(browser);
		contexts.push(setup);
		const page = await setup.newPage();
		watchErrors(page, errors);
		const boardId = await createBoardInUi(page, server.url, 'East region accounts');
		await addCardInUi(page, 'lead', 'Contoso Ltd', 120_000);
		await addCardInUi(page, 'lead', 'Fabrikam', 64_000);
		await addCardInUi(page, 'qualified', 'Northwind Traders', 250_000);
		await column(page, 'lead').locator('[data-column-menu]').click();
		await page.locator('#wip-lead').fill('1');
		await page.keyboard.press('Enter');
		await column(page, 'lead').locator('header.breach').waitFor();

		for (const locale of ['en', 'zh'] as const) {
			for (const theme of ['light', 'dark'] as const) {
				const context = await openContext(browser, { locale, theme });
				contexts.push(context);
				const viewer = await context.newPage();
				watchErrors(viewer, errors);
				await viewer.goto(`${server.url}/boards/${boardId}?q=co`);
				await column(viewer, 'lead').locator('header.breach').waitFor();
				await expect
					.poll(() => column(viewer, 'lead').locator('[data-count]').textContent())
					.toBe('1 / 2');
				await viewer.screenshot({ path: `${SHOTS}/toolbar-${locale}-${theme}.png`, clip: CLIP });
				await column(viewer, 'qualified').locator('[data-column-menu]').click();
				await viewer.locator('#wip-qualified').fill('x');
				await viewer.keyboard.press('Enter');
				await viewer.locator('#wip-qualified-error').waitFor();
				await viewer.screenshot({ path: `${SHOTS}/wip-form-${locale}-${theme}.png`, clip: CLIP });
				await viewer.keyboard.press('Escape');
				await viewer.locator('[data-shortcuts]').click();
				await viewer.locator('[data-shortcuts-dialog]').waitFor();
				await viewer.screenshot({ path: `${SHOTS}/shortcuts-${locale}-${theme}.png` });
			}
		}
		expect(errors).toEqual([]);
	});
});
