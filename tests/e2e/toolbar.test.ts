/**
 * The board toolbar in Chromium against the real server, with two contexts on one board: undo and
 * redo of one's own moves, WIP limits, filters kept in the address, and keyboard shortcuts.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { addCardInUi, cardIn, column } from './board-pages';
import { useSession } from './session';

const session = useSession();
let alice: Page;
let bob: Page;

beforeAll(async () => {
	({ first: alice, second: bob } = await session.twoOnOneBoard('Toolbar'));
	await addCardInUi(alice, 'lead', 'Contoso Ltd', 1000);
	await cardIn(bob, 'lead', 'Contoso Ltd').waitFor();
});

describe('undo', () => {
	it('puts a keyboard move back in both contexts', async () => {
		await cardIn(alice, 'lead', 'Contoso Ltd').focus();
		await alice.keyboard.press('Space');
		await alice.keyboard.press('ArrowRight');
		await alice.keyboard.press('Enter');
		await cardIn(bob, 'qualified', 'Contoso Ltd').waitFor();

		await alice.keyboard.press('Control+z');
		await cardIn(alice, 'lead', 'Contoso Ltd').waitFor();
		await cardIn(bob, 'lead', 'Contoso Ltd').waitFor();
		await expect(column(bob, 'qualified').locator('[data-card-id]').count()).resolves.toBe(0);

		await alice.keyboard.press('Control+Shift+z');
		await cardIn(bob, 'qualified', 'Contoso Ltd').waitFor();
		await alice.locator('[data-undo]').click();
		await cardIn(bob, 'lead', 'Contoso Ltd').waitFor();
	});

	it('leaves a field to its own text undo', async () => {
		await alice.locator('[data-redo]').click();
		await cardIn(alice, 'qualified', 'Contoso Ltd').waitFor();
		await column(alice, 'lead').locator('header button[aria-expanded]').click();
		const field = alice.locator('#add-card-lead-title');
		await field.fill('Draft');
		await field.press('Control+z');
		await alice.keyboard.press('Escape');
		await expect(cardIn(bob, 'qualified', 'Contoso Ltd').count()).resolves.toBe(1);
	});

	it('has no undo step in the other context', async () => {
		await expect(bob.locator('[data-undo]').isDisabled()).resolves.toBe(true);
		await bob.keyboard.press('Control+z');
		await expect(cardIn(bob, 'qualified', 'Contoso Ltd').count()).resolves.toBe(1);
		expect(session.errors).toEqual([]);
	});
});

describe('column header', () => {
	it('shows the weighted value', async () => {
		const header = column(bob, 'qualified').locator('header');
		await expect.poll(() => header.locator('[data-total]').textContent()).toContain('1K');
		await expect(header.locator('[data-weighted]').textContent()).resolves.toContain('300');
	});

	it('rejects an invalid WIP limit', async () => {
		await column(alice, 'lead').locator('[data-column-menu]').click();
		await alice.locator('#wip-lead').fill('2.5');
		await alice.keyboard.press('Enter');
		await expect(alice.locator('#wip-lead-error').textContent()).resolves.toContain('whole number');
		await expect(column(alice, 'lead').locator('[data-wip]').count()).resolves.toBe(0);
	});

	it('shows a WIP breach in the other context', async () => {
		await alice.locator('#wip-lead').fill('1');
		await alice.keyboard.press('Enter');
		await expect.poll(() => column(bob, 'lead').locator('[data-wip]').textContent()).toBe('0 / 1');
		await addCardInUi(alice, 'lead', 'Fabrikam', 200);
		await addCardInUi(alice, 'lead', 'Northwind', 300);
		const wip = column(bob, 'lead').locator('[data-wip]');
		await expect.poll(() => wip.textContent()).toBe('2 / 1');
		await expect(column(bob, 'lead').locator('header.breach').count()).resolves.toBe(1);
		await expect(column(bob, 'qualified').locator('header.breach').count()).resolves.toBe(0);
	});

	it('clears a WIP limit', async () => {
		await column(bob, 'lead').locator('[data-column-menu]').click();
		await bob.getByRole('button', { name: 'Clear limit' }).click();
		await expect.poll(() => column(alice, 'lead').locator('[data-wip]').count()).toBe(0);
		await expect(column(alice, 'lead').locator('header.breach').count()).resolves.toBe(0);
		expect(session.errors).toEqual([]);
	});
});

describe('filters', () => {
	it('filters columns and writes the address', async () => {
		await alice.locator('#board-search').fill('north');
		await expect.poll(() => new URL(alice.url()).searchParams.get('q')).toBe('north');
		await expect.poll(() => cardIn(alice, 'lead', 'Fabrikam').count()).toBe(0);
		await expect(cardIn(alice, 'lead', 'Northwind').count()).resolves.toBe(1);
		await expect(column(alice, 'lead').locator('[data-count]').textContent()).resolves.toBe(
			'1 / 2'
		);
		await expect(column(alice, 'qualified').locator('[data-count]').textContent()).resolves.toBe(
			'0 / 1'
		);
	});

	it('keeps the filter on reload', async () => {
		await alice.reload();
		await column(alice, 'lead').waitFor();
		await expect(alice.locator('#board-search').inputValue()).resolves.toBe('north');
		await cardIn(alice, 'lead', 'Northwind').waitFor();
		await expect(cardIn(alice, 'lead', 'Fabrikam').count()).resolves.toBe(0);
	});

	it('shows the same view at a shared address', async () => {
		await bob.goto(alice.url());
		await cardIn(bob, 'lead', 'Northwind').waitFor();
		await expect(cardIn(bob, 'lead', 'Fabrikam').count()).resolves.toBe(0);
		await expect(column(bob, 'lead').locator('[data-count]').textContent()).resolves.toBe('1 / 2');
	});

	it('combines conditions', async () => {
		await alice.locator('#filter-health').selectOption('critical');
		await expect.poll(() => cardIn(alice, 'lead', 'Northwind').count()).toBe(0);
		expect(new URL(alice.url()).searchParams.get('health')).toBe('critical');
	});

	it('clears every filter', async () => {
		await alice.locator('[data-clear-filters]').click();
		await cardIn(alice, 'lead', 'Fabrikam').waitFor();
		expect(new URL(alice.url()).search).toBe('');
		await expect(alice.locator('#board-search').inputValue()).resolves.toBe('');
		await expect(column(alice, 'lead').locator('[data-count]').textContent()).resolves.toBe('2');
		expect(session.errors).toEqual([]);
	});
});

describe('shortcuts', () => {
	const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

	it('opens the help with ? and closes it with Escape', async () => {
		await alice.locator('body').click({ position: { x: 5, y: 5 } });
		await alice.keyboard.press('?');
		const dialog = alice.locator('[data-shortcuts-dialog]');
		await dialog.waitFor();
		await expect(dialog.locator('dt').count()).resolves.toBe(8);
		await expect(dialog.textContent()).resolves.toContain('Ctrl+Shift+Z');
		await alice.keyboard.press('Escape');
		await dialog.waitFor({ state: 'detached' });
	});

	it('focuses the search with /', async () => {
		await alice.keyboard.press('/');
		await expect.poll(() => activeId(alice)).toBe('board-search');
		await alice.keyboard.type('n?');
		await expect(alice.locator('#board-search').inputValue()).resolves.toBe('n?');
		await expect(alice.locator('#add-card-lead-title').count()).resolves.toBe(0);
		await expect(alice.locator('[data-shortcuts-dialog]').count()).resolves.toBe(0);
		await alice.locator('#board-search').fill('');
	});

	it('opens a new card form in the focused column', async () => {
		await cardIn(alice, 'qualified', 'Contoso Ltd').focus();
		await alice.keyboard.press('n');
		await expect.poll(() => activeId(alice)).toBe('add-card-qualified-title');
		await alice.keyboard.type('Tailspin');
		await alice.keyboard.press('Enter');
		await cardIn(alice, 'qualified', 'Tailspin').waitFor();
	});

	it('opens a new card form in the first column', async () => {
		await alice.locator('body').click({ position: { x: 5, y: 5 } });
		await alice.keyboard.press('n');
		await expect.poll(() => activeId(alice)).toBe('add-card-lead-title');
		await alice.keyboard.press('Escape');
		await expect(alice.locator('#add-card-lead-title').count()).resolves.toBe(0);
		expect(session.errors).toEqual([]);
	});
});
