import { describe, expect, it } from 'vitest';
import { deleteCard } from '../../src/lib/board';
import { changesSince } from '../../src/lib/kpi';
import { addCard, day, emptyBoard, move, snapshot } from './kpi-fixtures';

describe('changesSince', () => {
	it('classifies moves, wins, losses and handoffs', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0);
		addCard(doc, 'b', 0);
		move(doc, 'a', 'proposal', 1);
		move(doc, 'a', 'won', 2);
		move(doc, 'a', 'onboarding', 3);
		move(doc, 'b', 'lost', 4);
		const changes = changesSince(snapshot(doc), day(1).getTime());
		expect(changes.map((change) => [change.cardId, change.kind, change.to])).toEqual([
			['b', 'lost', 'lost'],
			['a', 'handoff', 'onboarding'],
			['a', 'won', 'won'],
			['a', 'moved', 'proposal']
		]);
		expect(changes[0]).toMatchObject({
			title: 'b',
			from: 'lead',
			by: 'alice',
			at: day(4).getTime()
		});
	});

	it('keeps to the span', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0);
		move(doc, 'a', 'qualified', 1);
		move(doc, 'a', 'proposal', 5);
		const changes = changesSince(snapshot(doc), day(1).getTime() + 1, day(5).getTime());
		expect(changes).toEqual([]);
	});

	it('names deleted cards by id', () => {
		const doc = emptyBoard();
		addCard(doc, 'gone', 0, { title: 'Gone Ltd' });
		move(doc, 'gone', 'won', 1);
		expect(changesSince(snapshot(doc), 0)[0].title).toBe('Gone Ltd');
		deleteCard(doc, 'gone', { by: 'bob', now: day(2) });
		expect(changesSince(snapshot(doc), 0)[0].title).toBe('gone');
	});
});
