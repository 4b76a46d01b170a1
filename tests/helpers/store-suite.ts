/**
 * The contract every `BoardStore` passes. `describeStoreContract` registers one vitest suite;
 * each test gets a store over fresh, empty storage and closes it afterwards.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { BoardStore, BoardSummary } from '../../server/persistence/store';

export interface StoreContractOptions {
	/**
	 * Opens a second store over the storage of `store`, as a restart or another process would.
	 * Absent for stores that keep nothing once closed.
	 */
	reopen?: (store: BoardStore) => Promise<BoardStore>;
	/**
	 * True for stores that several server processes write at once. Such a store must keep an
	 * update stored after the compacting process encoded its snapshot. Needs `reopen`.
	 */
	sharedByProcesses?: boolean;
}

/** A document that records every update it emits, in order. */
export interface RecordedDoc {
	doc: Y.Doc;
	updates: Uint8Array[];
}

export function recordedDoc(): RecordedDoc {
	const doc = new Y.Doc();
	const updates: Uint8Array[] = [];
	doc.on('update', (update: Uint8Array) => updates.push(update));
	return { doc, updates };
}

/** Writes `count` edits to a text and a map, deleting some of what it wrote. */
export function editDoc(doc: Y.Doc, count: number, label = 'edit'): void {
	const text = doc.getText('notes');
	const cards = doc.getMap<string>('cards');
	for (let index = 0; index < count; index++) {
		text.insert(text.length, `${label} ${index}; `);
		cards.set(`${label}-${index % 7}`, `${label} value ${index}`);
		if (index % 3 === 2) text.delete(0, Math.min(4, text.length));
	}
}

export function summaryOf(boardId: string, lastChange: string, cardCount = 0): BoardSummary {
	return { id: boardId, name: `Board ${boardId}`, cardCount, lastChange };
}

/** Applies stored updates in order to an empty document. */
export function rebuild(updates: Uint8Array[]): Y.Doc {
	const doc = new Y.Doc();
	for (const update of updates) Y.applyUpdate(doc, update);
	return doc;
}

function totalBytes(updates: Uint8Array[]): number {
	return updates.reduce((sum, update) => sum + update.byteLength, 0);
}

const TIME = '2025-03-01T09:00:00.000Z';

function timeAt(minutes: number): string {
	return new Date(Date.parse(TIME) + minutes * 60_000).toISOString();
}

async function appendAll(
	store: BoardStore,
	boardId: string,
	updates: Uint8Array[],
	summary = summaryOf(boardId, TIME)
): Promise<void> {
	for (const update of updates) await store.appendUpdate(boardId, update, summary);
}

async function loadDoc(store: BoardStore, boardId: string): Promise<Y.Doc> {
	const stored = await store.loadBoard(boardId);
	expect(stored).not.toBeNull();
	return rebuild(stored?.updates ?? []);
}

