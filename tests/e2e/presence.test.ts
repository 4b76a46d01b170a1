/**
 * Presence in Chromium against the real server: avatars of the people on a board, the ring on a
 * card someone has open, and how fast a closed or hung tab disappears.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { launchBrowser } from '../helpers/browser';
import { startServer, type TestServer } from '../helpers/server';
import { openSocket } from '../integration/support';
import {
	addCardInUi,
	cardIn,
	createBoardInUi,
	openBoard,
	openContext,
	watchErrors
} from './board-pages';

/** The y-websocket message type of awareness updates. */
const MESSAGE_AWARENESS = 1;
/** Maximum wait for a peer to disappear, because the client drops a quiet peer after 6 to 8 s. */
const GONE_DEADLINE_MS = 14_000;

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
let alice: Page;
let bob: Page;
let boardId: string;
const errors: string[] = [];

async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
	const context = await openContext(browser);
	contexts.push(context);
	const page = await context.newPage();
	watchErrors(page, errors);
	return { context, page };
}

async function setName(page: Page, name: string): Promise<void> {
	await page.locator('[data-presence-self]').click();
	await page.locator('#presence-name').fill(name);
	await page.keyboard.press('Enter');
	await page.locator('[data-name-form]').waitFor({ state: 'detached' });
}

/** Waits until `page` shows exactly `count` other people, and returns how long that took. */
async function waitForPeers(page: Page, count: number, timeout = 10_000): Promise<number> {
	const started = Date.now();
	await page.waitForFunction(
		(expected) => document.querySelectorAll('[data-presence-user]').length === expected,
		count,
		{ timeout, polling: 100 }
	);
	return Date.now() - started;
}

beforeAll(async () => {
	server = await startServer();
	browser = await launchBrowser();
	alice = (await newPage()).page;
	bob = (await newPage()).page;
	boardId = await createBoardInUi(alice, server.url, 'Presence');
	await addCardInUi(alice, 'lead', 'Acme Ltd', 1200);
	await setName(alice, 'Alice Wong');
	await openBoard(bob, server.url, boardId);
	await setName(bob, 'Bob Li');
});

afterAll(async () => {
	for (const context of contexts) await context.close().catch(() => undefined);
	await browser?.close();
	await server?.dispose();
});

describe('presence avatars', () => {
	it('shows each other with name and initials', async () => {
		await waitForPeers(alice, 1);
		await waitForPeers(bob, 1);
		const bobOnAlice = alice.locator('[data-presence-user]');
		await expect(bobOnAlice.getAttribute('title')).resolves.toBe('Bob Li');
		await expect(bobOnAlice.textContent()).resolves.toContain('BL');
		await expect(bob.locator('[data-presence-user]').getAttribute('title')).resolves.toBe(
			'Alice Wong'
		);
	});

	it('keeps the chosen name across reloads', async () => {
		await bob.reload();
		await bob.locator('[data-stage-id="lead"]').waitFor();
		await expect(bob.locator('[data-presence-self]').getAttribute('title')).resolves.toBe(
			'Bob Li (you)'
		);
		await waitForPeers(alice, 1);
		await expect(alice.locator('[data-presence-user]').getAttribute('title')).resolves.toBe(
			'Bob Li'
		);
	});
});

describe('presence name form', () => {
	it('closes on a press outside', async () => {
		await bob.locator('[data-presence-self]').click();
		await bob.locator('[data-name-form]').waitFor();
		await bob.locator('h1').click();
		await bob.locator('[data-name-form]').waitFor({ state: 'detached' });
	});

	it('restores the default for an empty name', async () => {
		await setName(bob, '   ');
		const title = await bob.locator('[data-presence-self]').getAttribute('title');
		expect(title).toMatch(/^Guest [0-9a-z]{4} \(you\)$/);
		await alice.waitForFunction(() =>
			document.querySelector('[data-presence-user]')?.getAttribute('title')?.startsWith('Guest ')
		);
		await setName(bob, 'Bob Li');
	});
});

describe('presence rings', () => {
	it('rings a card the other has open', async () => {
		await cardIn(alice, 'lead', 'Acme Ltd').click();
		const ring = cardIn(bob, 'lead', 'Acme Ltd').locator('[data-presence-ring]');
		await ring.waitFor();
		await expect(ring.textContent()).resolves.toContain('AW');
		await expect(ring.locator('[role="img"]').getAttribute('aria-label')).resolves.toBe(
			'Alice Wong is editing this card'
		);
		await alice.keyboard.press('Escape');
		await ring.waitFor({ state: 'detached' });
	});
});

describe('presence drag rings', () => {
	it('rings a card the other is moving', async () => {
		const card = cardIn(alice, 'lead', 'Acme Ltd');
		const box = await card.boundingBox();
		if (!box) throw new Error('The card Acme Ltd is not visible.');
		await alice.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
		await alice.mouse.down();
		await alice.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2 + 20, { steps: 5 });
		const ring = cardIn(bob, 'lead', 'Acme Ltd').locator('[data-presence-ring]');
		await ring.waitFor();
		await expect(ring.locator('[role="img"]').getAttribute('aria-label')).resolves.toBe(
			'Alice Wong is moving this card'
		);
		await alice.keyboard.press('Escape');
		await alice.mouse.up();
		await ring.waitFor({ state: 'detached' });
	});
});

describe('presence departures', () => {
	it('drops a tab on pagehide at once', async () => {
		await waitForPeers(alice, 1);
		// The socket stays open, so only the pagehide handler can remove Bob this fast.
		await bob.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide')));
		const elapsed = await waitForPeers(alice, 0, 3_000);
		expect(elapsed).toBeLessThan(3_000);
		await bob.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pageshow')));
		await waitForPeers(alice, 1);
	});

	it('drops a closed context', async () => {
		const carol = await newPage();
		await openBoard(carol.page, server.url, boardId);
		await waitForPeers(alice, 2);
		await carol.context.close();
		const elapsed = await waitForPeers(alice, 1, GONE_DEADLINE_MS);
		expect(elapsed).toBeLessThan(GONE_DEADLINE_MS);
	});

	it('drops a quiet client whose socket stays open', async () => {
		// A client that published its state once and then hung: its socket stays open, so only
		// the browser's own timeout can remove it.
		const socket = await openSocket(server.wsUrl, boardId);
		const awareness = new Awareness(new Y.Doc());
		awareness.setLocalState({ user: { id: 'guest-hung0000', name: 'Hung Tab', color: '#047857' } });
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
		encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(awareness, [awareness.clientID]));
		// Stops the instance's own 15 s renewal, so the state is never sent again.
		awareness.destroy();
		socket.send(encoding.toUint8Array(encoder));
		await waitForPeers(alice, 2);
		const elapsed = await waitForPeers(alice, 1, GONE_DEADLINE_MS);
		expect(socket.readyState).toBe(WebSocket.OPEN);
		// The client waits for three missed renewals (6 s) before it drops a peer.
		expect(elapsed).toBeGreaterThan(3_000);
		socket.close();
	});

	it('throws no page errors', () => {
		expect(errors).toEqual([]);
	});
});
