/**
 * Screenshots of the view-only board, the TV dashboard and the targets panel, in light and
 * dark, English and Chinese, written to SCREENSHOT_DIR (default /tmp/tandem-shots) for review.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken } from '../../server/auth';
import { launchBrowser } from '../helpers/browser';
import { startServer, type TestServer } from '../helpers/server';
import { waitUntil } from '../integration/support';
import { addCardInUi, column, openContext } from './board-pages';
import { drawnCharts } from './viewer-pages';

const SECRET = 'shots-test-secret-0123456789abcdefghijklmnopq';
const OUTPUT = process.env.SCREENSHOT_DIR ?? '/tmp/tandem-shots';
const VARIANTS = [
	{ locale: 'en', theme: 'light' },
	{ locale: 'zh', theme: 'dark' },
	{ locale: 'en', theme: 'dark' },
	{ locale: 'zh', theme: 'light' }
] as const;

let server: TestServer;
let browser: Browser;
let boardId: string;

async function mintLink(role: 'viewer' | 'editor'): Promise<string> {
	const response = await fetch(`${server.url}/api/boards/${boardId}/links`, {
		method: 'POST',
		headers: { authorization: `Bearer ${adminToken(SECRET)}`, 'content-type': 'application/json' },
		body: JSON.stringify({ role, expiresInDays: 1 })
	});
	expect(response.status).toBe(201);
	return ((await response.json()) as { url: string }).url;
}

beforeAll(async () => {
	fs.mkdirSync(OUTPUT, { recursive: true });
	server = await startServer({ env: { TANDEM_AUTH: 'required', TANDEM_SECRET: SECRET } });
	browser = await launchBrowser();
	const created = await fetch(`${server.url}/api/boards`, {
		method: 'POST',
		headers: { authorization: `Bearer ${adminToken(SECRET)}`, 'content-type': 'application/json' },
		body: JSON.stringify({ name: 'Northwind' })
	});
	boardId = ((await created.json()) as { id: string }).id;

	const context = await openContext(browser);
	const page = await context.newPage();
	await page.goto(`${server.url}/boards/${boardId}?token=${adminToken(SECRET)}`);
	await column(page, 'lead').waitFor();
	await addCardInUi(page, 'lead', 'Contoso Ltd', 12_000);
	await addCardInUi(page, 'qualified', 'Fabrikam Inc', 48_000);
	await addCardInUi(page, 'proposal', 'Tailspin Toys', 30_000);
	await page.goto(`${server.url}/boards/${boardId}/dashboard`);
	await page.locator('[data-targets-edit]').click();
	await page.locator('[data-target-input="winRate"]').fill('30');
	await page.locator('[data-target-input="salesCycleDays"]').fill('20');
	await page.locator('[data-target-input="avgSatisfaction"]').fill('4.2');
	await page.locator('[data-targets-save]').click();
	await page.locator('[data-targets] [role=status]').waitFor();
	await context.close();
});

afterAll(async () => {
	await browser?.close();
	await server?.dispose();
});

describe('viewer screenshots', () => {
	for (const variant of VARIANTS) {
		it(`board and TV in ${variant.locale} ${variant.theme}`, async () => {
			const context = await openContext(browser, variant);
			const page = await context.newPage();
			const suffix = `${variant.locale}-${variant.theme}`;

			await page.goto(await mintLink('viewer'));
			await page.locator('[data-view-only]').waitFor();
			await page.locator('[data-card-id]').first().click();
			await page.locator('dialog.drawer [data-read-only]').waitFor();
			await page.screenshot({ path: path.join(OUTPUT, `viewer-board-${suffix}.png`) });
			await page.keyboard.press('Escape');

			const dashboard = new URL(await mintLink('viewer'));
			dashboard.pathname += '/dashboard';
			dashboard.searchParams.set('tv', '1');
			for (const size of [
				{ width: 1920, height: 1080 },
				{ width: 1280, height: 720 }
			]) {
				await page.setViewportSize(size);
				await page.goto(dashboard.toString());
				await waitUntil(async () => (await drawnCharts(page)) >= 4, 'four charts are drawn');
				await page.screenshot({
					path: path.join(OUTPUT, `viewer-tv-${size.width}-${suffix}.png`)
				});
			}

			await page.setViewportSize({ width: 1440, height: 900 });
			await page.goto(await mintLink('editor'));
			// The app stores the link's token once its scripts run, which may be after `load`.
			await column(page, 'lead').waitFor();
			await page.goto(`${server.url}/boards/${boardId}/dashboard`);
			await page.locator('[data-targets-edit]').click();
			const panel = page.locator('[data-targets]');
			await panel.locator('[data-targets-form]').waitFor();
			await panel.screenshot({ path: path.join(OUTPUT, `viewer-targets-${suffix}.png`) });
			await context.close();
		});
	}
});
