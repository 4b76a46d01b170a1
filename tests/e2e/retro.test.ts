/**
 * Retrospectives in Chromium against the real server. Two browser contexts on one session see
 * each other's items and votes, and the vote limit stops a fourth vote with a message. An action
 * item becomes a card on the board, and the period's KPIs sit next to the period before. Screenshots
 * of the list and of a session, in both languages and both themes, go to /tmp/tandem-shots/.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCard, moveCard } from '../../src/lib/board';
import { createRetro } from '../../src/lib/retro';
import { launchBrowser } from '../helpers/browser';
import { startServer, type TestServer } from '../helpers/server';
import { connectClient, waitUntil, type BoardClient } from '../integration/support';
import { cardIn, openBoard, openContext, VIEWPORT, watchErrors } from './board-pages';

const SHOTS = '/tmp/tandem-shots';
const RETRO = 'june';

let server: TestServer;
let browser: Browser;
let client: BoardClient;
let boardId: string;
let first: Page;
let second: Page;
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

async function openPage(
	path: string,
	options: { locale?: 'en' | 'zh'; theme?: 'light' | 'dark' } = {}
): Promise<Page> {
	const context = await openContext(browser, options);
	contexts.push(context);
	const opened = await context.newPage();
	watchErrors(opened, errors);
	await opened.goto(`${server.url}/boards/${boardId}${path}`);
	await opened.locator('[data-state="ready"], [data-state="empty"]').waitFor();
	return opened;
}

function item(on: Page, text: string) {
	const itemText = on.locator('[data-item-text]').getByText(text, { exact: true });
	return on.locator('[data-item-id]').filter({ has: itemText });
}

async function addItemInUi(on: Page, columnId: string, text: string): Promise<void> {
	await on.locator(`#retro-add-${columnId}`).fill(text);
	await on.locator(`#retro-add-${columnId}`).press('Enter');
	await item(on, text).waitFor();
}

/** Polls a locator's text until it matches or 10 s pass, then checks it, so a failure shows it. */
async function expectText(locator: Locator, expected: string | RegExp): Promise<void> {
	const matches = (text: string) =>
		typeof expected === 'string' ? text === expected : expected.test(text);
	const deadline = Date.now() + 10_000;
	let text = ((await locator.textContent()) ?? '').trim();
	while (!matches(text) && Date.now() < deadline) {
		await new Promise((resolve) => setTimeout(resolve, 20));
		text = ((await locator.textContent()) ?? '').trim();
	}
	if (typeof expected === 'string') expect(text).toBe(expected);
	else expect(text).toMatch(expected);
}

async function votesOf(on: Page, text: string): Promise<string | null> {
	return item(on, text).locator('[data-vote]').getAttribute('data-votes');
}

/** Moves a seeded card through the stages at fixed times, for the KPIs of two periods. */
function seedDeal(id: string, value: number, created: string, closed: string, stageId: string) {
	createCard(
		client.doc,
		{ id, title: id, stageId: 'lead', value, createdAt: created },
		{ by: 'alice', now: new Date(created) }
	);
	moveCard(client.doc, id, { stageId }, { by: 'alice', now: new Date(closed) });
}

beforeAll(async () => {
	mkdirSync(SHOTS, { recursive: true });
	server = await startServer();
	browser = await launchBrowser();
	boardId = await createBoard('Retro e2e');
	client = await connectClient(server.wsUrl, boardId);
	seedDeal('Acme', 1000, '2024-05-20T09:00:00Z', '2024-06-10T09:00:00Z', 'won');
	seedDeal('Globex', 400, '2024-06-01T09:00:00Z', '2024-06-15T09:00:00Z', 'lost');
	seedDeal('Initech', 500, '2024-04-01T09:00:00Z', '2024-05-10T09:00:00Z', 'won');
	createRetro(
		client.doc,
		{ id: RETRO, title: 'June review', from: '2024-06-01', to: '2024-06-30' },
		{ by: 'alice' }
	);
	first = await openPage(`/retro/${RETRO}`);
	second = await openPage(`/retro/${RETRO}`);
}, 180_000);

afterAll(async () => {
	client?.destroy();
	for (const context of contexts) await context.close();
	await browser?.close();
	await server?.dispose();
});

