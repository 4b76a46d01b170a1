/**
 * The board in Chromium against the real server: two browser contexts on one board see each
 * other's drags, new cards, edits and keyboard moves.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { addCardInUi, cardIn, column, dragCard } from './board-pages';
import { useSession } from './session';

const session = useSession();
let alice: Page;
let bob: Page;
let boardId: string;

beforeAll(async () => {
	({ first: alice, second: bob, boardId } = await session.twoOnOneBoard('Shared pipeline'));
});

describe('board list', () => {
	it('rejects an empty board name', async () => {
		const page = await session.contexts[0].newPage();
		await page.goto(session.server.url);
		await page.locator('#new-board-name').fill('   ');
		await page.keyboard.press('Enter');
		await expect(page.locator('#new-board-error').textContent()).resolves.toContain('Enter a name');
		expect(page.url()).toBe(`${session.server.url}/`);
		await page.close();
	});

	it('lists the created board with its card count', async () => {
		const page = await session.contexts[1].newPage();
		await page.goto(session.server.url);
		const item = page.locator('a', { hasText: 'Shared pipeline' });
		await item.waitFor();
		await expect(item.textContent()).resolves.toMatch(/\d+ cards/);
		await item.click();
		await page.waitForURL(`${session.server.url}/boards/${boardId}`);
		await page.close();
	});
});

describe('board in two contexts', () => {
	it('shows the default stages of both lanes', async () => {
		const stageIds = await bob
			.locator('[data-stage-id]')
			.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-stage-id')));
		expect(stageIds).toEqual([
			'lead',
			'qualified',
			'proposal',
			'negotiation',
			'won',
			'lost',
			'onboarding',
			'active',
			'renewal',
			'churned'
		]);
		await expect(bob.locator('[data-connection]').getAttribute('data-connection')).resolves.toBe(
			'connected'
		);
	});

	it('syncs a mouse drag from Won to Onboarding', async () => {
		await addCardInUi(alice, 'won', 'Northwind', 5000);
		await cardIn(bob, 'won', 'Northwind').waitFor();

		await dragCard(alice, cardIn(alice, 'won', 'Northwind'), 'onboarding');
		// A drop from sales into ops opens the handoff dialog, and Enter submits it.
		await alice.locator('[data-handoff-dialog][open]').waitFor();
		await alice.keyboard.press('Enter');

		await cardIn(alice, 'onboarding', 'Northwind').waitFor();
		await cardIn(bob, 'onboarding', 'Northwind').waitFor();
		await expect(cardIn(bob, 'won', 'Northwind').count()).resolves.toBe(0);
		await expect(cardIn(bob, 'onboarding', 'Northwind').textContent()).resolves.toContain('5,000');
		await expect(column(bob, 'onboarding').locator('header').textContent()).resolves.toContain(
			'5K'
		);
	});

	it('syncs a mouse reorder inside a column', async () => {
		await addCardInUi(alice, 'proposal', 'Second');
		await addCardInUi(alice, 'proposal', 'First');
		const titles = () =>
			column(bob, 'proposal')
				.locator('[data-card-id]')
				.evaluateAll((cards) => cards.map((card) => card.textContent?.trim()));
		await expect
			.poll(titles)
			.toEqual([expect.stringContaining('First'), expect.stringContaining('Second')]);

		const first = await cardIn(alice, 'proposal', 'First').boundingBox();
		await alice.mouse.move(first!.x + 40, first!.y + 20);
		await alice.mouse.down();
		await alice.mouse.move(first!.x + 40, first!.y + 60, { steps: 5 });
		await alice.mouse.move(first!.x + 40, first!.y + 140, { steps: 5 });
		await alice.mouse.up();

		await expect
			.poll(titles)
			.toEqual([expect.stringContaining('Second'), expect.stringContaining('First')]);
	});

	it('syncs a new card and its edits', async () => {
		await addCardInUi(alice, 'lead', 'Contoso', 1200);
		await cardIn(bob, 'lead', 'Contoso').waitFor();

		await cardIn(alice, 'lead', 'Contoso').click();
		await alice.locator('#card-title').fill('Contoso Ltd');
		await alice.locator('#card-title').press('Tab');
		await alice.locator('#card-value').fill('98000');
		await alice.locator('#card-value').press('Tab');

		const card = cardIn(bob, 'lead', 'Contoso Ltd');
		await card.waitFor();
		await expect.poll(() => card.textContent()).toContain('98,000');
		await alice.keyboard.press('Escape');
		await alice.locator('dialog[open]').waitFor({ state: 'detached' });
	});

	it('shows field errors on invalid input', async () => {
		await cardIn(alice, 'lead', 'Contoso Ltd').click();
		await alice.locator('#card-value').fill('-5');
		await alice.locator('#card-value').press('Tab');
		await expect(alice.locator('#card-value-error').textContent()).resolves.toContain('0 or more');
		await alice.locator('#card-title').fill('');
		await alice.locator('#card-title').press('Tab');
		await alice.locator('#card-title-error').waitFor();
		await alice.keyboard.press('Escape');
		const card = cardIn(bob, 'lead', 'Contoso Ltd');
		await expect(card.textContent()).resolves.toContain('98,000');
	});

	it('rejects a new card without a title', async () => {
		await column(alice, 'qualified').locator('header button[aria-expanded]').click();
		await alice.locator('#add-card-qualified-title').press('Enter');
		await expect(alice.locator('#add-card-qualified-error').textContent()).resolves.toContain(
			'Enter a title'
		);
		await alice.keyboard.press('Escape');
		await expect(column(alice, 'qualified').locator('[data-card-id]').count()).resolves.toBe(0);
	});

	it('moves a card with the keyboard', async () => {
		await cardIn(alice, 'lead', 'Contoso Ltd').focus();
		await alice.keyboard.press('Space');
		await expect.poll(() => alice.locator('[data-live]').textContent()).toContain('Picked up');
		await alice.keyboard.press('ArrowRight');
		await alice.keyboard.press('ArrowRight');
		await expect.poll(() => alice.locator('[data-live]').textContent()).toContain('Proposal');
		await alice.keyboard.press('ArrowDown');
		await alice.keyboard.press('Enter');

		await expect.poll(() => alice.locator('[data-live]').textContent()).toContain('Dropped');
		await cardIn(bob, 'proposal', 'Contoso Ltd').waitFor();
		const titles = await column(bob, 'proposal')
			.locator('[data-card-id]')
			.evaluateAll((cards) => cards.map((card) => card.textContent?.trim()));
		expect(titles[1]).toContain('Contoso Ltd');
		await expect(
			alice.evaluate(() => document.activeElement?.textContent ?? '')
		).resolves.toContain('Contoso Ltd');
	});

	it('cancels a keyboard move with Escape', async () => {
		await cardIn(alice, 'proposal', 'Contoso Ltd').focus();
		await alice.keyboard.press('Space');
		await alice.keyboard.press('ArrowLeft');
		await alice.keyboard.press('Escape');
		await expect.poll(() => alice.locator('[data-live]').textContent()).toContain('cancelled');
		await expect(cardIn(alice, 'proposal', 'Contoso Ltd').count()).resolves.toBe(1);
		await expect(cardIn(bob, 'proposal', 'Contoso Ltd').count()).resolves.toBe(1);
	});

	it('ends a drag when another person deletes the card', async () => {
		await addCardInUi(alice, 'negotiation', 'Fabrikam');
		await cardIn(bob, 'negotiation', 'Fabrikam').waitFor();
		await cardIn(alice, 'negotiation', 'Fabrikam').focus();
		await alice.keyboard.press('Space');
		await alice.keyboard.press('ArrowRight');

		await cardIn(bob, 'negotiation', 'Fabrikam').click();
		await bob.getByRole('button', { name: 'Delete' }).click();
		await bob.getByRole('button', { name: 'Delete' }).click();

		await expect.poll(() => alice.locator('[data-live]').textContent()).toContain('Someone else');
		await expect(alice.locator('[data-placeholder], .lifted').count()).resolves.toBe(0);
		await alice.keyboard.press('ArrowRight');
		await expect(cardIn(alice, 'won', 'Fabrikam').count()).resolves.toBe(0);
	});

	it('syncs notes typed in the editor', async () => {
		await cardIn(alice, 'proposal', 'Contoso Ltd').click();
		await cardIn(bob, 'proposal', 'Contoso Ltd').click();
		await alice.locator('#card-notes').pressSequentially('Needs SSO');
		await expect.poll(() => bob.locator('#card-notes').inputValue()).toBe('Needs SSO');
		await bob.locator('#card-notes').press('End');
		await bob.locator('#card-notes').pressSequentially(' by June');
		await expect.poll(() => alice.locator('#card-notes').inputValue()).toBe('Needs SSO by June');
		await alice.keyboard.press('Escape');
		await bob.keyboard.press('Escape');
	});

	it('imports a CSV and lists rejected rows', async () => {
		const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-e2e-'));
		const file = path.join(folder, 'deals.csv');
		fs.writeFileSync(file, 'title,value,stage\nGood Co,100,Lead\nBad Co,lots,Lead\n');
		await alice.getByRole('button', { name: 'Import' }).click();
		await alice.locator('#import-file').setInputFiles(file);
		await expect.poll(() => alice.locator('.preview').textContent()).toContain('2 rows');
		await alice.locator('dialog form button[type="submit"]').click();
		const result = alice.locator('[data-import-result]');
		await result.waitFor();
		await expect(result.textContent()).resolves.toContain('Imported 1, skipped 1');
		await expect(result.locator('.errors li').textContent()).resolves.toMatch(/^Line 3: /);
		await alice.keyboard.press('Escape');
		await alice.locator('dialog[open]').waitFor({ state: 'detached' });
		await cardIn(bob, 'lead', 'Good Co').waitFor();
		await expect(cardIn(bob, 'lead', 'Bad Co').count()).resolves.toBe(0);
		fs.rmSync(folder, { recursive: true, force: true });
	});

	it('links to the dashboard', async () => {
		const link = alice.getByRole('link', { name: 'Dashboard' });
		await expect(link.getAttribute('href')).resolves.toBe(`/boards/${boardId}/dashboard`);
	});

	it('raised no page errors', () => {
		expect(session.errors).toEqual([]);
	});
});

describe('settings', () => {
	it('keeps theme and language on reload', async () => {
		const page = await session.contexts[0].newPage();
		await page.goto(`${session.server.url}/boards/${boardId}`);
		await page.getByRole('button', { name: 'Dark' }).click();
		await page.getByRole('button', { name: '中文' }).click();
		await expect(page.getByRole('link', { name: '仪表盘' }).count()).resolves.toBe(1);
		await page.reload();
		await page.locator('[data-stage-id="lead"]').waitFor();
		await expect(page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe('dark');
		await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('zh-CN');
		await expect(page.locator('#lane-sales').textContent()).resolves.toBe('销售');
		await page.getByRole('button', { name: '跟随系统' }).click();
		await page.getByRole('button', { name: 'English' }).click();
		await expect(page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe(
			'light'
		);
		await page.close();
	});
});

describe('offline', () => {
	it('keeps edits made while the server is down', async () => {
		const indicator = alice.locator('[data-connection]');
		await session.server.stop();
		await expect.poll(() => indicator.getAttribute('data-connection')).toBe('offline');
		await addCardInUi(alice, 'active', 'Offline Co');

		await session.server.restart();
		await expect
			.poll(() => indicator.getAttribute('data-connection'), { timeout: 15_000 })
			.toBe('connected');
		await cardIn(bob, 'active', 'Offline Co').waitFor({ timeout: 15_000 });
	});
});
