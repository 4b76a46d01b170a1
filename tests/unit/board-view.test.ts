/** The client's incremental board view: a change rebuilds only the columns it touches. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	archiveCard,
	createCard,
	deleteCard,
	moveCard,
	seedBoard,
	updateCard
} from '../../src/lib/board';
import { BoardView } from '../../src/lib/sync/board-view.svelte';

const context = { by: 'm-1' };

function board(): { doc: Y.Doc; view: BoardView; ids: string[] } {
	const doc = new Y.Doc();
	seedBoard(doc, { name: 'View' }, context);
	const ids = ['A', 'B', 'C'].map((title) =>
		createCard(doc, { title, stageId: 'won', value: 100 }, context)
	);
	createCard(doc, { title: 'D', stageId: 'lead', value: 5 }, context);
	return { doc, view: new BoardView(doc), ids };
}

describe('BoardView', () => {
	it('lists cards per stage with totals', () => {
		const { view } = board();
		expect(view.column('won').cards.map((card) => card.title)).toEqual(['A', 'B', 'C']);
		expect(view.column('won').total).toBe(300);
		expect(view.column('lead').total).toBe(5);
		expect(view.cardCount).toBe(4);
		expect(view.stages).toHaveLength(10);
	});

	it('rebuilds only the columns a move touches', () => {
		const { doc, view, ids } = board();
		const lead = view.column('lead').cards;
		const wonBefore = view.column('won').cards;
		moveCard(doc, ids[0], { stageId: 'onboarding' }, context);
		expect(view.column('lead').cards).toBe(lead);
		expect(view.column('won').cards).not.toBe(wonBefore);
		expect(view.column('won').cards.map((card) => card.title)).toEqual(['B', 'C']);
		expect(view.column('onboarding').cards.map((card) => card.title)).toEqual(['A']);
		expect(view.column('won').total).toBe(200);
	});

	it('keeps unchanged cards as the same objects', () => {
		const { doc, view, ids } = board();
		const [a, b] = view.column('won').cards;
		updateCard(doc, ids[0], { title: 'A2' }, context);
		const [a2, b2] = view.column('won').cards;
		expect(a2).not.toBe(a);
		expect(a2.title).toBe('A2');
		expect(b2).toBe(b);
	});

	it('follows remote changes, archives and deletes', () => {
		const { doc, view, ids } = board();
		const remote = new Y.Doc();
		Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
		const seen: string[][] = [];
		view.onRemoteCardChange((changed) => seen.push([...changed]));
		moveCard(remote, ids[1], { stageId: 'lead', afterCardId: null }, context);
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(doc)));
		expect(view.column('lead').cards.map((card) => card.title)).toEqual(['B', 'D']);
		expect(seen).toEqual([[ids[1]]]);

		archiveCard(doc, ids[0], true, context);
		deleteCard(doc, ids[2], context);
		expect(view.column('won').cards).toEqual([]);
		expect(view.cardCount).toBe(2);
		expect(view.card(ids[2])).toBeUndefined();
		expect(seen).toHaveLength(1);
	});

	it('reads wrong fields as defaults', () => {
		const { doc, view, ids } = board();
		const problems: string[] = [];
		const reporting = new BoardView(doc, (message) => problems.push(message));
		doc.getMap<Y.Map<unknown>>('cards').get(ids[0])!.set('value', 'a lot');
		expect(reporting.column('won').cards[0].value).toBe(0);
		expect(reporting.column('won').total).toBe(200);
		expect(problems).toContain(`card ${ids[0]}: value must be a number`);
		expect(view.column('won').cards).toHaveLength(3);
	});

	it('stops following the document when destroyed', () => {
		const { doc, view, ids } = board();
		const won = view.column('won').cards;
		view.destroy();
		moveCard(doc, ids[0], { stageId: 'lost' }, context);
		expect(view.column('won').cards).toBe(won);
	});
});
