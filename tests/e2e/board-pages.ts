/** Steps on the board pages shared by the end-to-end tests, written against the real UI. */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';

export const VIEWPORT = { width: 1440, height: 900 };

/** Opens a browser context whose interface language and theme are set before the first load. */
export async function openContext(
	browser: Browser,
	options: { locale?: 'en' | 'zh'; theme?: 'light' | 'dark' } = {}
): Promise<BrowserContext> {
	const context = await browser.newContext({ viewport: VIEWPORT });
	// Below the test timeout, so a step that never happens fails with Playwright's message.
	context.setDefaultTimeout(10_000);
	const locale = options.locale ?? 'en';
	const theme = options.theme ?? 'light';
	await context.addInitScript(
		([localeValue, themeValue]) => {
			if (!localStorage.getItem('tandem.locale'))
				localStorage.setItem('tandem.locale', localeValue);
			if (!localStorage.getItem('tandem.theme')) localStorage.setItem('tandem.theme', themeValue);
		},
		[locale, theme]
	);
	return context;
}

/** Collects a page's uncaught errors into `errors`, so a test can assert that there were none. */
export function watchErrors(page: Page, errors: string[]): void {
	page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
}

/** Creates a board through the form on the board list and returns its id. */
export async function createBoardInUi(page: Page, baseUrl: string, name: string): Promise<string> {
	await page.goto(baseUrl);
	await page.locator('#new-board-name').fill(name);
	await page.keyboard.press('Enter');
	await page.waitForURL(/\/boards\/[^/]+$/);
	await page.locator('[data-stage-id="lead"]').waitFor();
	return decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
}

export async function openBoard(page: Page, baseUrl: string, boardId: string): Promise<void> {
	await page.goto(`${baseUrl}/boards/${encodeURIComponent(boardId)}`);
	await page.locator('[data-stage-id="lead"]').waitFor();
}

export function column(page: Page, stageId: string): Locator {
	return page.locator(`[data-stage-id="${stageId}"]`);
}

/** Returns the locator of the card with this title in a stage's column. */
export function cardIn(page: Page, stageId: string, title: string): Locator {
	return column(page, stageId).locator('[data-card-id]').filter({ hasText: title });
}

/** Adds a card through the "+" form of a column and waits until it shows there. */
export async function addCardInUi(
	page: Page,
	stageId: string,
	title: string,
	value?: number
): Promise<void> {
	await column(page, stageId).locator('header button[aria-expanded]').click();
	await page.locator(`#add-card-${stageId}-title`).fill(title);
	if (value !== undefined) await page.locator(`#add-card-${stageId}-value`).fill(String(value));
	await page.keyboard.press('Enter');
	await cardIn(page, stageId, title).waitFor();
}

/** Drags a card with the mouse onto the middle of another stage's column. */
export async function dragCard(page: Page, card: Locator, stageId: string): Promise<void> {
	const from = await card.boundingBox();
	const to = await column(page, stageId).locator('[data-card-scroller]').boundingBox();
	if (!from || !to) throw new Error(`Card or column ${stageId} is not visible.`);
	await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
	await page.mouse.down();
	await page.mouse.move(from.x + from.width / 2 + 20, from.y + from.height / 2 + 10, { steps: 4 });
	await page.mouse.move(to.x + to.width / 2, to.y + 20, { steps: 12 });
	await column(page, stageId).locator('[data-placeholder]').waitFor();
	await page.mouse.up();
}
