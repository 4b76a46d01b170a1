/**
 * Undo on one replica of a board that another replica edits at the same time: only the local
 * replica's own changes are reverted, and every card keeps exactly one stage.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	boardRoots,
	createCard,
	deleteCard,
	moveCard,
	readCards,
	readEvents,
	seedBoard,
	updateCard,
	type ChangeContext
} from '../../src/lib/board';
import { BoardUndo, isRedoKey, isUndoKey } from '../../src/lib/sync/undo';

const ALICE: ChangeContext = { by: 'alice', origin: 'alice-tab' };
const BOB: ChangeContext = { by: 'bob', origin: 'bob-tab' };

let undos: BoardUndo[] = [];

afterEach(() => {
	for (const undo of undos) undo.destroy();
	undos = [];
});

/** Two live replicas of one seeded board; every update reaches the other replica at once. */
function pair(): { alice: Y.Doc; bob: Y.Doc; undo: BoardUndo } {
	const alice = new Y.Doc();
	const bob = new Y.Doc();
	alice.on('update', (update: Uint8Array, origin: unknown) => {
		if (origin !== 'wire') Y.applyUpdate(bob, update, 'wire');
	});
	bob.on('update', (update: Uint8Array, origin: unknown) => {
		if (origin !== 'wire') Y.applyUpdate(alice, update, 'wire');
	});
	seedBoard(alice, { name: 'Undo' }, { by: 'system' });
	createCard(alice, { id: 'acme', title: 'Acme', stageId: 'lead' }, { by: 'system' });
	const undo = new BoardUndo(alice, { origin: ALICE.origin, captureTimeout: 0 });
	undos.push(undo);
	return { alice, bob, undo };
}

function stageOf(doc: Y.Doc, cardId: string): string | undefined {
	return readCards(doc).find((card) => card.id === cardId)?.position.stageId;
}

