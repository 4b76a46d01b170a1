/**
 * Screenshots of the toolbar, the filters, a WIP limit breach and the shortcuts dialog in both
 * themes and languages, written to /tmp/tandem-shots/ for review.
 */
import { describe, expect, it } from 'vitest';
import { addCardInUi, column, createBoardInUi } from './board-pages';
import { SHOTS, useSession } from './session';

const CLIP = { x: 0, y: 0, width: 1440, height: 460 };

const session = useSession({ screenshots: true });

describe('toolbar screenshots', () => {
	it('shows filters, a breach and the shortcuts', async () => {
		const page = await session.page();
		const boardId = await createBoardInUi(page, session.server.url, 'East region accounts');
		await addCardInUi(page, 'lead', 'Contoso Ltd', 120_000);
		await addCardInUi(page, 'lead', 'Fabrikam', 64_000);
		await addCardInUi(page, 'qualified', 'Northwind Traders', 250_000);
		await column(page, 'lead').locator('[data-column-menu]').click();
		await page.locator('#wip-lead').fill('1');
		await page.keyboard.press('Enter');
		await column(page, 'lead').locator('header.breach').waitFor();

		for (const locale of ['en', 'zh'] as const) {
			for (const theme of ['light', 'dark'] as const) {
				const viewer = await session.page({ locale, theme });
				await viewer.goto(`${session.server.url}/boards/${boardId}?q=co`);
				await column(viewer, 'lead').locator('header.breach').waitFor();
				await expect
					.poll(() => column(viewer, 'lead').locator('[data-count]').textContent())
					.toBe('1 / 2');
				await viewer.screenshot({ path: `${SHOTS}/toolbar-${locale}-${theme}.png`, clip: CLIP });
				await column(viewer, 'qualified').locator('[data-column-menu]').click();
				await viewer.locator('#wip-qualified').fill('x');
				await viewer.keyboard.press('Enter');
				await viewer.locator('#wip-qualified-error').waitFor();
				await viewer.screenshot({ path: `${SHOTS}/wip-form-${locale}-${theme}.png`, clip: CLIP });
				await viewer.keyboard.press('Escape');
				await viewer.locator('[data-shortcuts]').click();
				await viewer.locator('[data-shortcuts-dialog]').waitFor();
				await viewer.screenshot({ path: `${SHOTS}/shortcuts-${locale}-${theme}.png` });
			}
		}
		expect(session.errors).toEqual([]);
	});
});
