import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { createCard } from '../../src/lib/board';
import { startServer, type TestServer } from '../helpers/server';
import { connectClient, waitUntil } from './support';

let server: TestServer;

beforeAll(async () => {
	server = await startServer({ env: { ROOM_GRACE_MS: '0' } });
});

afterAll(async () => {
	await server?.dispose();
});

/** Returns the number and total size of the board's stored updates, read from the SQLite file. */
function storedUpdates(boardId: string): { count: number; bytes: number } {
	const db = new Database(path.join(server.dataDir, 'tandem.sqlite'), { readonly: true });
	try {
		const row = db
			.prepare(
				'SELECT COUNT(*) AS count, COALESCE(SUM(LENGTH(data)), 0) AS bytes FROM updates WHERE board_id = ?'
			)
			.get(boardId) as { count: number; bytes: number };
		return row;
	} finally {
		db.close();
	}
}

/** Connects a provider whose document already contains `state`, as a browser with a cache does. */
async function reopenWithCache(boardId: string, state: Uint8Array): Promise<void> {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, state);
	const provider = new WebsocketProvider(server.wsUrl, boardId, doc, {
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true
	});
	await waitUntil(() => provider.synced, 'cached client synced');
	provider.destroy();
	doc.destroy();
}

describe('reopening an unchanged board', () => {
	it('stores nothing new', async () => {
		const created = await fetch(`${server.url}/api/boards`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ name: 'Reopen' })
		});
		const { id } = (await created.json()) as { id: string };
		const writer = await connectClient(server.wsUrl, id);
		for (const title of ['Acme', 'Globex', 'Initech']) {
			createCard(writer.doc, { title, stageId: 'lead' }, { by: 'tester' });
		}
		const reader = await connectClient(server.wsUrl, id);
		await waitUntil(() => reader.doc.getMap('cards').size === 3, 'reader has three cards');
		const state = Y.encodeStateAsUpdate(reader.doc);
		writer.destroy();
		reader.destroy();
		const before = storedUpdates(id);
		expect(before.count).toBeGreaterThan(0);

		for (let round = 0; round < 3; round++) {
			const fresh = await connectClient(server.wsUrl, id);
			expect(fresh.doc.getMap('cards').size).toBe(3);
			fresh.destroy();
			await reopenWithCache(id, state);
		}

		expect(storedUpdates(id)).toEqual(before);
	});
});
