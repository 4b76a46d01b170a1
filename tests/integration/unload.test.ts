import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCard, readCards } from '../../src/lib/board';
import { startServer, type TestServer } from '../helpers/server';
import { connectClient, waitUntil } from './support';

const ROUNDS = 30;
const BOARDS = 200;
const CARDS_PER_BOARD = 10;
const CONCURRENCY = 10;
const MEMORY_SLACK = 64 * 1024 * 1024;

let server: TestServer;

beforeAll(async () => {
	// A grace period of 0 unloads a board as soon as its last client leaves.
	server = await startServer({ env: { ROOM_GRACE_MS: '0' } });
});

afterAll(async () => {
	await server.dispose();
});

async function scrape(): Promise<Map<string, number>> {
	const text = await (await fetch(`${server.url}/metrics`)).text();
	const samples = new Map<string, number>();
	for (const line of text.split('\n')) {
		if (line === '' || line.startsWith('#')) continue;
		const space = line.lastIndexOf(' ');
		samples.set(line.slice(0, space), Number(line.slice(space + 1)));
	}
	return samples;
}

function unloads(boardId: string): number {
	return server.logs.filter((line) => line.msg === 'board unloaded' && line.boardId === boardId)
		.length;
}

describe('board unload', () => {
	it('client during unload gets full board', async () => {
		const boardId = 'unloading';
		const expected: string[] = [];
		for (let round = 0; round < ROUNDS; round++) {
			const writer = await connectClient(server.wsUrl, boardId);
			expected.push(
				createCard(writer.doc, { title: `Round ${round}`, stageId: 'lead' }, { by: 'w' })
			);
			await waitUntil(() => writer.provider.ws?.bufferedAmount === 0, 'the card is sent');
			// The board starts to unload when the writer leaves. A delay of 0 to 9 ms moves the
			// reader's connect across the steps of that unload from round to round.
			writer.destroy();
			await new Promise((resolve) => setTimeout(resolve, round % 10));
			const reader = await connectClient(server.wsUrl, boardId);
			const ids = new Set(readCards(reader.doc).map((card) => card.id));
			for (const id of expected) expect(ids.has(id), `round ${round} reads card ${id}`).toBe(true);
			reader.destroy();
		}
		await waitUntil(() => unloads(boardId) > 0, 'the board is unloaded at least once');
	}, 60_000);

	it('memory returns after 200 boards', async () => {
		const baseline = await scrape();
		let next = 0;
		const worker = async () => {
			while (next < BOARDS) {
				const boardId = `many-${next++}`;
				const client = await connectClient(server.wsUrl, boardId);
				for (let index = 0; index < CARDS_PER_BOARD; index++) {
					createCard(client.doc, { title: `Card ${index}`, stageId: 'lead' }, { by: 'm' });
				}
				await waitUntil(() => client.provider.ws?.bufferedAmount === 0, 'the cards are sent');
				client.destroy();
			}
		};
		await Promise.all(Array.from({ length: CONCURRENCY }, worker));

		await waitUntil(
			async () => {
				const now = await scrape();
				return (
					now.get('tandem_boards_loaded') === 0 && now.get('tandem_websocket_connections') === 0
				);
			},
			'every board is unloaded',
			30_000
		);
		const unloaded = server.logs.filter(
			(line) => line.msg === 'board unloaded' && String(line.boardId).startsWith('many-')
		);
		expect(unloaded).toHaveLength(BOARDS);

		const heapBefore = baseline.get('nodejs_heap_used_bytes') ?? 0;
		const rssBefore = baseline.get('process_resident_memory_bytes') ?? 0;
		expect(heapBefore).toBeGreaterThan(0);
		await waitUntil(
			async () => {
				const now = await scrape();
				const heap = now.get('nodejs_heap_used_bytes') ?? Infinity;
				const rss = now.get('process_resident_memory_bytes') ?? Infinity;
				return heap < heapBefore + MEMORY_SLACK && rss < rssBefore + MEMORY_SLACK;
			},
			'server memory is back near its baseline',
			30_000
		);
	}, 90_000);
});