describe('BoardUndo', () => {
	it('starts with nothing to undo', () => {
		const { undo } = pair();
		expect(undo.state()).toEqual({ canUndo: false, canRedo: false });
		expect(undo.undo()).toBe(false);
	});

	it('undoes and redoes a local move on both replicas', () => {
		const { alice, bob, undo } = pair();
		moveCard(alice, 'acme', { stageId: 'proposal' }, ALICE);
		expect(undo.state()).toEqual({ canUndo: true, canRedo: false });
		expect(undo.undo()).toBe(true);
		expect(stageOf(alice, 'acme')).toBe('lead');
		expect(stageOf(bob, 'acme')).toBe('lead');
		expect(undo.state()).toEqual({ canUndo: false, canRedo: true });
		expect(undo.redo()).toBe(true);
		expect(stageOf(bob, 'acme')).toBe('proposal');
	});

	it('removes the event of an undone move and restores it on redo', () => {
		const { alice, undo } = pair();
		moveCard(alice, 'acme', { stageId: 'proposal' }, ALICE);
		undo.undo();
		expect(readEvents(alice).map((event) => event.type)).toEqual(['create']);
		undo.redo();
		const moves = readEvents(alice).filter((event) => event.type === 'move');
		expect(moves).toMatchObject([{ cardId: 'acme', from: 'lead', to: 'proposal', by: 'alice' }]);
	});

	it('ignores remote changes', () => {
		const { bob, undo } = pair();
		moveCard(bob, 'acme', { stageId: 'won' }, BOB);
		expect(undo.state().canUndo).toBe(false);
		expect(undo.undo()).toBe(false);
		expect(stageOf(bob, 'acme')).toBe('won');
	});

	it('keeps a remote change made between', () => {
		const { alice, bob, undo } = pair();
		createCard(alice, { id: 'local', title: 'Local', stageId: 'lead' }, ALICE);
		createCard(bob, { id: 'remote', title: 'Remote', stageId: 'lead' }, BOB);
		undo.undo();
		const ids = readCards(bob).map((card) => card.id);
		expect(ids).toContain('remote');
		expect(ids).not.toContain('local');
	});

	it('moves a card back after a remote title edit', () => {
		const { alice, bob, undo } = pair();
		moveCard(alice, 'acme', { stageId: 'qualified' }, ALICE);
		updateCard(bob, 'acme', { title: 'Acme Ltd' }, BOB);
		undo.undo();
		const card = readCards(bob).find((entry) => entry.id === 'acme');
		expect(card).toMatchObject({ title: 'Acme Ltd', position: { stageId: 'lead' } });
	});

	it('keeps a remote move of the same card', () => {
		const { alice, bob, undo } = pair();
		moveCard(alice, 'acme', { stageId: 'qualified' }, ALICE);
		moveCard(bob, 'acme', { stageId: 'won' }, BOB);
		undo.undo();
		expect(stageOf(alice, 'acme')).toBe('won');
		expect(stageOf(bob, 'acme')).toBe('won');
	});

	it('does not restore a card deleted remotely', () => {
		const { alice, bob, undo } = pair();
		moveCard(alice, 'acme', { stageId: 'qualified' }, ALICE);
		deleteCard(bob, 'acme', BOB);
		undo.undo();
		for (const doc of [alice, bob]) {
			expect(boardRoots(doc).cards.has('acme')).toBe(false);
			expect(readCards(doc)).toEqual([]);
		}
	});

	it('restores a locally deleted card with its stage', () => {
		const { alice, bob, undo } = pair();
		deleteCard(alice, 'acme', ALICE);
		undo.undo();
		expect(readCards(bob)).toMatchObject([{ id: 'acme', position: { stageId: 'lead' } }]);
	});

	it('keeps quick changes apart as separate steps', () => {
		const alice = new Y.Doc();
		seedBoard(alice, { name: 'Undo' }, { by: 'system' });
		const undo = new BoardUndo(alice, { origin: ALICE.origin, captureTimeout: 60_000 });
		undos.push(undo);
		createCard(alice, { id: 'one', title: 'One', stageId: 'lead' }, ALICE);
		moveCard(alice, 'one', { stageId: 'won' }, ALICE);
		undo.undo();
		expect(readCards(alice)).toMatchObject([{ id: 'one', position: { stageId: 'lead' } }]);
	});

	it('undoes quick text edits as one step', () => {
		const { alice, undo } = pair();
		const notes = boardRoots(alice).cards.get('acme')!.get('notes') as Y.Text;
		undo.manager.captureTimeout = 60_000;
		for (const letter of 'call')
			alice.transact(() => notes.insert(notes.length, letter), ALICE.origin);
		undo.undo();
		expect(notes.toString()).toBe('');
	});

	it('reports state changes to listeners', () => {
		const { alice, undo } = pair();
		const states: string[] = [];
		undo.onChange((state) => states.push(`${state.canUndo} ${state.canRedo}`));
		moveCard(alice, 'acme', { stageId: 'won' }, ALICE);
		undo.undo();
		expect(states).toEqual(['true false', 'false true']);
	});
});

describe('undo keys', () => {
	const key = (init: KeyboardEventInit) => init as KeyboardEvent;

	it('reads Ctrl+Z and Cmd+Z as undo', () => {
		expect(isUndoKey(key({ key: 'z', ctrlKey: true }))).toBe(true);
		expect(isUndoKey(key({ key: 'z', metaKey: true }))).toBe(true);
		expect(isUndoKey(key({ key: 'z' }))).toBe(false);
		expect(isUndoKey(key({ key: 'Z', ctrlKey: true, shiftKey: true }))).toBe(false);
	});

	it('reads Ctrl+Shift+Z and Ctrl+Y as redo', () => {
		expect(isRedoKey(key({ key: 'Z', ctrlKey: true, shiftKey: true }))).toBe(true);
		expect(isRedoKey(key({ key: 'y', ctrlKey: true }))).toBe(true);
		expect(isRedoKey(key({ key: 'y' }))).toBe(false);
	});
});
