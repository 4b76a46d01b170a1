/**
 * Two people move, archive or delete the same card at once, in two browser contexts on one board.
 * Every case ends with the card in at most one column, the same in both contexts, and with no
 * drag state left in the context whose drag was overtaken.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { addCardInUi, cardIn, column, dragCard } from './board-pages';
import { useSession } from './session';

const session = useSession();
let alice: Page;
let bob: Page;

beforeAll(async () => {
	({ first: alice, second: bob } = await session.twoOnOneBoard('Contested pipeline'));
});

/** Returns the stage ids of every column that shows a card with this title. */
function stagesShowing(page: Page, title: string): Promise<string[]> {
	return page
		.locator('[data-stage-id] [data-card-id]')
		.evaluateAll(
			(cards, wanted) =>
				cards
					.filter((card) => card.textContent?.includes(wanted))
					.map((card) => card.closest<HTMLElement>('[data-stage-id]')?.dataset.stageId ?? ''),
			title
		);
}

/** Waits until both contexts show the card once, in the same column, and returns that stage. */
async function expectShownOnce(title: string): Promise<string> {
	await expect.poll(() => stagesShowing(alice, title)).toHaveLength(1);
	const [stageId] = await stagesShowing(alice, title);
	await expect.poll(() => stagesShowing(bob, title)).toEqual([stageId]);
	return stageId;
}

/** Asserts that a page shows no ghost, no placeholder, no lifted card and no open dialog. */
async function expectNoDragLeft(page: Page): Promise<void> {
	await expect(page.locator('.ghost, [data-placeholder], .lifted').count()).resolves.toBe(0);
	await expect(page.locator('dialog[open]').count()).resolves.toBe(0);
}

/** Presses a card and moves the mouse onto another column until its placeholder shows. */
async function holdOver(page: Page, title: string, fromStage: string, overStage: string) {
	const from = await cardIn(page, fromStage, title).boundingBox();
	const to = await column(page, overStage).locator('[data-card-scroller]').boundingBox();
	if (!from || !to) throw new Error(`Card ${title} or column ${overStage} is not visible.`);
	await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
	await page.mouse.down();
	await page.mouse.move(from.x + from.width / 2 + 20, from.y + from.height / 2 + 10, { steps: 4 });
	await page.mouse.move(to.x + to.width / 2, to.y + 20, { steps: 12 });
	await column(page, overStage).locator('[data-placeholder]').waitFor();
}

/** Moves a card with the keyboard a number of columns to the right and drops it. */
async function keyboardMove(page: Page, title: string, fromStage: string, steps: number) {
	await cardIn(page, fromStage, title).focus();
	await page.keyboard.press('Space');
	for (let step = 0; step < steps; step++) await page.keyboard.press('ArrowRight');
	await page.keyboard.press('Enter');
}

async function addShared(title: string, stageId: string): Promise<void> {
	await addCardInUi(alice, stageId, title);
	await cardIn(bob, stageId, title).waitFor();
}