describe('retro session', () => {
	it('shares a new item', async () => {
		await addItemInUi(first, 'went-well', 'Quick demos');
		await item(second, 'Quick demos').waitFor();
		expect(await item(second, 'Quick demos').count()).toBe(1);
	});

	it('counts simultaneous votes twice', async () => {
		await item(second, 'Quick demos').waitFor();
		await Promise.all([
			item(first, 'Quick demos').locator('[data-vote]').click(),
			item(second, 'Quick demos').locator('[data-vote]').click()
		]);
		for (const on of [first, second]) {
			await waitUntil(
				async () => (await votesOf(on, 'Quick demos')) === '2',
				'both contexts count two votes'
			);
		}
		await expect(first.locator('[data-votes-left]').getAttribute('data-votes-left')).resolves.toBe(
			'2'
		);
	});

	it('withdraws a vote on a second click', async () => {
		await item(second, 'Quick demos').locator('[data-vote]').click();
		await waitUntil(async () => (await votesOf(first, 'Quick demos')) === '1', 'one vote left');
		await expect(
			item(second, 'Quick demos').locator('[data-vote]').getAttribute('aria-pressed')
		).resolves.toBe('false');
	});

	it('stops a fourth vote', async () => {
		for (const text of ['Clear owners', 'Fewer meetings', 'Shared inbox']) {
			await addItemInUi(first, 'to-improve', text);
		}
		await item(first, 'Clear owners').locator('[data-vote]').click();
		await item(first, 'Fewer meetings').locator('[data-vote]').click();
		await waitUntil(
			async () =>
				(await first.locator('[data-votes-left]').getAttribute('data-votes-left')) === '0',
			'no votes left'
		);
		await item(first, 'Shared inbox').locator('[data-vote]').click();
		await expectText(first.locator('[data-retro-message]'), /used all 3 of your votes/);
		expect(await votesOf(first, 'Shared inbox')).toBe('0');
		expect(await votesOf(second, 'Shared inbox')).toBe('0');
	});

	it('groups with the menu', async () => {
		await item(first, 'Fewer meetings')
			.locator('[data-group-with]')
			.selectOption({ label: 'Clear owners' });
		const grouped = second.locator('.member [data-item-id]').filter({ hasText: 'Fewer meetings' });
		await grouped.waitFor();
		expect(await grouped.count()).toBe(1);
		const total = second.locator('[data-column-id="to-improve"] [data-group-votes]');
		await expect(total.getAttribute('data-group-votes')).resolves.toBe('2');
	});

	it('links an item to a card', async () => {
		await item(first, 'Quick demos').locator('[data-link-card]').click();
		await first.getByRole('searchbox').fill('acm');
		await first.keyboard.press('Enter');
		await item(second, 'Quick demos').locator('[data-linked-card="Acme"]').waitFor();
		await expect(
			item(second, 'Quick demos').locator('[data-linked-card]').textContent()
		).resolves.toContain('Acme');
	});

	it('turns an action into a card', async () => {
		await first.locator('#retro-action-text').fill('Call Globex back');
		await first.locator('#retro-action-due').fill('2024-07-15');
		await first.locator('#retro-action-text').press('Enter');
		const action = second.locator('[data-action-id]').filter({ hasText: 'Call Globex back' });
		await action.waitFor();
		await action.locator('[data-make-card="lead"]').click();
		await first.locator('[data-action-id] [data-action-card]').waitFor();
		const board = await contexts[1].newPage();
		watchErrors(board, errors);
		await openBoard(board, server.url, boardId);
		await cardIn(board, 'lead', 'Call Globex back').waitFor();
		expect(await cardIn(board, 'lead', 'Call Globex back').count()).toBe(1);
		await board.close();
	});

	it('compares the period KPIs', async () => {
		const row = (kpi: string) => first.locator(`[data-period-kpis] tr[data-kpi="${kpi}"]`);
		await expectText(row('winRate').locator('[data-current]'), '50%');
		await expectText(row('winRate').locator('[data-previous]'), '100%');
		await expectText(row('wonValue').locator('[data-current]'), 'CN¥1,000');
		await expectText(row('wonValue').locator('[data-previous]'), 'CN¥500');
		await expectText(row('salesCycle').locator('[data-current]'), '21 days');
		await expectText(row('salesCycle').locator('[data-previous]'), '39 days');
	});
});

