import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken } from '../../server/auth';
import { launchBrowser } from '../helpers/browser';
import { startServer, type TestServer } from '../helpers/server';
import { waitUntil } from './support';

const SECRET = 'browser-test-secret-0123456789abcdefghijklmnopq';
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
	server = await startServer({ env: { TANDEM_AUTH: 'required', TANDEM_SECRET: SECRET } });
	browser = await launchBrowser();
});

afterAll(async () => {
	await browser.close();
	await server.dispose();
});

describe('share dialog', () => {
	it('admin shares, viewer sees badge', async () => {
		const admin = adminToken(SECRET);
		const created = await fetch(`${server.url}/api/boards`, {
			method: 'POST',
			headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
			body: JSON.stringify({ name: 'Shared in a browser' })
		});
		const { id } = (await created.json()) as { id: string };

		const owner = await browser.newContext();
		const ownerPage = await owner.newPage();
		await ownerPage.goto(`${server.url}/?token=${admin}`);
		await ownerPage.getByText('Shared in a browser').first().waitFor();
		// The admin token stays in sessionStorage, so the board page needs no token in its URL.
		await ownerPage.goto(`${server.url}/boards/${id}`);
		await ownerPage.locator('[data-share]').click();
		await ownerPage.locator('#share-role').selectOption('viewer');
		await ownerPage.locator('[data-share-dialog] button[type=submit]').click();
		const urlField = ownerPage.locator('[data-share-url]');
		await urlField.waitFor();
		const viewerUrl = await urlField.inputValue();
		expect(viewerUrl).toMatch(new RegExp(`/boards/${id}\\?token=`));

		const guest = await browser.newContext();
		const guestPage = await guest.newPage();
		let framesReceived = 0;
		guestPage.on('websocket', (socket) => socket.on('framereceived', () => framesReceived++));
		await guestPage.goto(viewerUrl);
		await guestPage.locator('[data-view-only]').waitFor();
		expect(await guestPage.locator('[data-share]').count()).toBe(0);
		await waitUntil(() => framesReceived > 0, 'the viewer websocket received a frame');

		await ownerPage.locator('[data-rotate]').click();
		await ownerPage.locator('[data-rotate-yes]').click();
		await ownerPage.locator('[data-share-dialog] [role=status]').waitFor();
		const token = new URL(viewerUrl).searchParams.get('token') ?? '';
		const revoked = await fetch(`${server.url}/api/boards/${id}`, {
			headers: { authorization: `Bearer ${token}` }
		});
		expect(revoked.status).toBe(403);
		await owner.close();
		await guest.close();
	});
});
