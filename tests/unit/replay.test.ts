import { describe, expect, it } from 'vitest';
import { archiveCard, BoardError, deleteCard } from '../../src/lib/board';
import { boardAsOfDay, stagesAsOfDay } from '../../src/lib/board/replay';
import { addCard, day, emptyBoard, move, snapshot } from './kpi-fixtures';

/** 2024-01-01 plus `days`, as a plain date. */
function date(days: number): string {
	return day(days).toISOString().slice(0, 10);
}

describe('stagesAsOfDay', () => {
	it('places a created card in its first stage', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 2, { stageId: 'qualified' });
		expect(stagesAsOfDay(snapshot(doc), date(2))).toEqual(new Map([['a', 'qualified']]));
	});

	it('leaves out a card created after the day', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 1);
		addCard(doc, 'b', 5);
		expect([...stagesAsOfDay(snapshot(doc), date(4)).keys()]).toEqual(['a']);
	});

	it('follows a card moved twice', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0);
		move(doc, 'a', 'proposal', 3);
		move(doc, 'a', 'won', 6.5);
		const board = snapshot(doc);
		expect(stagesAsOfDay(board, date(2)).get('a')).toBe('lead');
		expect(stagesAsOfDay(board, date(3)).get('a')).toBe('proposal');
		expect(stagesAsOfDay(board, date(5)).get('a')).toBe('proposal');
		// The second move is at noon, so the whole day counts.
		expect(stagesAsOfDay(board, date(6)).get('a')).toBe('won');
	});

	it('ignores a move after the day', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0, { stageId: 'negotiation' });
		move(doc, 'a', 'lost', 9);
		expect(stagesAsOfDay(snapshot(doc), date(8)).get('a')).toBe('negotiation');
		expect(stagesAsOfDay(snapshot(doc), date(9)).get('a')).toBe('lost');
	});

	it('keeps a card archived after the day', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0);
		archiveCard(doc, 'a', true, { by: 'alice', now: day(4) });
		expect(stagesAsOfDay(snapshot(doc), date(3)).get('a')).toBe('lead');
		expect(stagesAsOfDay(snapshot(doc), date(4)).has('a')).toBe(false);
		const past = boardAsOfDay(snapshot(doc), date(3)).cards.find((card) => card.id === 'a');
		expect(past?.archived).toBe(false);
	});

	it('has no deleted card', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0);
		addCard(doc, 'b', 0);
		deleteCard(doc, 'a', { by: 'alice', now: day(5) });
		expect([...stagesAsOfDay(snapshot(doc), date(2)).keys()]).toEqual(['b']);
	});

	it('rejects a day that is not a date', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0);
		for (const bad of ['2024-1-5', '2024-02-30', 'yesterday', '']) {
			expect(() => stagesAsOfDay(snapshot(doc), bad)).toThrow(BoardError);
		}
		expect(stagesAsOfDay(snapshot(doc), date(0)).get('a')).toBe('lead');
	});
});
