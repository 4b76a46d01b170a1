/**
 * End-to-end tests of the board's past view: a card moved today shows in its earlier stage on an
 * earlier day, read only, and back in its current stage on the live board.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCard, moveCard } from '../../src/lib/board';
import { connectClient, waitUntil, type BoardClient } from '../integration/support';
import { cardIn, openBoard } from './board-pages';
import { useSession } from './session';

const DAY_MS = 86_400_000;
const session = useSession();
let client: BoardClient;
let boardId: string;
let page: Page;

function utcDay(time: number): string {
	return new Date(time).toISOString().slice(0, 10);
}

const now = Date.now();
const earlier = utcDay(now - 2 * DAY_MS);

beforeAll(async () => {
	boardId = await session.createBoard('Past view');
	client = await connectClient(session.server.wsUrl, boardId);
	const threeDaysAgo = { by: 'alice', now: new Date(now - 3 * DAY_MS) };
	createCard(client.doc, { id: 'acme', title: 'Acme', stageId: 'lead', value: 1000 }, threeDaysAgo);
	createCard(
		client.doc,
		{ id: 'globex', title: 'Globex', stageId: 'proposal', value: 500 },
		threeDaysAgo
	);
	createCard(
		client.doc,
		{ id: 'later', title: 'Later', stageId: 'lead', value: 70 },
		{ by: 'alice', now: new Date(now) }
	);
	moveCard(client.doc, 'acme', { stageId: 'won' }, { by: 'alice', now: new Date(now) });
	page = await session.page();
	await openBoard(page, session.server.url, boardId);
	await cardIn(page, 'won', 'Acme').waitFor();
});

afterAll(() => client?.destroy());

describe('board past view', () => {
	it('shows an earlier stage', async () => {
		await page.getByLabel('Board as of').fill(earlier);
		await page.locator('[data-past-banner]').waitFor();
		await expect(page.locator('[data-past-banner]').textContent()).resolves.toContain('read only');
		const lead = page.locator('[data-past-stage="lead"]');
		await lead.locator('[data-past-card="acme"]').waitFor();
		await expect(lead.getAttribute('data-count')).resolves.toBe('1');
		await expect(lead.locator('[data-sum]').getAttribute('data-sum')).resolves.toBe('1000');
		await expect(page.locator('[data-past-card="later"]').count()).resolves.toBe(0);
		await expect(page.locator('[data-past-stage="won"]').getAttribute('data-count')).resolves.toBe(
			'0'
		);
		await expect(
			page.locator('[data-past-stage="proposal"] [data-past-card="globex"]').count()
		).resolves.toBe(1);
		expect(new URL(page.url()).searchParams.get('asOf')).toBe(earlier);
	});

	it('offers no editing', async () => {
		await expect(page.locator('[data-card-id]').count()).resolves.toBe(0);
		await expect(page.getByRole('button', { name: /Add a card/ }).count()).resolves.toBe(0);
		await expect(page.locator('[data-undo]').count()).resolves.toBe(0);
	});

	it('keeps the day on reload', async () => {
		await page.reload();
		await page.locator('[data-past-stage="lead"] [data-past-card="acme"]').waitFor();
		await expect(page.getByLabel('Board as of').inputValue()).resolves.toBe(earlier);
	});

	it('returns to the live board', async () => {
		await page.getByRole('button', { name: 'Back to live' }).click();
		await cardIn(page, 'won', 'Acme').waitFor();
		await expect(page.locator('[data-past-banner]').count()).resolves.toBe(0);
		expect(new URL(page.url()).searchParams.has('asOf')).toBe(false);
	});

	it('rejects an invalid day', async () => {
		await page.goto(`${session.server.url}/boards/${boardId}?asOf=2024-02-30`);
		await page.getByRole('alert').filter({ hasText: 'Invalid day' }).waitFor();
		await cardIn(page, 'won', 'Acme').waitFor();
		await cardIn(page, 'lead', 'Later').waitFor();
		await waitUntil(
			async () => (await page.locator('[data-card-id]').count()) === 3,
			'three cards show'
		);
	});
});