describe('drag conflict', () => {
	it('mouse drag against a keyboard move', async () => {
		await addShared('Tailspin', 'lead');
		await holdOver(alice, 'Tailspin', 'lead', 'qualified');

		await keyboardMove(bob, 'Tailspin', 'lead', 2);
		await cardIn(bob, 'proposal', 'Tailspin').waitFor();
		await expect.poll(() => alice.locator('[data-live]').textContent()).toContain('Someone else');
		await alice.mouse.up();

		await expect(expectShownOnce('Tailspin')).resolves.toBe('proposal');
		await expectNoDragLeft(alice);
		await addShared('Wingtip', 'lead');
		await dragCard(alice, cardIn(alice, 'lead', 'Wingtip'), 'qualified');
		await cardIn(bob, 'qualified', 'Wingtip').waitFor();
		await expectShownOnce('Wingtip');
	});

	it('keyboard drag against a mouse drag', async () => {
		await addShared('Litware', 'lead');
		await cardIn(alice, 'lead', 'Litware').focus();
		await alice.keyboard.press('Space');
		await alice.keyboard.press('ArrowRight');
		await column(alice, 'qualified').locator('.lifted').waitFor();

		await dragCard(bob, cardIn(bob, 'lead', 'Litware'), 'proposal');
		await expect.poll(() => alice.locator('[data-live]').textContent()).toContain('Someone else');
		await alice.keyboard.press('ArrowRight');
		await alice.keyboard.press('Enter');

		await expect(expectShownOnce('Litware')).resolves.toBe('proposal');
		await expectNoDragLeft(alice);
		await expectNoDragLeft(bob);
		await keyboardMove(alice, 'Litware', 'proposal', 1);
		await cardIn(bob, 'negotiation', 'Litware').waitFor();
		await expectShownOnce('Litware');
	});

	it('mouse drag against an archive', async () => {
		await addShared('Proseware', 'lead');
		await holdOver(alice, 'Proseware', 'lead', 'qualified');

		await cardIn(bob, 'lead', 'Proseware').click();
		await bob.getByRole('button', { name: 'Archive' }).click();
		await expect.poll(() => alice.locator('[data-live]').textContent()).toContain('Someone else');
		await alice.mouse.up();
		await bob.keyboard.press('Escape');
		await bob.locator('dialog[open]').waitFor({ state: 'detached' });

		await expect.poll(() => stagesShowing(alice, 'Proseware')).toEqual([]);
		await expect.poll(() => stagesShowing(bob, 'Proseware')).toEqual([]);
		await expectNoDragLeft(alice);
		await expectShownOnce('Tailspin');
		await expectShownOnce('Wingtip');
	});

	it('keyboard hold against a delete', async () => {
		await addShared('Adatum', 'qualified');
		await cardIn(alice, 'qualified', 'Adatum').focus();
		await alice.keyboard.press('Space');
		await alice.keyboard.press('ArrowRight');

		await cardIn(bob, 'qualified', 'Adatum').click();
		await bob.getByRole('button', { name: 'Delete' }).click();
		await bob.getByRole('button', { name: 'Delete' }).click();
		await bob.keyboard.press('Escape');
		await bob.locator('dialog[open]').waitFor({ state: 'detached' });

		const live = alice.locator('[data-live]');
		await expect.poll(() => live.textContent()).toContain('Someone else moved or deleted Adatum');
		await alice.keyboard.press('Escape');
		await expect(live.textContent()).resolves.toContain('Someone else');
		await expect.poll(() => stagesShowing(alice, 'Adatum')).toEqual([]);
		await expect.poll(() => stagesShowing(bob, 'Adatum')).toEqual([]);
		await expectNoDragLeft(alice);
		await expect(expectShownOnce('Wingtip')).resolves.toBe('qualified');
	});

	it('keyboard drop after a remote reorder', async () => {
		for (const title of ['Coho', 'Bellows', 'Alpine']) await addShared(title, 'lost');
		const titles = (page: Page) =>
			column(page, 'lost')
				.locator('[data-card-id]')
				.evaluateAll((cards) => cards.map((card) => card.textContent ?? ''));
		await cardIn(alice, 'lost', 'Alpine').focus();
		await alice.keyboard.press('Space');

		await cardIn(bob, 'lost', 'Alpine').focus();
		await bob.keyboard.press('Space');
		await bob.keyboard.press('ArrowDown');
		await bob.keyboard.press('ArrowDown');
		await bob.keyboard.press('Enter');
		await expect
			.poll(() => titles(bob))
			.toEqual([
				expect.stringContaining('Bellows'),
				expect.stringContaining('Coho'),
				expect.stringContaining('Alpine')
			]);
		// Bob's updates arrive in order, so a card he adds next shows Alice has the reorder too.
		await addCardInUi(bob, 'lead', 'Dunmore');
		await cardIn(alice, 'lead', 'Dunmore').waitFor();
		await column(alice, 'lost').locator('.lifted').waitFor();
		await alice.keyboard.press('Enter');

		const expected = [
			expect.stringContaining('Alpine'),
			expect.stringContaining('Bellows'),
			expect.stringContaining('Coho')
		];
		await expect.poll(() => titles(alice)).toEqual(expected);
		await expect.poll(() => titles(bob)).toEqual(expected);
	});

	it('raised no page errors', () => {
		expect(session.errors).toEqual([]);
	});
});
