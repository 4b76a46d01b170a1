/**
 * The count of unconfirmed changes against the real server, with real y-websocket providers:
 * it rises with local changes only and drops once the server has stored them, also after the
 * server was down.
 */
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCard, readCards } from '../../src/lib/board';
import { PendingChanges, type PendingStorage } from '../../src/lib/sync/pending.svelte';
import { startServer, type TestServer } from '../helpers/server';
import { waitUntil } from '../integration/support';

/** `localStorage` for Node, which has none: the same three methods over a map. */
class MemoryStorage implements PendingStorage {
	readonly items = new Map<string, string>();

	getItem(key: string): string | null {
		return this.items.get(key) ?? null;
	}

	setItem(key: string, value: string): void {
		this.items.set(key, value);
	}

	removeItem(key: string): void {
		this.items.delete(key);
	}
}

let server: TestServer;
const cleanups: (() => void)[] = [];

function connect(boardId: string, storage = new MemoryStorage()) {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(server.wsUrl, boardId, doc, {
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true
	});
	const pending = new PendingChanges(provider, boardId, storage);
	cleanups.push(() => {
		pending.destroy();
		provider.destroy();
		doc.destroy();
	});
	return { doc, provider, pending, storage };
}

function addCard(doc: Y.Doc, title: string): void {
	createCard(doc, { title, stageId: 'lead', value: 10 }, { by: 'm-1' });
}

function titles(doc: Y.Doc): string[] {
	return readCards(doc).map((card) => card.title);
}

beforeAll(async () => {
	server = await startServer();
});

afterEach(() => {
	for (const cleanup of cleanups.splice(0)) cleanup();
});

afterAll(async () => {
	await server?.dispose();
});

describe('PendingChanges', () => {
	it('confirms a change made online', async () => {
		const alice = connect('pending-online');
		await waitUntil(() => alice.provider.synced, 'Alice synced');
		addCard(alice.doc, 'Acme');
		expect(alice.pending.count).toBe(1);
		expect(alice.storage.getItem('tandem.pending.pending-online')).toBe('1');
		await waitUntil(() => alice.pending.count === 0, 'change confirmed');
		expect(alice.storage.getItem('tandem.pending.pending-online')).toBeNull();
	});

	it('ignores changes from the server', async () => {
		const alice = connect('pending-remote');
		const bob = connect('pending-remote');
		await waitUntil(() => alice.provider.synced && bob.provider.synced, 'both synced');
		addCard(bob.doc, 'From Bob');
		await waitUntil(() => titles(alice.doc).includes('From Bob'), 'Alice got the card');
		expect(alice.pending.count).toBe(0);
	});

	it('confirms only what the server stored', async () => {
		const alice = connect('pending-stored');
		await waitUntil(() => alice.provider.synced, 'Alice synced');
		addCard(alice.doc, 'Durable');
		await waitUntil(() => alice.pending.count === 0, 'change confirmed');
		// A killed server flushes nothing more, so the confirmed change must already be stored.
		await server.stop('SIGKILL');
		await server.restart();
		const bob = connect('pending-stored');
		await waitUntil(() => bob.provider.synced, 'Bob synced');
		expect(titles(bob.doc)).toContain('Durable');
	});

	it('counts offline changes until a reconnect', async () => {
		const alice = connect('pending-offline');
		await waitUntil(() => alice.provider.synced, 'Alice synced');
		await server.stop();
		await waitUntil(() => !alice.provider.wsconnected, 'Alice disconnected');
		addCard(alice.doc, 'Offline one');
		addCard(alice.doc, 'Offline two');
		expect(alice.pending.count).toBe(2);
		await server.restart();
		await waitUntil(() => alice.pending.count === 0, 'offline changes confirmed', 10_000);
		const bob = connect('pending-offline');
		await waitUntil(() => titles(bob.doc).includes('Offline two'), 'Bob got the changes');
		expect(titles(bob.doc)).toContain('Offline one');
	});

	it('restores a stored count and clears it', async () => {
		const storage = new MemoryStorage();
		storage.setItem('tandem.pending.pending-stored-count', '3');
		const alice = connect('pending-stored-count', storage);
		expect(alice.pending.count).toBe(3);
		await waitUntil(() => alice.pending.count === 0, 'stored count cleared');
		expect(storage.getItem('tandem.pending.pending-stored-count')).toBeNull();
	});

	it('ignores an invalid stored count', () => {
		const storage = new MemoryStorage();
		storage.setItem('tandem.pending.pending-invalid', 'lots');
		const alice = connect('pending-invalid', storage);
		expect(alice.pending.count).toBe(0);
	});
});
