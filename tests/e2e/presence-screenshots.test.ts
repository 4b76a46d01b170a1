/**
 * Screenshots of the presence avatars with their overflow counter, the ring on a card someone has
 * open, the name form and the connection indicator online and offline, in both themes and
 * languages, written to /tmp/tandem-shots/ for review.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addCardInUi, cardIn, createBoardInUi, openBoard } from './board-pages';
import { SHOTS, useSession } from './session';

const TOOLBAR = { x: 0, y: 0, width: 1440, height: 120 };
const OTHERS = ['Alice Wong', '李雷', 'Chen Jing', 'Dmitri Ivanov', 'Eva Müller', '韩梅梅'];

const session = useSession({ screenshots: true });

/** Opens the board in a new context under this display name. */
async function join(boardId: string, name: string): Promise<Page> {
	const page = await session.page();
	await page.goto(session.server.url);
	await page.evaluate((value) => localStorage.setItem('tandem.displayName', value), name);
	await openBoard(page, session.server.url, boardId);
	return page;
}

async function waitForAvatars(page: Page, visible: number, more: number): Promise<void> {
	await page.waitForFunction(
		([expectedVisible, expectedMore]) =>
			document.querySelectorAll('[data-presence-user]').length === expectedVisible &&
			document.querySelector(`[data-presence-more="${expectedMore}"]`) !== null,
		[visible, more]
	);
}

describe('presence screenshots', () => {
	it('shows avatars, a ring and the indicator', async () => {
		const owner = await session.page();
		const boardId = await createBoardInUi(owner, session.server.url, 'East region accounts');
		await addCardInUi(owner, 'lead', 'Contoso Ltd', 120_000);
		await addCardInUi(owner, 'lead', 'Fabrikam', 64_000);
		await owner.context().close();

		const others: Page[] = [];
		for (const name of OTHERS) others.push(await join(boardId, name));
		await cardIn(others[0], 'lead', 'Contoso Ltd').click();
		await cardIn(others[1], 'lead', 'Fabrikam').click();

		const viewers: { page: Page; name: string }[] = [];
		for (const locale of ['en', 'zh'] as const) {
			for (const theme of ['light', 'dark'] as const) {
				const viewer = await session.page({ locale, theme });
				await viewer.goto(session.server.url);
				await viewer.evaluate(() => localStorage.setItem('tandem.displayName', 'Sam Taylor'));
				await openBoard(viewer, session.server.url, boardId);
				const name = `${locale}-${theme}`;
				viewers.push({ page: viewer, name });
				// Six others and the viewers opened before this one: three avatars and "+N".
				await waitForAvatars(viewer, 3, OTHERS.length + viewers.length - 1 - 3);
				await cardIn(viewer, 'lead', 'Contoso Ltd').locator('[data-presence-ring]').waitFor();
				await viewer.screenshot({ path: `${SHOTS}/presence-${name}.png`, clip: TOOLBAR });
				const lead = await viewer.locator('[data-stage-id="lead"]').boundingBox();
				if (!lead) throw new Error('The lead column is not visible.');
				await viewer.screenshot({
					path: `${SHOTS}/presence-ring-${name}.png`,
					clip: { x: lead.x, y: lead.y, width: lead.width, height: 220 }
				});
				await viewer.locator('[data-presence-self]').click();
				await viewer.locator('[data-name-form]').waitFor();
				await viewer.screenshot({
					path: `${SHOTS}/presence-name-${name}.png`,
					clip: { ...TOOLBAR, height: 260 }
				});
				await viewer.keyboard.press('Escape');
				await viewer.locator('[data-name-form]').waitFor({ state: 'detached' });
			}
		}

		await session.server.stop();
		for (const { page, name } of viewers) {
			await addCardInUi(page, 'qualified', `Offline ${name}`, 1_000);
			await page.locator('[data-connection="offline"][data-pending="1"]').waitFor();
			await page.screenshot({ path: `${SHOTS}/indicator-offline-${name}.png`, clip: TOOLBAR });
		}
		await session.server.restart();
		for (const { page, name } of viewers) {
			await page
				.locator('[data-connection="connected"][data-pending="0"]')
				.waitFor({ timeout: 15_000 });
			await page.screenshot({ path: `${SHOTS}/indicator-online-${name}.png`, clip: TOOLBAR });
		}
		expect(session.errors).toEqual([]);
	}, 120_000);
});
