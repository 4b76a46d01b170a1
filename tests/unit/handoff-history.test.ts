import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	archiveCard,
	boardRoots,
	cardHistory,
	createCard,
	handOff,
	moveCard,
	seedBoard,
	updateCard
} from '../../src/lib/board';

function at(day: number) {
	return { by: 'm-1', now: new Date(Date.UTC(2024, 4, day, 8)) };
}

describe('cardHistory', () => {
	it('lists one card newest first', () => {
		const doc = new Y.Doc();
		seedBoard(doc, { name: 'History board' }, at(1));
		const id = createCard(doc, { title: 'Acme', stageId: 'negotiation' }, at(1));
		const other = createCard(doc, { title: 'Beta', stageId: 'lead' }, at(2));
		moveCard(doc, id, { stageId: 'won' }, at(3));
		updateCard(doc, id, { value: 10 }, at(4));
		handOff(doc, id, { stageId: 'onboarding', facts: { needs: 'Reports' } }, at(5));
		archiveCard(doc, id, true, at(6));
		moveCard(doc, other, { stageId: 'qualified' }, at(7));
		const history = cardHistory(doc, id);
		expect(history.map((event) => event.type)).toEqual([
			'archive',
			'handoff',
			'move',
			'update',
			'move',
			'create'
		]);
		expect(history[1]).toMatchObject({ status: 'pending' });
		expect(history[2]).toMatchObject({ from: 'won', to: 'onboarding' });
	});

	it('skips malformed events from peers', () => {
		const doc = new Y.Doc();
		seedBoard(doc, { name: 'History board' }, at(1));
		const id = createCard(doc, { title: 'Acme', stageId: 'lead' }, at(1));
		boardRoots(doc).events.push(['text', { cardId: id }, { id: 'e', type: 'move', cardId: id }]);
		expect(cardHistory(doc, id).map((event) => event.type)).toEqual(['create']);
	});
});
