import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MemoryStore } from '../../server/persistence/memory';
import { SqliteStore } from '../../server/persistence/sqlite';
import type { BoardStore, BoardSummary } from '../../server/persistence/store';

const folders: string[] = [];

function tempDir(): string {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-store-'));
	folders.push(folder);
	return folder;
}

afterEach(() => {
	for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

function summary(id: string, cardCount = 0, lastChange = '2024-05-01T00:00:00.000Z'): BoardSummary {
	return { id, name: `Board ${id}`, cardCount, lastChange };
}

function textUpdate(doc: Y.Doc, text: string): Uint8Array {
	let update: Uint8Array | null = null;
	const capture = (value: Uint8Array) => (update = value);
	doc.on('update', capture);
	doc.getText('t').insert(doc.getText('t').length, text);
	doc.off('update', capture);
	if (!update) throw new Error('no update');
	return update;
}

function rebuild(updates: Uint8Array[]): string {
	const doc = new Y.Doc();
	for (const update of updates) Y.applyUpdate(doc, update);
	return doc.getText('t').toString();
}

const STORES: { name: string; open: () => BoardStore }[] = [
	{ name: 'memory', open: () => new MemoryStore() },
	{ name: 'sqlite', open: () => new SqliteStore(tempDir()) }
];

for (const { name, open } of STORES) {
	describe(`${name} store`, () => {
		it('unknown board loads as null', async () => {
			const store = open();
			expect(await store.loadBoard('nope')).toBeNull();
			expect(await store.getBoard('nope')).toBeNull();
			await store.close();
		});

		it('appended updates load in order', async () => {
			const store = open();
			const doc = new Y.Doc();
			for (const word of ['a', 'b', 'c']) {
				await store.appendUpdate('one', textUpdate(doc, word), summary('one', 3));
			}
			const stored = await store.loadBoard('one');
			expect(stored?.updates).toHaveLength(3);
			expect(rebuild(stored?.updates ?? [])).toBe('abc');
			expect(stored?.bytes).toBe(stored?.updates.reduce((sum, u) => sum + u.byteLength, 0));
			expect(await store.getBoard('one')).toEqual(summary('one', 3));
			await store.close();
		});

		it('compaction keeps the content in one update', async () => {
			const store = open();
			const doc = new Y.Doc();
			for (const word of ['x', 'y', 'z']) {
				await store.appendUpdate('two', textUpdate(doc, word), summary('two'));
			}
			await store.compact('two', Y.encodeStateAsUpdate(doc));
			await store.appendUpdate('two', textUpdate(doc, '!'), summary('two'));
			const stored = await store.loadBoard('two');
			expect(stored?.updates).toHaveLength(2);
			expect(rebuild(stored?.updates ?? [])).toBe('xyz!');
			await store.close();
		});

		it('compacting an unknown board fails', async () => {
			const store = open();
			await expect(store.compact('ghost', new Uint8Array([0, 0]))).rejects.toThrow(/not stored/);
			await store.close();
		});

		it('boards list newest change first', async () => {
			const store = open();
			const doc = new Y.Doc();
			await store.appendUpdate(
				'old',
				textUpdate(doc, 'o'),
				summary('old', 1, '2024-01-01T00:00:00.000Z')
			);
			await store.appendUpdate(
				'new',
				textUpdate(doc, 'n'),
				summary('new', 2, '2024-06-01T00:00:00.000Z')
			);
			expect((await store.listBoards()).map((board) => board.id)).toEqual(['new', 'old']);
			await store.close();
		});
	});
}

describe('sqlite store', () => {
	it('keeps boards across reopening', async () => {
		const folder = tempDir();
		const doc = new Y.Doc();
		const first = new SqliteStore(folder);
		await first.appendUpdate('kept', textUpdate(doc, 'durable'), summary('kept', 5));
		await first.close();
		const second = new SqliteStore(folder);
		expect(rebuild((await second.loadBoard('kept'))?.updates ?? [])).toBe('durable');
		expect((await second.getBoard('kept'))?.cardCount).toBe(5);
		await second.close();
	});

	it('uses write-ahead logging', async () => {
		const store = new SqliteStore(tempDir());
		const db = new Database(store.file, { readonly: true });
		expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
		db.close();
		await store.close();
	});
});
