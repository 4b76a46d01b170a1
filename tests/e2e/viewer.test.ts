/**
 * A view-only link in Chromium against the real server with links required: the board hides
 * every control that would change it, drags do nothing, the editor is disabled, and changes from
 * an editor still arrive.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken } from '../../server/auth';
import { launchBrowser } from '../helpers/browser';
import { startServer, type TestServer } from '../helpers/server';
import { addCardInUi, cardIn, column, openContext, watchErrors } from './board-pages';

const SECRET = 'viewer-test-secret-0123456789abcdefghijklmnopq';

let server: TestServer;
let browser: Browser;
let contexts: BrowserContext[] = [];
let owner: Page;
let guest: Page;
let boardId: string;
const errors: string[] = [];
/** Messages y-websocket logs when the server rejects an update the viewer sent. */
const denied: string[] = [];

/** Mints a link of `role` for the board with the admin token and returns its URL. */
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
	server = await startServer({ env: { TANDEM_AUTH: 'required', TANDEM_SECRET: SECRET } });
	browser = await launchBrowser();
	contexts = [await openContext(browser), await openContext(browser)];
	owner = await contexts[0].newPage();
	guest = await contexts[1].newPage();
	watchErrors(owner, errors);
	watchErrors(guest, errors);
	guest.on('console', (message) => {
		if (message.text().startsWith('Permission denied')) denied.push(message.text());
	});

	const created = await fetch(`${server.url}/api/boards`, {
		method: 'POST',
		headers: { authorization: `Bearer ${adminToken(SECRET)}`, 'content-type': 'application/json' },
		body: JSON.stringify({ name: 'Viewer board' })
	});
	boardId = ((await created.json()) as { id: string }).id;

	await owner.goto(await mintLink('editor'));
	await column(owner, 'lead').waitFor();
	await addCardInUi(owner, 'lead', 'Contoso Ltd', 1000);

	await guest.goto(await mintLink('viewer'));
	await guest.locator('[data-view-only]').waitFor();
	await cardIn(guest, 'lead', 'Contoso Ltd').waitFor();
});

afterAll(async () => {
	for (const context of contexts) await context.close();
	await browser?.close();
	await server?.dispose();
});

describe('viewer board', () => {
	it('hides add, WIP, undo and import', async () => {
		expect(await guest.locator('[data-add-card]').count()).toBe(0);
		expect(await guest.locator('[data-column-menu]').count()).toBe(0);
		expect(await guest.locator('[data-undo]').count()).toBe(0);
		expect(await guest.locator('[data-redo]').count()).toBe(0);
		expect(await guest.getByRole('button', { name: 'Import' }).count()).toBe(0);
		expect(await owner.locator('[data-add-card]').count()).toBeGreaterThan(0);
		expect(await owner.locator('[data-undo]').count()).toBe(1);
		await expect(guest.locator('#card-hint').textContent()).resolves.toBe(
			'Press Enter to open the card.'
		);
	});

	it('keeps a mouse drag in place', async () => {
		const card = cardIn(guest, 'lead', 'Contoso Ltd');
		const from = await card.boundingBox();
		const to = await column(guest, 'qualified').locator('[data-card-scroller]').boundingBox();
		if (!from || !to) throw new Error('Card or column is not visible.');
		await guest.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
		await guest.mouse.down();
		await guest.mouse.move(to.x + to.width / 2, to.y + 20, { steps: 12 });
		expect(await guest.locator('[data-placeholder]').count()).toBe(0);
		await guest.mouse.up();
		// A click may follow the release and open the editor; it changes nothing either way.
		await guest.keyboard.press('Escape');

		await expect(cardIn(guest, 'lead', 'Contoso Ltd').count()).resolves.toBe(1);
		await expect(column(guest, 'qualified').locator('[data-card-id]').count()).resolves.toBe(0);
		await expect(column(owner, 'qualified').locator('[data-card-id]').count()).resolves.toBe(0);
	});

	it('keeps a keyboard drag in place', async () => {
		await cardIn(guest, 'lead', 'Contoso Ltd').focus();
		await guest.keyboard.press('Space');
		await guest.keyboard.press('ArrowRight');
		expect(await guest.locator('[data-placeholder]').count()).toBe(0);
		expect(await guest.locator('.card.lifted').count()).toBe(0);
		await expect(column(guest, 'qualified').locator('[data-card-id]').count()).resolves.toBe(0);
	});

	it('opens the editor disabled', async () => {
		await cardIn(guest, 'lead', 'Contoso Ltd').click();
		const drawer = guest.locator('dialog.drawer');
		await drawer.locator('[data-read-only]').waitFor();
		const fields = drawer.locator('input, select, textarea');
		const count = await fields.count();
		expect(count).toBeGreaterThan(5);
		for (let index = 0; index < count; index++) {
			await expect(fields.nth(index).isDisabled()).resolves.toBe(true);
		}
		expect(await drawer.getByRole('button', { name: 'Delete' }).count()).toBe(0);
		expect(await drawer.getByRole('button', { name: 'Archive' }).count()).toBe(0);
		await guest.keyboard.press('Escape');
		await drawer.waitFor({ state: 'detached' });
		// The drag and editor attempts above made no local change, so the server denied nothing.
		expect(denied).toEqual([]);
	});

	it('shows targets without the form', async () => {
		await guest.goto(`${server.url}/boards/${boardId}/dashboard`);
		await guest.locator('[data-targets]').waitFor();
		expect(await guest.locator('[data-targets-edit]').count()).toBe(0);
		await guest.goto(`${server.url}/boards/${boardId}`);
		await guest.locator('[data-view-only]').waitFor();

		await owner.goto(`${server.url}/boards/${boardId}/dashboard`);
		await owner.locator('[data-targets-edit]').waitFor();
		await owner.goto(`${server.url}/boards/${boardId}`);
		await column(owner, 'lead').waitFor();
	});

	it('shows an editor change', async () => {
		await addCardInUi(owner, 'qualified', 'Fabrikam Inc', 2500);
		await cardIn(guest, 'qualified', 'Fabrikam Inc').waitFor();
		await expect(cardIn(guest, 'lead', 'Contoso Ltd').count()).resolves.toBe(1);
		await expect(guest.locator('[data-view-only]').count()).resolves.toBe(1);
		expect(errors).toEqual([]);
	});
});
