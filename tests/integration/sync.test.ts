import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	boardRoots,
	createCard,
	moveCard,
	readBoard,
	readCards,
	updateCard
} from '../../src/lib/board';
import { startServer, type TestServer } from '../helpers/server';
import { connectClient, docJson, sameState, waitUntil, type BoardClient } from './support';

let server: TestServer;
const clients: BoardClient[] = [];

async function client(boardId: string): Promise<BoardClient> {
	const connected = await connectClient(server.wsUrl, boardId);
	clients.push(connected);
	return connected;
}

async function createBoard(name: string): Promise<string> {
	const response = await fetch(`${server.url}/api/boards`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ name })
	});
	expect(response.status).toBe(201);
	return ((await response.json()) as { id: string }).id;
}

beforeAll(async () => {
	server = await startServer();
});

afterAll(async () => {
	for (const connected of clients) connected.destroy();
	await server.dispose();
});

describe('websocket sync', () => {
	it('two clients converge after edits on both sides', async () => {
		const boardId = await createBoard('Two clients');
		const alice = await client(boardId);
		const bob = await client(boardId);
		expect(readBoard(alice.doc).stages.length).toBeGreaterThan(0);

		const first = createCard(alice.doc, { title: 'Acme', stageId: 'lead' }, { by: 'alice' });
		const second = createCard(bob.doc, { title: 'Globex', stageId: 'qualified' }, { by: 'bob' });
		await waitUntil(() => boardRoots(bob.doc).cards.has(first), 'bob receives the first card');
		await waitUntil(() => boardRoots(alice.doc).cards.has(second), 'alice receives the second');
		moveCard(bob.doc, first, { stageId: 'proposal' }, { by: 'bob' });
		updateCard(alice.doc, second, { value: 1200 }, { by: 'alice' });

		await waitUntil(() => sameState(alice.doc, bob.doc), 'both documents have every update');
		expect(docJson(alice.doc)).toEqual(docJson(bob.doc));
		const cards = readCards(alice.doc);
		expect(cards.find((card) => card.id === first)?.position.stageId).toBe('proposal');
		expect(cards.find((card) => card.id === second)?.value).toBe(1200);
	});

	it('late client receives the whole board', async () => {
		const boardId = await createBoard('Late joiner');
		const early = await client(boardId);
		for (let index = 0; index < 20; index++) {
			createCard(early.doc, { title: `Customer ${index}`, stageId: 'lead' }, { by: 'early' });
		}
		await waitUntil(async () => {
			const response = await fetch(`${server.url}/api/boards/${boardId}`);
			return ((await response.json()) as { cardCount: number }).cardCount === 20;
		}, 'the server has all 20 cards');

		const late = await client(boardId);
		expect(readCards(late.doc)).toHaveLength(20);
		expect(docJson(late.doc)).toEqual(docJson(early.doc));
	});

	it('new board id is created on first connect', async () => {
		const boardId = `fresh-${Date.now()}`;
		const fresh = await client(boardId);
		await waitUntil(() => boardRoots(fresh.doc).stages.size > 0, 'the seeded stages arrive');
		expect(readBoard(fresh.doc).meta.name).toBe(boardId);
		const list = (await (await fetch(`${server.url}/api/boards`)).json()) as { id: string }[];
		expect(list.map((board) => board.id)).toContain(boardId);
	});

	it('board survives a server restart', async () => {
		const boardId = await createBoard('Restart');
		const writer = await client(boardId);
		const ids: string[] = [];
		for (let index = 0; index < 10; index++) {
			ids.push(createCard(writer.doc, { title: `Kept ${index}`, stageId: 'won' }, { by: 'w' }));
		}
		moveCard(writer.doc, ids[0], { stageId: 'onboarding' }, { by: 'w' });
		const before = docJson(writer.doc);
		await waitUntil(async () => {
			const response = await fetch(`${server.url}/api/boards/${boardId}`);
			return ((await response.json()) as { cardCount: number }).cardCount === 10;
		}, 'the server has all 10 cards');
		writer.destroy();

		await server.restart();

		const reader = await client(boardId);
		expect(docJson(reader.doc)).toEqual(before);
		expect(readCards(reader.doc).find((card) => card.id === ids[0])?.position.stageId).toBe(
			'onboarding'
		);
	});

	it('provider reconnects after a restart and keeps syncing', async () => {
		const boardId = await createBoard('Reconnect');
		const alice = await client(boardId);
		const bob = await client(boardId);
		await server.restart();
		await waitUntil(
			() => alice.provider.synced && bob.provider.synced,
			'both providers synced again'
		);
		const id = createCard(alice.doc, { title: 'After restart', stageId: 'lead' }, { by: 'a' });
		await waitUntil(() => boardRoots(bob.doc).cards.has(id), 'bob sees the new card');
	});
});
