/**
 * Compaction against the real server with a low COMPACT_AFTER_UPDATES: many small updates keep
 * the stored size near the size of the document's own state, and compactions that race the
 * writes of two clients lose none of them.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SqliteStore } from '../../server/persistence/sqlite';
import { boardRoots, createCard, seedBoard, SYSTEM_MEMBER, updateCard } from '../../src/lib/board';
import { startServer, type TestServer } from '../helpers/server';
import { connectClient, sameState, waitUntil, type BoardClient } from './support';

const BOARD = 'compacted';
const COMPACT_AFTER_UPDATES = 25;

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

async function converge(all: BoardClient[]): Promise<void> {
	await waitUntil(
		() => all.every((client) => client.provider.synced && sameState(client.doc, all[0].doc)),
		'every replica holds the same state',
		30_000
	);
}

/** Returns the stored updates of the board and their summed bytes, read from the stopped server. */
async function stored(dataDir: string): Promise<{ doc: Y.Doc; bytes: number; updates: number }> {
	const store = new SqliteStore(dataDir);
	try {
		const board = await store.loadBoard(BOARD);
		if (!board) throw new Error(`Board ${BOARD} is not in the store at ${dataDir}.`);
		const doc = new Y.Doc();
		for (const update of board.updates) Y.applyUpdate(doc, update);
		return { doc, bytes: board.bytes, updates: board.updates.length };
	} finally {
		await store.close();
	}
}

/** Checkpoints the WAL into the database file and returns the summed size of the SQLite files. */
function databaseBytes(dataDir: string): number {
	const db = new Database(path.join(dataDir, 'tandem.sqlite'));
	try {
		db.pragma('wal_checkpoint(TRUNCATE)');
	} finally {
		db.close();
	}
	let total = 0;
	for (const name of fs.readdirSync(dataDir)) {
		if (name.startsWith('tandem.sqlite')) total += fs.statSync(path.join(dataDir, name)).size;
	}
	return total;
}

function compactions(running: TestServer): number {
	return running.logs.filter((line) => line.msg === 'board compacted').length;
}

describe('compaction', () => {
	it('keeps stored size within twice the state', async () => {
		server = await startServer({ env: { COMPACT_AFTER_UPDATES: String(COMPACT_AFTER_UPDATES) } });
		const writer = await connect(server);
		seedBoard(writer.doc, { name: BOARD }, { by: SYSTEM_MEMBER });
		const ids: string[] = [];
		for (let index = 0; index < 150; index++) {
			ids.push(
				createCard(
					writer.doc,
					{ title: `Customer ${index}`, stageId: 'lead', value: index * 100 },
					{ by: 'writer' }
				)
			);
		}
		// Small edits, each sent as its own update.
		for (let round = 0; round < 3; round++) {
			for (const id of ids) {
				updateCard(writer.doc, id, { value: round * 10 + 1 }, { by: 'writer' });
			}
		}
		const reader = await connect(server);
		await converge([writer, reader]);
		await waitUntil(() => compactions(server!) >= 10, 'the server compacted ten times', 20_000);

		const stateBytes = Y.encodeStateAsUpdate(writer.doc).byteLength;
		for (const client of clients.splice(0)) client.destroy();
		expect(await server.stop()).toBe(0);

		const result = await stored(server.dataDir);
		expect(result.updates).toBeLessThanOrEqual(COMPACT_AFTER_UPDATES);
		expect(result.bytes).toBeLessThanOrEqual(2 * stateBytes);
		expect(sameState(result.doc, writer.doc)).toBe(true);
		expect(boardRoots(result.doc).cards.size).toBe(ids.length);
		// SQLite keeps pages freed by compactions for reuse, so the file is compared with a margin
		// of 64 KiB (sixteen 4 KiB pages) for the schema, the boards table and free pages.
		expect(databaseBytes(server.dataDir)).toBeLessThanOrEqual(2 * stateBytes + 64 * 1024);
	});

	it('loses no write racing a compaction', async () => {
		server = await startServer({ env: { COMPACT_AFTER_UPDATES: '5' } });
		const alice = await connect(server);
		seedBoard(alice.doc, { name: BOARD }, { by: SYSTEM_MEMBER });
		const bob = await connect(server);
		await converge([alice, bob]);

		const created: string[] = [];
		const write = async (client: BoardClient, name: string) => {
			for (let index = 0; index < 120; index++) {
				created.push(
					createCard(client.doc, { title: `${name} ${index}`, stageId: 'lead' }, { by: name })
				);
				// Yields so both clients' updates interleave at the server.
				if (index % 3 === 0) await new Promise((resolve) => setImmediate(resolve));
			}
		};
		await Promise.all([write(alice, 'alice'), write(bob, 'bob')]);
		await converge([alice, bob]);
		// The log reaches the test after the updates do, so the count is polled.
		await waitUntil(() => compactions(server!) > 10, 'the server compacted over ten times');

		const late = await connect(server);
		await converge([alice, bob, late]);
		expect([...boardRoots(late.doc).cards.keys()].sort()).toEqual([...created].sort());

		for (const client of clients.splice(0)) client.destroy();
		expect(await server.stop()).toBe(0);
		const result = await stored(server.dataDir);
		expect([...boardRoots(result.doc).cards.keys()].sort()).toEqual([...created].sort());
		expect(sameState(result.doc, alice.doc)).toBe(true);
	});
});
