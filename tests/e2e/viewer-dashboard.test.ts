/**
 * The dashboard wall link in Chromium against the real server with links required. The share
 * dialog creates a viewer link to the TV dashboard. That page fits the screen, offers full screen,
 * follows the board live and has no control that could change the board.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken } from '../../server/auth';
import { launchBrowser } from '../helpers/browser';
import { startServer, type TestServer } from '../helpers/server';
import { waitUntil } from '../integration/support';
import { addCardInUi, column, openContext, watchErrors } from './board-pages';
import { drawnCharts } from './viewer-pages';

const SECRET = 'wall-test-secret-0123456789abcdefghijklmnopqrs';

let server: TestServer;
let browser: Browser;
let contexts: BrowserContext[] = [];
let owner: Page;
let wall: Page;
let wallUrl: string;
const errors: string[] = [];

beforeAll(async () => {
	server = await startServer({ env: { TANDEM_AUTH: 'required', TANDEM_SECRET: SECRET } });
	browser = await launchBrowser();
	contexts = [await openContext(browser), await openContext(browser)];
	owner = await contexts[0].newPage();
	wall = await contexts[1].newPage();
	watchErrors(owner, errors);
	watchErrors(wall, errors);

	const admin = adminToken(SECRET);
	const created = await fetch(`${server.url}/api/boards`, {
		method: 'POST',
		headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
		body: JSON.stringify({ name: 'Wall board' })
	});
	const { id } = (await created.json()) as { id: string };
	await owner.goto(`${server.url}/boards/${id}?token=${admin}`);
	await column(owner, 'lead').waitFor();
	await addCardInUi(owner, 'lead', 'Contoso Ltd', 1000);
});

afterAll(async () => {
	for (const context of contexts) await context.close();
	await browser?.close();
	await server?.dispose();
});

/** Returns the on-screen box of the scaled TV stage. */
async function stageBox(page: Page) {
	const box = await page.locator('[data-tv-stage]').boundingBox();
	if (!box) throw new Error('The TV stage is not visible.');
	return box;
}

describe('dashboard wall link', () => {
	it('share dialog creates a TV link', async () => {
		await owner.locator('[data-share]').click();
		await owner.locator('[data-dashboard-link]').click();
		const field = owner.locator('[data-dashboard-url]');
		await field.waitFor();
		wallUrl = await field.inputValue();
		const url = new URL(wallUrl);
		expect(url.pathname).toMatch(/^\/boards\/[^/]+\/dashboard$/);
		expect(url.searchParams.get('tv')).toBe('1');
		const token = url.searchParams.get('token') ?? '';
		expect(JSON.parse(atob(token.split('.')[0].replaceAll('-', '+').replaceAll('_', '/'))).r).toBe(
			'viewer'
		);
		await owner.keyboard.press('Escape');
	});

	it('fits a 1280x720 screen', async () => {
		await wall.setViewportSize({ width: 1280, height: 720 });
		await wall.goto(wallUrl);
		await wall.locator('[data-tv] [data-kpi="wonValue"]').waitFor();
		const box = await stageBox(wall);
		expect(box.x).toBeCloseTo(0, 0);
		expect(box.y).toBeCloseTo(0, 0);
		expect(box.width).toBeCloseTo(1280, 0);
		expect(box.height).toBeCloseTo(720, 0);
		// Charts are drawn although the layout is fixed over the page's scroll area.
		await waitUntil(async () => (await drawnCharts(wall)) >= 4, 'four charts are drawn');
		// Every chart panel sits inside the stage, so nothing needs scrolling.
		const panels = await wall.locator('[data-tv] section[data-kpi]').all();
		expect(panels.length).toBeGreaterThan(5);
		for (const panel of panels) {
			const panelBox = await panel.boundingBox();
			expect(panelBox).not.toBeNull();
			expect(panelBox!.y + panelBox!.height).toBeLessThanOrEqual(720 + 1);
		}
	});

	it('fits a 1920x1080 screen', async () => {
		await wall.setViewportSize({ width: 1920, height: 1080 });
		await waitUntil(async () => (await stageBox(wall)).width > 1900, 'the stage grew');
		const box = await stageBox(wall);
		expect(box.width).toBeCloseTo(1920, 0);
		expect(box.height).toBeCloseTo(1080, 0);
	});

	it('hides navigation and editing controls', async () => {
		expect(await wall.locator('[data-tv] a').count()).toBe(0);
		expect(
			await wall.locator('[data-tv] input, [data-tv] select, [data-tv] textarea').count()
		).toBe(0);
		const buttons = wall.locator('[data-tv] button:visible');
		expect(await buttons.count()).toBe(1);
		expect(await buttons.first().getAttribute('data-fullscreen')).not.toBeNull();
		// The app header lies under the TV layout, so a click at its place lands on the layout.
		const hit = await wall.evaluate(() => document.elementFromPoint(20, 10)?.closest('[data-tv]'));
		expect(hit).not.toBeNull();
	});

	it('enters full screen', async () => {
		await wall.locator('[data-fullscreen]').click();
		await waitUntil(
			() => wall.evaluate(() => document.fullscreenElement !== null),
			'the page is full screen'
		);
		await wall.locator('[data-fullscreen][aria-pressed="true"]').waitFor();
		await wall.locator('[data-fullscreen]').click();
		await wall.locator('[data-fullscreen][aria-pressed="false"]').waitFor();
	});

	it('follows the board live', async () => {
		await addCardInUi(owner, 'lead', 'Fabrikam Inc', 2500);
		await wall.locator('[data-tv] header', { hasText: '2 cards' }).waitFor();
		expect(errors).toEqual([]);
	});
});