describe('retro details', () => {
	it('lets only the author edit', async () => {
		await addItemInUi(first, 'ideas', 'Draft idea');
		await item(second, 'Draft idea').waitFor();
		expect(await item(second, 'Draft idea').getByRole('button', { name: 'Edit' }).count()).toBe(0);
		await item(first, 'Draft idea').getByRole('button', { name: 'Edit' }).click();
		await first.keyboard.type('Final idea');
		await first.keyboard.press('Enter');
		await item(second, 'Final idea').waitFor();
		expect(await item(second, 'Draft idea').count()).toBe(0);
	});

	it('rejects an empty item', async () => {
		const before = await first.locator('[data-column-id="ideas"] [data-item-id]').count();
		await first.locator('#retro-add-ideas').fill('   ');
		await first.locator('#retro-add-ideas').press('Enter');
		await expectText(first.locator('[data-retro-message]'), /An item is empty/);
		expect(await first.locator('[data-column-id="ideas"] [data-item-id]').count()).toBe(before);
	});

	it('groups by dragging', async () => {
		await addItemInUi(first, 'ideas', 'Drag me');
		await item(first, 'Drag me').dragTo(item(first, 'Final idea'));
		const grouped = second.locator('.member [data-item-id]').filter({ hasText: 'Drag me' });
		await grouped.waitFor();
		expect(await grouped.count()).toBe(1);
	});

	it('shares the timer', async () => {
		await first.locator('[data-start-timer="5"]').click();
		const clock = second.locator('[data-seconds-left]');
		await clock.waitFor();
		const left = Number(await clock.getAttribute('data-seconds-left'));
		expect(left).toBeGreaterThan(280);
		expect(left).toBeLessThanOrEqual(300);
		await expectText(clock, /^[45]:\d\d$/);
		await second.getByRole('button', { name: 'Stop timer' }).click();
		await first.locator('[data-seconds-left]').waitFor({ state: 'detached' });
		expect(await first.locator('[data-seconds-left]').count()).toBe(0);
	});

	it('hides authors when anonymous', async () => {
		createRetro(
			client.doc,
			{ id: 'quiet', title: 'Quiet', from: '2024-06-01', to: '2024-06-30', anonymous: true },
			{ by: 'alice' }
		);
		const writer = await openPage('/retro/quiet');
		const reader = await openPage('/retro/quiet');
		await addItemInUi(writer, 'went-well', 'Nobody knows');
		await item(reader, 'Nobody knows').waitFor();
		expect(await item(reader, 'Nobody knows').getByText(/^by /).count()).toBe(0);
		expect(await item(writer, 'Nobody knows').getByText(/^by /).count()).toBe(0);
		const edit = (on: Page) => item(on, 'Nobody knows').getByRole('button', { name: 'Edit' });
		expect(await edit(writer).count()).toBe(1);
		expect(await edit(reader).count()).toBe(0);
		await writer.context().close();
		await reader.context().close();
	});
});

describe('retro list', () => {
	it('lists and creates sessions', async () => {
		const list = await openPage('/retro');
		await list.locator(`[data-retro-id="${RETRO}"]`).waitFor();
		await list.locator('#new-retro-title').fill('July review');
		await list.locator('#new-retro-from').fill('2024-07-01');
		await list.locator('#new-retro-to').fill('2024-07-31');
		await list.locator('#new-retro-title').press('Enter');
		await list.waitForURL(/\/retro\/[a-z0-9]+$/);
		await list.locator('[data-state="ready"]').waitFor();
		await expectText(list.locator('h1'), 'July review');
	});

	it('rejects a reversed period', async () => {
		const list = await openPage('/retro');
		await list.locator('#new-retro-title').fill('Backwards');
		await list.locator('#new-retro-from').fill('2024-07-31');
		await list.locator('#new-retro-to').fill('2024-07-01');
		await list.locator('#new-retro-title').press('Enter');
		await expectText(list.getByRole('alert'), /after its end/);
		expect(list.url()).toMatch(/\/retro$/);
	});
});

describe('retro screenshots', () => {
	it('saves list and session', async () => {
		for (const locale of ['en', 'zh'] as const) {
			for (const theme of ['light', 'dark'] as const) {
				const list = await openPage('/retro', { locale, theme });
				await list.screenshot({ path: `${SHOTS}/retro-list-${locale}-${theme}.png` });
				const session = await openPage(`/retro/${RETRO}`, { locale, theme });
				await session.locator('[data-period-kpis]').waitFor();
				await session.setViewportSize({ width: 1440, height: 1300 });
				await session.screenshot({ path: `${SHOTS}/retro-session-${locale}-${theme}.png` });
				await session.setViewportSize(VIEWPORT);
				await list.context().close();
				await session.context().close();
			}
		}
		expect(errors).toEqual([]);
	});
});
