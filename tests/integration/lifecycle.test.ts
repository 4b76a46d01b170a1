import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCard, readCards } from '../../src/lib/board';
import { CloseCode } from '../../src/lib/sync/close-codes';
import { startServer, type TestServer } from '../helpers/server';
import { closeOf, connectClient, openSocket, waitUntil } from './support';

const servers: TestServer[] = [];

async function start(env: Record<string, string> = {}): Promise<TestServer> {
	const server = await startServer({ env });
	servers.push(server);
	return server;
}

afterEach(async () => {
	for (const server of servers.splice(0)) await server.dispose();
});

function storedUpdates(server: TestServer, boardId: string): number {
	const db = new Database(path.join(server.dataDir, 'tandem.sqlite'), { readonly: true });
	try {
		const row = db.prepare('SELECT count(*) AS n FROM updates WHERE board_id = ?').get(boardId) as {
			n: number;
		};
		return row.n;
	} finally {
		db.close();
	}
}

describe('server lifecycle', () => {
	for (const signal of ['SIGTERM', 'SIGINT'] as const) {
		it(`${signal} stores pending changes and exits 0`, async () => {
			const server = await start();
			const client = await connectClient(server.wsUrl, `stop-${signal}`);
			const socket = await openSocket(server.wsUrl, `stop-${signal}`);
			const socketClosed = closeOf(socket);
			for (let index = 0; index < 50; index++) {
				createCard(client.doc, { title: `Card ${index}`, stageId: 'lead' }, { by: 'test' });
			}
			await waitUntil(
				() => server.logs.filter((line) => line.msg === 'client connected').length >= 2,
				'both connections are open'
			);
			// The client's updates are on the wire; stopping now must still store every one.
			await waitUntil(() => client.provider.ws?.bufferedAmount === 0, 'updates are sent');
			client.provider.disconnect();
			expect(await server.stop(signal)).toBe(0);
			expect((await socketClosed).code).toBe(CloseCode.GOING_AWAY);
			expect(server.logs.some((line) => line.msg === 'server stopped')).toBe(true);
			client.destroy();

			await server.restart();
			const reader = await connectClient(server.wsUrl, `stop-${signal}`);
			expect(readCards(reader.doc)).toHaveLength(50);
			reader.destroy();
		});
	}

	it('relayed update survives SIGKILL', async () => {
		const server = await start();
		const writer = await connectClient(server.wsUrl, 'killed');
		const watcher = await connectClient(server.wsUrl, 'killed');
		const ids: string[] = [];
		for (let index = 0; index < 20; index++) {
			ids.push(createCard(writer.doc, { title: `Card ${index}`, stageId: 'lead' }, { by: 'w' }));
		}
		// The server relays an update only after storing it, so what the watcher has is on disk.
		await waitUntil(
			() => ids.every((id) => watcher.doc.getMap('cards').has(id)),
			'the watcher has every card'
		);
		expect(await server.stop('SIGKILL')).toBeNull();
		writer.destroy();
		watcher.destroy();

		await server.restart();
		const reader = await connectClient(server.wsUrl, 'killed');
		expect(
			readCards(reader.doc)
				.map((card) => card.id)
				.sort()
		).toEqual([...ids].sort());
		reader.destroy();
	});

	it('compaction keeps every change', async () => {
		const server = await start({ COMPACT_AFTER_UPDATES: '5' });
		const client = await connectClient(server.wsUrl, 'compacted');
		for (let index = 0; index < 23; index++) {
			createCard(client.doc, { title: `Card ${index}`, stageId: 'qualified' }, { by: 'test' });
		}
		await waitUntil(
			() =>
				server.logs.some((line) => line.msg === 'board compacted' && line.boardId === 'compacted'),
			'the board is compacted'
		);
		await waitUntil(async () => {
			const response = await fetch(`${server.url}/api/boards/compacted`);
			return ((await response.json()) as { cardCount: number }).cardCount === 23;
		}, 'the server has all 23 cards');
		client.destroy();
		expect(storedUpdates(server, 'compacted')).toBeLessThan(6);

		await server.restart();
		const reader = await connectClient(server.wsUrl, 'compacted');
		expect(readCards(reader.doc)).toHaveLength(23);
		reader.destroy();
	});

	it('idle board unloads after the grace period', async () => {
		const server = await start({ ROOM_GRACE_MS: '100' });
		const client = await connectClient(server.wsUrl, 'idle');
		const id = createCard(client.doc, { title: 'Before unload', stageId: 'lead' }, { by: 'test' });
		await waitUntil(async () => {
			const response = await fetch(`${server.url}/api/boards/idle`);
			return ((await response.json()) as { cardCount: number }).cardCount === 1;
		}, 'the server has the card');
		client.destroy();
		await waitUntil(
			() => server.logs.some((line) => line.msg === 'board unloaded' && line.boardId === 'idle'),
			'the board is unloaded'
		);
		const health = (await (await fetch(`${server.url}/healthz`)).json()) as { openBoards: number };
		expect(health.openBoards).toBe(0);

		const reader = await connectClient(server.wsUrl, 'idle');
		expect(readCards(reader.doc).map((card) => card.id)).toEqual([id]);
		reader.destroy();
	});

	it('invalid setting stops the start with a message', async () => {
		await expect(startServer({ env: { MAX_MESSAGE_BYTES: 'lots' } })).rejects.toThrow(
			/MAX_MESSAGE_BYTES must be a whole number from 1024 to 1073741824, not "lots"/
		);
	});
});
