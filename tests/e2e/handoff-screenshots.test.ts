/**
 * Screenshots of the handoff dialog, the handoff badges on cards and the card editor's handoff,
 * checklist and history sections, in both themes and languages, written to /tmp/tandem-shots/.
 */
import { describe, expect, it } from 'vitest';
import { addCardInUi, cardIn, createBoardInUi, dragCard } from './board-pages';
import { SHOTS, useSession } from './session';

const session = useSession({ screenshots: true });

describe('handoff screenshots', () => {
	for (const locale of ['en', 'zh'] as const) {
		for (const theme of ['light', 'dark'] as const) {
			it(`shows handoff in ${locale} ${theme}`, async () => {
				const page = await session.page({ locale, theme });
				await createBoardInUi(page, session.server.url, `Handoff ${locale} ${theme}`);
				await addCardInUi(page, 'won', 'Acme Foods', 5000);
				await addCardInUi(page, 'won', 'Beta Retail', 12000);
				await dragCard(page, cardIn(page, 'won', 'Acme Foods'), 'onboarding');
				const dialog = page.locator('[data-handoff-dialog][open]');
				await dialog.waitFor();
				await page.locator('#handoff-needs').fill('Weekly sales reports for two warehouses');
				await page.locator('#handoff-keyContact').fill('Li Wei');
				await page.locator('[data-handoff-missing]').waitFor();
				await page.screenshot({ path: `${SHOTS}/handoff-dialog-${locale}-${theme}.png` });
				await page.locator('#handoff-keyContact').press('Enter');
				await dialog.waitFor({ state: 'detached' });
				const card = cardIn(page, 'onboarding', 'Acme Foods');
				await card.locator('[data-handoff-badge="pending"]').waitFor();
				await card.click();
				const input = page.locator('#checklist-new');
				for (const text of ['Kick-off call', 'Admin training', 'First invoice']) {
					await input.fill(text);
					await input.press('Enter');
				}
				await page.locator('[data-checklist-item] input[type="checkbox"]').first().check();
				await page.keyboard.press('Escape');
				await card.locator('[data-checklist-progress]').waitFor();
				await page.screenshot({ path: `${SHOTS}/handoff-badges-${locale}-${theme}.png` });
				await card.click();
				await page.locator('[data-history-section] li').first().waitFor();
				await page.screenshot({ path: `${SHOTS}/handoff-editor-${locale}-${theme}.png` });
				await page.locator('[data-history-section]').scrollIntoViewIfNeeded();
				await page.screenshot({ path: `${SHOTS}/handoff-history-${locale}-${theme}.png` });
				expect(session.errors).toEqual([]);
			});
		}
	}
});
