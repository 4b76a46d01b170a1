import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	BoardError,
	addChecklistItem,
	cardChecklist,
	checklistProgress,
	createCard,
	readEvents,
	removeChecklistItem,
	renameChecklistItem,
	seedBoard,
	toggleChecklistItem
} from '../../src/lib/board';

const context = { by: 'ops-1', now: new Date('2024-05-01T08:00:00Z') };

function board(): { doc: Y.Doc; id: string } {
	const doc = new Y.Doc();
	seedBoard(doc, { name: 'Checklist board' }, context);
	const id = createCard(doc, { title: 'Acme', stageId: 'onboarding' }, context);
	return { doc, id };
}

function sync(a: Y.Doc, b: Y.Doc): void {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('checklist', () => {
	it('adds, toggles, renames and removes items', () => {
		const { doc, id } = board();
		const first = addChecklistItem(doc, id, ' Kick-off call ', context);
		const second = addChecklistItem(doc, id, 'Training', context);
		toggleChecklistItem(doc, id, first, true, context);
		renameChecklistItem(doc, id, second, 'Admin training', context);
		expect(cardChecklist(doc, id)).toEqual([
			{ id: first, text: 'Kick-off call', done: true },
			{ id: second, text: 'Admin training', done: false }
		]);
		expect(checklistProgress(cardChecklist(doc, id))).toEqual({ done: 1, total: 2 });
		removeChecklistItem(doc, id, first, context);
		expect(cardChecklist(doc, id).map((item) => item.id)).toEqual([second]);
	});

	it('stores items as maps in the card array', () => {
		const { doc, id } = board();
		addChecklistItem(doc, id, 'Kick-off call', context);
		const list = doc.getMap('cards').get(id) as Y.Map<unknown>;
		const [item] = (list.get('checklist') as Y.Array<unknown>).toArray();
		expect(item).toBeInstanceOf(Y.Map);
	});

	it('appends one update event per change', () => {
		const { doc, id } = board();
		const item = addChecklistItem(doc, id, 'Kick-off call', context);
		toggleChecklistItem(doc, id, item, true, context);
		toggleChecklistItem(doc, id, item, true, context);
		const events = readEvents(doc).slice(1);
		expect(events).toHaveLength(2);
		expect(events[0]).toMatchObject({ type: 'update', fields: ['checklist'], by: 'ops-1' });
	});

	it('rejects blank or long text and keeps items', () => {
		const { doc, id } = board();
		const item = addChecklistItem(doc, id, 'Kick-off call', context);
		const before = Y.encodeStateAsUpdate(doc);
		expect(() => addChecklistItem(doc, id, '  ', context)).toThrow(BoardError);
		expect(() => renameChecklistItem(doc, id, item, '', context)).toThrow(BoardError);
		expect(() => addChecklistItem(doc, id, 'x'.repeat(501), context)).toThrow(BoardError);
		expect(() => toggleChecklistItem(doc, id, 'missing', true, context)).toThrow(BoardError);
		expect(() => addChecklistItem(doc, 'missing', 'Call', context)).toThrow(BoardError);
		expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
		expect(cardChecklist(doc, id)).toEqual([{ id: item, text: 'Kick-off call', done: false }]);
	});

	it('skips malformed entries from peers', () => {
		const { doc, id } = board();
		const list = (doc.getMap('cards').get(id) as Y.Map<unknown>).get(
			'checklist'
		) as Y.Array<unknown>;
		list.push(['plain string', new Y.Map()]);
		const item = addChecklistItem(doc, id, 'Kick-off call', context);
		expect(cardChecklist(doc, id)).toEqual([{ id: item, text: 'Kick-off call', done: false }]);
	});
});

describe('checklist replicas', () => {
	it('converges on concurrent toggles and adds', () => {
		const { doc: a, id } = board();
		const first = addChecklistItem(a, id, 'Kick-off call', context);
		const second = addChecklistItem(a, id, 'Training', context);
		const b = new Y.Doc();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		toggleChecklistItem(a, id, first, true, context);
		addChecklistItem(a, id, 'Invoice', context);
		toggleChecklistItem(b, id, second, true, context);
		addChecklistItem(b, id, 'Report', context);
		sync(a, b);
		const items = cardChecklist(a, id);
		expect(cardChecklist(b, id)).toEqual(items);
		expect(items.map((item) => item.text).sort()).toEqual([
			'Invoice',
			'Kick-off call',
			'Report',
			'Training'
		]);
		expect(checklistProgress(items)).toEqual({ done: 2, total: 4 });
	});

	it('toggles the right item after a concurrent removal', () => {
		const { doc: a, id } = board();
		const first = addChecklistItem(a, id, 'Kick-off call', context);
		const second = addChecklistItem(a, id, 'Training', context);
		const b = new Y.Doc();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		removeChecklistItem(a, id, first, context);
		sync(a, b);
		toggleChecklistItem(b, id, second, true, context);
		sync(a, b);
		expect(cardChecklist(a, id)).toEqual([{ id: second, text: 'Training', done: true }]);
	});
});
