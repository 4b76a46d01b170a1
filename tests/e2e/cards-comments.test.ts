/**
 * Card comments in Chromium against the real server: a comment with an @mention picked from the
 * member list in one browser context shows, highlighted, in the other.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putMember } from '../../src/lib/board';
import { launchBrowser } from '../helpers/browser';
import { startServer, type TestServer } from '../helpers/server';
import { connectClient, waitUntil, type BoardClient } from '../integration/support';
import {
	addCardInUi,
	cardIn,
	createBoardInUi,
	openBoard,
	openContext,
	watchErrors
} from './board-pages';

let server: TestServer;
let browser: Browser;
let client: BoardClient;
let contexts: BrowserContext[] = [];
let writer: Page;
let reader: Page;
const errors: string[] = [];

beforeAll(async () => {
	server = await startServer();
	browser = await launchBrowser();
	contexts = [await openContext(browser), await openContext(browser)];
	writer = await contexts[0].newPage();
	reader = await contexts[1].newPage();
	watchErrors(writer, errors);
	watchErrors(reader, errors);
	const boardId = await createBoardInUi(writer, server.url, 'Comment board');
	client = await connectClient(server.wsUrl, boardId);
	const setup = { by: 'setup' };
	putMember(client.doc, { id: 'm-li', name: 'Li Wei', role: 'sales', color: '#2563eb' }, setup);
	putMember(client.doc, { id: 'm-zhang', name: '张敏', role: 'ops', color: '#db2777' }, setup);
	await openBoard(reader, server.url, boardId);
	await addCardInUi(writer, 'lead', 'Acme Foods');
	await cardIn(reader, 'lead', 'Acme Foods').waitFor();
});

afterAll(async () => {
	client?.destroy();
	for (const context of contexts) await context.close();
	await browser?.close();
	await server?.dispose();
});

describe('card comments', () => {
	it('shows a mention in the other context', async () => {
		await cardIn(writer, 'lead', 'Acme Foods').click();
		const box = writer.locator('#comment-new');
		await box.pressSequentially('Please call @张');
		await writer.locator('[data-mention-option="m-zhang"]').waitFor();
		expect(await box.getAttribute('aria-expanded')).toBe('true');
		await box.press('Enter');
		await waitUntil(
			async () => (await box.inputValue()) === 'Please call @张敏 ',
			'the picked name is inserted'
		);
		await box.pressSequentially('and @li');
		await box.press('ArrowDown');
		await box.press('Escape');
		expect(await box.getAttribute('aria-expanded')).toBe('false');
		expect(await writer.locator('dialog[open]').count()).toBe(1);
		await box.pressSequentially(' too');
		await box.press('Enter');
		await writer.locator('[data-comment-id]').waitFor();
		expect(await box.inputValue()).toBe('');

		await cardIn(reader, 'lead', 'Acme Foods').click();
		const comment = reader.locator('[data-comment-id]');
		await comment.waitFor();
		expect(await comment.locator('.text').innerText()).toBe('Please call @张敏 and @li too');
		expect(await comment.locator('[data-mention="m-zhang"]').innerText()).toBe('@张敏');
		expect(await comment.locator('[data-mention="m-li"]').count()).toBe(0);
		await reader.keyboard.press('Escape');
	});

	it('rejects an empty comment', async () => {
		const box = writer.locator('#comment-new');
		await box.fill('   ');
		await box.press('Enter');
		const error = writer.locator('#comment-new-error');
		await error.waitFor();
		expect(await error.innerText()).toBe('Write something before sending the comment.');
		expect(await writer.locator('[data-comment-id]').count()).toBe(1);
	});

	it('edits and deletes own comment', async () => {
		const comment = writer.locator('[data-comment-id]');
		await comment.getByRole('button', { name: 'Edit comment' }).click();
		const edit = comment.locator('textarea');
		await edit.fill('Call @Li Wei first');
		await edit.press('Enter');
		await comment.locator('[data-mention="m-li"]').waitFor();
		await cardIn(reader, 'lead', 'Acme Foods').click();
		await reader.locator('[data-comment-id] [data-mention="m-li"]').waitFor();
		expect(await reader.getByRole('button', { name: 'Edit comment' }).count()).toBe(0);
		await comment.getByRole('button', { name: 'Delete comment' }).click();
		await reader.locator('[data-comment-id]').waitFor({ state: 'detached' });
		expect(errors).toEqual([]);
	});
});