export function describeStoreContract(
	name: string,
	createStore: () => Promise<BoardStore>,
	options: StoreContractOptions = {}
): void {
	describe(`${name} store contract`, () => {
		let store: BoardStore;
		const opened: BoardStore[] = [];

		async function reopen(): Promise<BoardStore> {
			if (!options.reopen) throw new Error(`The ${name} store suite has no reopen option.`);
			const second = await options.reopen(store);
			opened.push(second);
			return second;
		}

		beforeEach(async () => {
			store = await createStore();
			opened.push(store);
		});

		afterEach(async () => {
			for (const each of opened.splice(0)) await each.close();
		});

		it('load of missing board is null', async () => {
			expect(await store.loadBoard('missing')).toBeNull();
			expect(await store.getBoard('missing')).toBeNull();
			expect(await store.listBoards()).toEqual([]);
		});

		it('updates load in stored order', async () => {
			const { doc, updates } = recordedDoc();
			editDoc(doc, 30);
			await appendAll(store, 'board-a', updates);

			const stored = await store.loadBoard('board-a');
			expect(stored?.updates).toEqual(updates);
			expect(stored?.bytes).toBe(totalBytes(updates));
		});

		it('stored updates rebuild the document', async () => {
			const { doc, updates } = recordedDoc();
			editDoc(doc, 30);
			await appendAll(store, 'board-a', updates);

			const rebuilt = await loadDoc(store, 'board-a');
			expect(rebuilt.getText('notes').toString()).toBe(doc.getText('notes').toString());
			expect(rebuilt.getMap('cards').toJSON()).toEqual(doc.getMap('cards').toJSON());
			expect(Y.encodeStateVector(rebuilt)).toEqual(Y.encodeStateVector(doc));
		});

		it('summary is the last one stored', async () => {
			const { doc, updates } = recordedDoc();
			editDoc(doc, 2);
			await store.appendUpdate('board-a', updates[0], summaryOf('board-a', timeAt(0), 1));
			const last = { id: 'board-a', name: 'Renewals', cardCount: 7, lastChange: timeAt(5) };
			await store.appendUpdate('board-a', updates[1], last);

			expect(await store.getBoard('board-a')).toEqual(last);
			expect(await store.listBoards()).toEqual([last]);
		});

		it('listBoards puts latest change first', async () => {
			const { doc, updates } = recordedDoc();
			editDoc(doc, 4);
			await store.appendUpdate('first', updates[0], summaryOf('first', timeAt(1)));
			await store.appendUpdate('second', updates[1], summaryOf('second', timeAt(3)));
			await store.appendUpdate('third', updates[2], summaryOf('third', timeAt(2)));
			await store.appendUpdate('first', updates[3], summaryOf('first', timeAt(4)));

			const boards = await store.listBoards();
			expect(boards.map((board) => board.id)).toEqual(['first', 'second', 'third']);
			expect(boards.map((board) => board.lastChange)).toEqual([timeAt(4), timeAt(3), timeAt(2)]);
		});

		it('compact keeps the document', async () => {
			const { doc, updates } = recordedDoc();
			editDoc(doc, 60);
			await appendAll(store, 'board-a', updates);

			await store.compact('board-a', Y.encodeStateAsUpdate(doc));

			const rebuilt = await loadDoc(store, 'board-a');
			expect(rebuilt.getText('notes').toString()).toBe(doc.getText('notes').toString());
			expect(rebuilt.getMap('cards').toJSON()).toEqual(doc.getMap('cards').toJSON());
			expect(Y.encodeStateVector(rebuilt)).toEqual(Y.encodeStateVector(doc));
		});

		it('compact shrinks stored updates', async () => {
			const { doc, updates } = recordedDoc();
			editDoc(doc, 60);
			await appendAll(store, 'board-a', updates);
			const before = await store.loadBoard('board-a');

			const snapshot = Y.encodeStateAsUpdate(doc);
			await store.compact('board-a', snapshot);

			const after = await store.loadBoard('board-a');
			expect(after?.updates).toEqual([snapshot]);
			expect(after?.bytes).toBe(snapshot.byteLength);
			expect(after?.bytes).toBeLessThan(before?.bytes ?? 0);
		});

		it('compact keeps summary', async () => {
			const { doc, updates } = recordedDoc();
			editDoc(doc, 3);
			const summary = { id: 'board-a', name: 'Onboarding', cardCount: 3, lastChange: timeAt(9) };
			await appendAll(store, 'board-a', updates, summary);

			await store.compact('board-a', Y.encodeStateAsUpdate(doc));

			expect(await store.getBoard('board-a')).toEqual(summary);
		});

		it('compact of missing board rejects', async () => {
			await expect(store.compact('missing', Y.encodeStateAsUpdate(new Y.Doc()))).rejects.toThrow(
				/missing/
			);
			expect(await store.loadBoard('missing')).toBeNull();
		});

		it('append during compaction is kept', async () => {
			const { doc, updates } = recordedDoc();
			editDoc(doc, 20, 'before');
			await appendAll(store, 'board-a', updates);
			const snapshot = Y.encodeStateAsUpdate(doc);
			const stored = updates.length;
			editDoc(doc, 5, 'during');
			const during = updates.slice(stored);

			await Promise.all([store.compact('board-a', snapshot), appendAll(store, 'board-a', during)]);

			const rebuilt = await loadDoc(store, 'board-a');
			expect(rebuilt.getText('notes').toString()).toBe(doc.getText('notes').toString());
			expect(Y.encodeStateVector(rebuilt)).toEqual(Y.encodeStateVector(doc));
		});

		it('append after compaction is kept', async () => {
			const { doc, updates } = recordedDoc();
			editDoc(doc, 20, 'before');
			await appendAll(store, 'board-a', updates);
			await store.compact('board-a', Y.encodeStateAsUpdate(doc));
			const stored = updates.length;
			editDoc(doc, 5, 'after');
			await appendAll(store, 'board-a', updates.slice(stored));

			const loaded = await store.loadBoard('board-a');
			expect(loaded?.updates.length).toBe(1 + updates.length - stored);
			const rebuilt = rebuild(loaded?.updates ?? []);
			expect(rebuilt.getText('notes').toString()).toBe(doc.getText('notes').toString());
		});

		it('many boards stay apart', async () => {
			const docs = new Map<string, RecordedDoc>();
			for (let board = 0; board < 40; board++) {
				const recorded = recordedDoc();
				editDoc(recorded.doc, 3, `board ${board}`);
				docs.set(`board-${board}`, recorded);
			}
			// Interleave the boards' appends, as concurrent rooms would.
			const steps = Math.max(...[...docs.values()].map(({ updates }) => updates.length));
			for (let step = 0; step < steps; step++) {
				await Promise.all(
					[...docs]
						.filter(([, { updates }]) => step < updates.length)
						.map(([boardId, { updates }]) =>
							store.appendUpdate(boardId, updates[step], summaryOf(boardId, timeAt(step)))
						)
				);
			}

			expect((await store.listBoards()).length).toBe(docs.size);
			for (const [boardId, { doc, updates }] of docs) {
				const stored = await store.loadBoard(boardId);
				expect(stored?.updates).toEqual(updates);
				expect(
					rebuild(stored?.updates ?? [])
						.getText('notes')
						.toString()
				).toBe(doc.getText('notes').toString());
			}
		});

		it('binary data round-trips exactly', async () => {
			const everyByte = Uint8Array.from({ length: 512 }, (_, index) => index % 256);
			const large = new Uint8Array(1024 * 1024);
			for (let index = 0; index < large.length; index++) large[index] = (index * 7919) % 251;
			const zeros = new Uint8Array(64);
			// A view into the middle of a larger buffer: only the viewed bytes are stored.
			const backing = Uint8Array.from({ length: 32 }, (_, index) => 200 + index);
			const view = backing.subarray(8, 24);

			await appendAll(store, 'binary', [everyByte, large, zeros, view]);

			const stored = await store.loadBoard('binary');
			expect(stored?.updates.length).toBe(4);
			expect(stored?.updates[0]).toEqual(everyByte);
			// Buffer.equals: a deep equality check of a megabyte takes seconds.
			expect(stored?.updates[1].byteLength).toBe(large.byteLength);
			expect(Buffer.from(stored?.updates[1] ?? []).equals(large)).toBe(true);
			expect(stored?.updates[2]).toEqual(zeros);
			expect(stored?.updates[3]).toEqual(Uint8Array.from(view));
			expect(stored?.bytes).toBe(everyByte.length + large.length + zeros.length + view.length);
		});

		it('stored update is a copy', async () => {
			const update = Uint8Array.from([1, 2, 3, 4]);
			await store.appendUpdate('copied', update, summaryOf('copied', TIME));
			update.fill(9);

			expect((await store.loadBoard('copied'))?.updates).toEqual([Uint8Array.from([1, 2, 3, 4])]);
		});

		it('close can be repeated', async () => {
			await store.close();
			await expect(store.close()).resolves.toBeUndefined();
		});

		it.runIf(options.reopen)('boards survive reopening', async () => {
			const { doc, updates } = recordedDoc();
			editDoc(doc, 10);
			const summary = summaryOf('board-a', TIME, 4);
			await appendAll(store, 'board-a', updates, summary);
			await store.close();

			const reopened = await reopen();
			expect((await reopened.loadBoard('board-a'))?.updates).toEqual(updates);
			expect(await reopened.listBoards()).toEqual([summary]);
		});

		it.runIf(options.sharedByProcesses)('compact keeps updates snapshot lacks', async () => {
			const other = await reopen();
			const local = recordedDoc();
			editDoc(local.doc, 10, 'local');
			await appendAll(store, 'board-a', local.updates);
			// Another process stores an update that has not reached this process's document.
			const remote = new Y.Doc();
			Y.applyUpdate(remote, Y.encodeStateAsUpdate(local.doc));
			remote.getText('notes').insert(0, 'remote edit; ');
			const remoteUpdate = Y.encodeStateAsUpdate(remote, Y.encodeStateVector(local.doc));
			await other.appendUpdate('board-a', remoteUpdate, summaryOf('board-a', TIME));

			await store.compact('board-a', Y.encodeStateAsUpdate(local.doc));

			const rebuilt = await loadDoc(other, 'board-a');
			expect(rebuilt.getText('notes').toString()).toBe(remote.getText('notes').toString());
			expect(Y.encodeStateVector(rebuilt)).toEqual(Y.encodeStateVector(remote));
		});

		it.runIf(options.sharedByProcesses)('compact keeps other process appends', async () => {
			const other = await reopen();
			const { doc, updates } = recordedDoc();
			editDoc(doc, 20, 'before');
			await appendAll(store, 'board-a', updates);
			const snapshot = Y.encodeStateAsUpdate(doc);
			const stored = updates.length;
			editDoc(doc, 20, 'during');

			await Promise.all([
				store.compact('board-a', snapshot),
				appendAll(other, 'board-a', updates.slice(stored))
			]);

			const rebuilt = await loadDoc(store, 'board-a');
			expect(rebuilt.getText('notes').toString()).toBe(doc.getText('notes').toString());
			expect(Y.encodeStateVector(rebuilt)).toEqual(Y.encodeStateVector(doc));
		});
	});
}
