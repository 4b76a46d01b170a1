/**
 * The handoff in Chromium against the real server: a drop from Won into Onboarding opens the
 * handoff dialog, the other browser context shows the result, and ops accepts it there.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { addCardInUi, cardIn, dragCard } from './board-pages';
import { useSession } from './session';

const session = useSession();
let sales: Page;
let ops: Page;

beforeAll(async () => {
	({ first: sales, second: ops } = await session.twoOnOneBoard('Handoff board'));
});

function dialog(page: Page) {
	return page.locator('[data-handoff-dialog][open]');
}

describe('handoff dialog', () => {
	it('submits a complete handoff', async () => {
		await addCardInUi(sales, 'won', 'Acme Foods', 5000);
		await dragCard(sales, cardIn(sales, 'won', 'Acme Foods'), 'onboarding');
		await dialog(sales).waitFor();
		expect(await cardIn(sales, 'won', 'Acme Foods').count()).toBe(1);
		await sales.locator('#handoff-needs').fill('Weekly sales reports');
		await sales.locator('#handoff-keyContact').fill('Li Wei');
		await sales.locator('#handoff-goLiveDate').fill('2030-06-01');
		await sales.locator('#handoff-scope').fill('Two warehouses');
		await sales.locator('#handoff-scope').press('Enter');
		await dialog(sales).waitFor({ state: 'detached' });
		const seen = cardIn(ops, 'onboarding', 'Acme Foods');
		await seen.locator('[data-handoff-badge="submitted"]').waitFor();
		await seen.locator('[data-handoff-lag="0"]').waitFor();
		expect(await cardIn(ops, 'won', 'Acme Foods').count()).toBe(0);
	});

	it('marks missing facts pending', async () => {
		await addCardInUi(sales, 'won', 'Beta Retail');
		await dragCard(sales, cardIn(sales, 'won', 'Beta Retail'), 'onboarding');
		await dialog(sales).waitFor();
		await sales.locator('#handoff-needs').fill('Inventory sync');
		await sales.locator('[data-handoff-missing]').waitFor();
		await sales.locator('#handoff-needs').press('Enter');
		await dialog(sales).waitFor({ state: 'detached' });
		await cardIn(ops, 'onboarding', 'Beta Retail')
			.locator('[data-handoff-badge="pending"]')
			.waitFor();
		await cardIn(sales, 'onboarding', 'Beta Retail')
			.locator('[data-handoff-badge="pending"]')
			.waitFor();
	});

	it('leaves the card in Won on Escape', async () => {
		await addCardInUi(sales, 'won', 'Gamma Labs');
		await dragCard(sales, cardIn(sales, 'won', 'Gamma Labs'), 'onboarding');
		await dialog(sales).waitFor();
		await sales.locator('#handoff-needs').fill('Not sent');
		await sales.keyboard.press('Escape');
		await dialog(sales).waitFor({ state: 'detached' });
		await cardIn(sales, 'won', 'Gamma Labs').waitFor();
		expect(await cardIn(sales, 'onboarding', 'Gamma Labs').count()).toBe(0);
		expect(await cardIn(ops, 'won', 'Gamma Labs').count()).toBe(1);
		expect(await cardIn(ops, 'onboarding', 'Gamma Labs').count()).toBe(0);
	});

	it('opens on a keyboard drop', async () => {
		const card = cardIn(sales, 'won', 'Gamma Labs');
		await card.focus();
		await sales.keyboard.press('Space');
		await sales.keyboard.press('ArrowRight');
		await sales.keyboard.press('ArrowRight');
		await sales.keyboard.press('Enter');
		await dialog(sales).waitFor();
		await sales.keyboard.press('Escape');
		await dialog(sales).waitFor({ state: 'detached' });
		await cardIn(sales, 'won', 'Gamma Labs').waitFor();
		expect(await cardIn(sales, 'onboarding', 'Gamma Labs').count()).toBe(0);
	});
});

describe('handoff in the editor', () => {
	it('accepts in the other context', async () => {
		await cardIn(ops, 'onboarding', 'Acme Foods').click();
		const section = ops.locator('[data-handoff-section]');
		await section.locator('[data-handoff-status="submitted"]').waitFor();
		expect(await ops.locator('#card-handoff-keyContact').inputValue()).toBe('Li Wei');
		await section.getByRole('button', { name: 'Accept' }).click();
		await section.locator('[data-handoff-status="accepted"]').waitFor();
		await ops.keyboard.press('Escape');
		const seen = cardIn(sales, 'onboarding', 'Acme Foods');
		await seen.locator('[data-handoff-lag]').waitFor({ state: 'detached' });
		expect(await seen.locator('[data-handoff-badge]').count()).toBe(0);
	});

	it('rejects accepting a pending handoff', async () => {
		await cardIn(ops, 'onboarding', 'Beta Retail').click();
		const section = ops.locator('[data-handoff-section]');
		await section.getByRole('button', { name: 'Accept' }).click();
		await expect(section.locator('[role="alert"]').textContent()).resolves.toContain('keyContact');
		expect(await section.locator('[data-handoff-status="pending"]').count()).toBe(1);
		await ops.keyboard.press('Escape');
	});

	it('sends back with a reason', async () => {
		await cardIn(ops, 'onboarding', 'Beta Retail').click();
		const section = ops.locator('[data-handoff-section]');
		await section.getByRole('button', { name: 'Send back' }).click();
		await ops.locator('#handoff-reason').fill('No go-live date agreed');
		await section.getByRole('button', { name: 'Send back to Won' }).click();
		await section.locator('[data-handoff-status="returned"]').waitFor();
		await ops.keyboard.press('Escape');
		await cardIn(sales, 'won', 'Beta Retail').locator('[data-handoff-badge="returned"]').waitFor();
	});

	it('edits the checklist with the keyboard', async () => {
		await cardIn(sales, 'won', 'Gamma Labs').click();
		const input = sales.locator('#checklist-new');
		for (const text of ['Kick-off call', 'Admin training', 'First invoice']) {
			await input.fill(text);
			await input.press('Enter');
		}
		const items = sales.locator('[data-checklist-item]');
		await expect.poll(() => items.count()).toBe(3);
		await items.nth(1).locator('input[type="checkbox"]').focus();
		await sales.keyboard.press('Space');
		await items.nth(2).locator('input.text').fill('Second invoice');
		await items.nth(2).locator('input.text').press('Enter');
		await sales.getByRole('button', { name: 'Remove Kick-off call' }).click();
		await expect.poll(() => items.count()).toBe(2);
		await sales.keyboard.press('Escape');
		const progress = cardIn(ops, 'won', 'Gamma Labs').locator('[data-checklist-progress]');
		await expect.poll(() => progress.textContent()).toContain('1/2');
	});

	it('lists the history newest first', async () => {
		await cardIn(ops, 'onboarding', 'Acme Foods').click();
		const entries = ops.locator('[data-history-section] li');
		await expect
			.poll(() => entries.evaluateAll((nodes) => nodes.map((node) => node.dataset.historyType)))
			.toEqual(['handoff', 'handoff', 'move', 'create']);
		await expect(entries.nth(0).textContent()).resolves.toContain('Handoff accepted');
		await expect(entries.nth(2).textContent()).resolves.toContain('Moved from Won to Onboarding');
		await ops.keyboard.press('Escape');
	});

	it('raised no page errors', () => {
		expect(session.errors).toEqual([]);
	});
});
