/**
 * Clients whose history the server has lost: the SQLite file restored from an older copy, or the
 * data folder emptied, while the server was stopped. The clients reconnect and send back what the
 * server lacks. No card, stage or create event may be duplicated on a replica or in the store.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SqliteStore } from '../../server/persistence/sqlite';
import {
	boardRoots,
	createCard,
	moveCard,
	readEvents,
	seedBoard,
	SYSTEM_MEMBER
} from '../../src/lib/board';
import { startServer, type TestServer } from '../helpers/server';
import { connectClient, sameState, waitUntil, type BoardClient } from './support';

const BOARD = 'restored';

let server: TestServer | null = null;
const clients: BoardClient[] = [];

afterEach(async () => {
	for (const client of clients.splice(0)) client.destroy();
	await server?.dispose();
	server = null;
});

async function connect(running: TestServer): Promise<BoardClient> {
	const client = await connectClient(running.wsUrl, BOARD);
	clients.push(client);
	return client;
}

/** Returns card ids, stage ids and create events per card of a document. */
function contents(doc: Y.Doc) {
	const roots = boardRoots(doc);
	const creates = new Map<string, number>();
	for (const event of readEvents(doc)) {
		if (event.type === 'create') creates.set(event.cardId, (creates.get(event.cardId) ?? 0) + 1);
	}
	return {
		cards: [...roots.cards.keys()].sort(),
		stages: [...roots.stages.keys()].sort(),
		titles: [...roots.cards.values()].map((card) => String(card.get('title'))).sort(),
		creates
	};
}

/** Builds the board from the updates in the stopped server's store. */
async function storedDoc(dataDir: string): Promise<Y.Doc> {
	const store = new SqliteStore(dataDir);
	try {
		const stored = await store.loadBoard(BOARD);
		if (!stored) throw new Error(`Board ${BOARD} is not in the store at ${dataDir}.`);
		const doc = new Y.Doc();
		for (const update of stored.updates) Y.applyUpdate(doc, update);
		return doc;
	} finally {
		await store.close();
	}
}

function addCards(client: BoardClient, prefix: string, count: number): string[] {
	const ids: string[] = [];
	for (let index = 0; index < count; index++) {
		ids.push(
			createCard(client.doc, { title: `${prefix} ${index}`, stageId: 'lead' }, { by: prefix })
		);
	}
	return ids;
}

/** Waits until every client has the same state as the first. */
async function converge(all: BoardClient[]): Promise<void> {
	await waitUntil(
		() => all.every((client) => client.provider.synced && sameState(client.doc, all[0].doc)),
		'every replica holds the same state',
		20_000
	);
}

function expectNoDuplicates(doc: Y.Doc, expectedCards: string[], where: string) {
	const found = contents(doc);
	expect(found.cards, `${where}: card ids`).toEqual([...expectedCards].sort());
	expect(new Set(found.titles).size, `${where}: distinct titles`).toBe(expectedCards.length);
	expect(found.stages.length, `${where}: stages`).toBe(new Set(found.stages).size);
	expect(found.stages, `${where}: stage ids`).toEqual(contents(referenceStages()).stages);
	for (const id of expectedCards) {
		expect(found.creates.get(id), `${where}: create events of ${id}`).toBe(1);
	}
}

function referenceStages(): Y.Doc {
	const doc = new Y.Doc();
	seedBoard(doc, { name: BOARD }, { by: SYSTEM_MEMBER });
	return doc;
}

/** Copies the data folder's SQLite files (the database, WAL and shared memory) to `target`. */
function copyDatabase(dataDir: string, target: string): void {
	fs.mkdirSync(target, { recursive: true });
	for (const name of fs.readdirSync(dataDir)) {
		if (name.startsWith('tandem.sqlite')) {
			fs.copyFileSync(path.join(dataDir, name), path.join(target, name));
		}
	}
}

function removeDatabase(dataDir: string): void {
	for (const name of fs.readdirSync(dataDir)) {
		if (name.startsWith('tandem.sqlite')) fs.rmSync(path.join(dataDir, name));
	}
}

describe('lost server history', () => {
	it('older SQLite copy merges back', async () => {
		server = await startServer();
		const alice = await connect(server);
		seedBoard(alice.doc, { name: BOARD }, { by: SYSTEM_MEMBER });
		const early = addCards(alice, 'early', 5);
		const bob = await connect(server);
		await converge([alice, bob]);

		expect(await server.stop()).toBe(0);
		const backup = fs.mkdtempSync(path.join(server.dataDir, 'backup-'));
		copyDatabase(server.dataDir, backup);
		await server.restart();
		await converge([alice, bob]);

		// Written after the backup, so only the clients keep these once it is restored.
		const late = addCards(bob, 'late', 5);
		moveCard(alice.doc, early[0], { stageId: 'qualified' }, { by: 'alice' });
		await converge([alice, bob]);
		expect(await server.stop()).toBe(0);

		removeDatabase(server.dataDir);
		copyDatabase(backup, server.dataDir);
		fs.rmSync(backup, { recursive: true });
		const restored = await storedDoc(server.dataDir);
		expect(contents(restored).cards).toEqual([...early].sort());

		await server.restart();
		const carol = await connect(server);
		await converge([alice, bob, carol]);
		const all = [...early, ...late];
		for (const [name, client] of [
			['alice', alice],
			['bob', bob],
			['carol', carol]
		] as const) {
			expectNoDuplicates(client.doc, all, name);
		}
		const position = boardRoots(carol.doc).cards.get(early[0])?.get('position');
		expect((position as { stageId: string }).stageId).toBe('qualified');

		for (const client of clients.splice(0)) client.destroy();
		expect(await server.stop()).toBe(0);
		expectNoDuplicates(await storedDoc(server.dataDir), all, 'store');
	});

	it('emptied data folder refills', async () => {
		server = await startServer();
		const alice = await connect(server);
		seedBoard(alice.doc, { name: BOARD }, { by: SYSTEM_MEMBER });
		const cards = addCards(alice, 'kept', 8);
		const bob = await connect(server);
		await converge([alice, bob]);
		expect(await server.stop()).toBe(0);

		removeDatabase(server.dataDir);
		await server.restart();
		// Both replicas send their state, and the server must end with one copy of each card.
		const carol = await connect(server);
		await converge([alice, bob, carol]);
		for (const [name, client] of [
			['alice', alice],
			['bob', bob],
			['carol', carol]
		] as const) {
			expectNoDuplicates(client.doc, cards, name);
		}

		for (const client of clients.splice(0)) client.destroy();
		expect(await server.stop()).toBe(0);
		expectNoDuplicates(await storedDoc(server.dataDir), cards, 'store');
	});
});
