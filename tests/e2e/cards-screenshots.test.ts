/**
 * Screenshots of card owners, owner flags, due markers, comments with mentions and the Due panel,
 * in both themes and languages, written to /tmp/tandem-shots/.
 */
import type * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addComment, createCard, putMember } from '../../src/lib/board';
import { connectClient, waitUntil } from '../integration/support';
import { cardIn, createBoardInUi } from './board-pages';
import { SHOTS, useSession } from './session';

const session = useSession({ screenshots: true });
const setup = { by: 'setup' };

describe('card screenshots', () => {
	for (const locale of ['en', 'zh'] as const) {
		for (const theme of ['light', 'dark'] as const) {
			it(`shows cards in ${locale} ${theme}`, async () => {
				const page = await session.page({ locale, theme });
				const boardId = await createBoardInUi(page, session.server.url, `Cards ${locale} ${theme}`);
				const client = await connectClient(session.server.wsUrl, boardId);
				try {
					const doc = client.doc;
					putMember(doc, { id: 'm-li', name: 'Li Wei', role: 'sales', color: '#2563eb' }, setup);
					putMember(doc, { id: 'm-zhang', name: '张敏', role: 'ops', color: '#db2777' }, setup);
					const today = await page.evaluate(() =>
						new Intl.DateTimeFormat('en-CA').format(Date.now())
					);
					const acme = createCard(
						doc,
						{ title: 'Acme Foods', stageId: 'lead', salesOwner: 'm-li', dueAt: '2020-01-01' },
						setup
					);
					createCard(doc, { title: 'Beta Retail', stageId: 'qualified', dueAt: today }, setup);
					createCard(
						doc,
						{
							title: 'Gamma Tech',
							stageId: 'onboarding',
							salesOwner: 'm-li',
							opsOwner: 'm-zhang',
							dueAt: '2030-06-01T01:30:00Z'
						},
						setup
					);
					createCard(
						doc,
						{ title: 'Delta Logistics', stageId: 'active', salesOwner: 'm-li', dueAt: today },
						setup
					);
					addComment(doc, acme, 'Sent the price list. @张敏 can you check the rollout plan?', {
						by: 'm-li'
					});
					await cardIn(page, 'active', 'Delta Logistics').waitFor();
					await cardIn(page, 'lead', 'Acme Foods').locator('[data-due="overdue"]').waitFor();
					await page.screenshot({ path: `${SHOTS}/cards-markers-${locale}-${theme}.png` });

					await cardIn(page, 'lead', 'Acme Foods').click();
					const box = page.locator('#comment-new');
					await box.pressSequentially('Call @Li');
					await page.locator('[data-mention-option="m-li"]').waitFor();
					await box.scrollIntoViewIfNeeded();
					await page.screenshot({ path: `${SHOTS}/cards-mention-picker-${locale}-${theme}.png` });
					await box.press('Enter');
					await box.pressSequentially('tomorrow');
					await box.press('Enter');
					await page.locator('[data-comment-id]').nth(1).waitFor();
					await page.locator('[data-comments-section]').scrollIntoViewIfNeeded();
					await page.screenshot({ path: `${SHOTS}/cards-comments-${locale}-${theme}.png` });
					await page.locator('#card-due').scrollIntoViewIfNeeded();
					await page.screenshot({ path: `${SHOTS}/cards-due-field-${locale}-${theme}.png` });
					await page.keyboard.press('Escape');
					await page.locator('dialog[open]').waitFor({ state: 'detached' });

					await page.locator('[data-due-button]').click();
					await page.locator('[data-due-panel] [data-due-entry]').first().waitFor();
					await page.screenshot({ path: `${SHOTS}/cards-due-panel-${locale}-${theme}.png` });
					const cards = doc.getMap('cards') as Y.Map<Y.Map<unknown>>;
					await waitUntil(
						() => (cards.get(acme)?.get('comments') as Y.Array<unknown>).length === 2,
						'the typed comment reaches the server'
					);
					expect(session.errors).toEqual([]);
				} finally {
					client.destroy();
				}
			});
		}
	}
});
