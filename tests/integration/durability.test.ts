import { afterAll, describe, expect, it } from 'vitest';
import { boardRoots, createCard, readCards, type BoardEvent } from '../../src/lib/board';
import { startServer, type TestServer } from '../helpers/server';
import { connectClient, sameState, waitUntil, type BoardClient } from './support';

const BOARD = 'storm';
const WRITERS = 3;
/** Upper bound of the cards one writer creates, so the storm ends even if the test stalls. */
const MAX_CARDS_PER_WRITER = 1_000;
/** Cards all writers create between a restart and the next kill. */
const CARDS_PER_ROUND = 60;
const KILLS = 3;
const PACE_MS = 10;

const servers: TestServer[] = [];
const clients: BoardClient[] = [];

afterAll(async () => {
	for (const client of clients.splice(0)) client.destroy();
	for (const server of servers.splice(0).reverse()) await server.dispose();
});

interface Writer {
	client: BoardClient;
	created: string[];
	/** Every card id this replica has held, whether it made the card or received it. */
	seen: Set<string>;
}

function watch(client: BoardClient): Writer {
	const seen = new Set<string>();
	boardRoots(client.doc).cards.observe((event) => {
		for (const key of event.keysChanged) seen.add(key);
	});
	return { client, created: [], seen };
}

/** Creates a card every PACE_MS until `running()` is false, whether or not the server is up. */
async function storm(writer: Writer, index: number, running: () => boolean): Promise<void> {
	for (let card = 0; card < MAX_CARDS_PER_WRITER && running(); card++) {
		const title = `Writer ${index} card ${card}`;
		writer.created.push(
			createCard(writer.client.doc, { title, stageId: 'lead' }, { by: `w${index}` })
		);
		await new Promise((resolve) => setTimeout(resolve, PACE_MS));
	}
}

function createEvents(events: BoardEvent[]): Map<string, number> {
	const counts = new Map<string, number>();
	for (const event of events) {
		if (event.type === 'create') counts.set(event.cardId, (counts.get(event.cardId) ?? 0) + 1);
	}
	return counts;
}

describe('durability under SIGKILL', () => {
	it('write storm survives three kills', async () => {
		const server = await startServer();
		servers.push(server);
		const writers: Writer[] = [];
		for (let index = 0; index < WRITERS; index++) {
			const client = await connectClient(server.wsUrl, BOARD);
			clients.push(client);
			writers.push(watch(client));
		}
		const total = () => writers.reduce((sum, writer) => sum + writer.created.length, 0);
		let running = true;
		const storms = Promise.all(writers.map((writer, index) => storm(writer, index, () => running)));

		for (let kill = 1; kill <= KILLS; kill++) {
			const due = total() + CARDS_PER_ROUND;
			await waitUntil(() => total() >= due, `${due} cards are created`, 30_000);
			expect(await server.stop('SIGKILL')).toBeNull();
			await server.restart();
			await waitUntil(
				() => writers.every((writer) => writer.client.provider.synced),
				`every writer syncs again after kill ${kill}`,
				30_000
			);
		}
		const due = total() + CARDS_PER_ROUND;
		await waitUntil(() => total() >= due, `${due} cards are created`, 30_000);
		running = false;
		await storms;
		for (const writer of writers) {
			expect(writer.created.length, 'cards of one writer').toBeLessThan(MAX_CARDS_PER_WRITER);
		}
		expect(server.logs.filter((line) => line.msg === 'server started')).toHaveLength(KILLS + 1);

		const allIds = new Set(writers.flatMap((writer) => writer.created));
		expect(allIds.size).toBe(total());
		await waitUntil(
			() =>
				writers.every(
					(writer) =>
						boardRoots(writer.client.doc).cards.size === allIds.size &&
						sameState(writer.client.doc, writers[0].client.doc)
				),
			'every replica holds every card',
			30_000
		);
		await waitUntil(
			() => writers.every((writer) => writer.client.provider.ws?.bufferedAmount === 0),
			'every writer has sent its updates'
		);
		for (const writer of writers) writer.client.provider.disconnect();
		expect(await server.stop('SIGTERM')).toBe(0);

		const fresh = await startServer({ dataDir: server.dataDir });
		servers.push(fresh);
		const reader = await connectClient(fresh.wsUrl, BOARD);
		clients.push(reader);
		const stored = readCards(reader.doc);
		const storedIds = stored.map((card) => card.id);
		expect(new Set(storedIds).size).toBe(storedIds.length);
		expect(new Set(storedIds)).toEqual(allIds);
		for (const writer of writers) {
			for (const id of writer.seen) expect(allIds.has(id), `card ${id} is stored`).toBe(true);
		}

		const events = boardRoots(reader.doc).events.toJSON() as BoardEvent[];
		const creates = createEvents(events);
		expect(creates.size).toBe(allIds.size);
		for (const id of allIds) expect(creates.get(id), `create events of ${id}`).toBe(1);
	}, 120_000);
});
