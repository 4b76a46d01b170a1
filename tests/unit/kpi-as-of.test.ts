import { describe, expect, it } from 'vitest';
import { archiveCard, boardRoots, updateCard } from '../../src/lib/board';
import { deriveKpis, KpiOptionError } from '../../src/lib/kpi';
import { addCard, day, emptyBoard, move, snapshot } from './kpi-fixtures';

/** 2024-01-01 plus `days`, as a plain date. */
function date(days: number): string {
	return day(days).toISOString().slice(0, 10);
}

describe('deriveKpis asOf', () => {
	it('replays stages from moves', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0, { value: 100 });
		move(doc, 'a', 'proposal', 5);
		move(doc, 'a', 'won', 10);
		const before = deriveKpis(snapshot(doc), { asOf: date(7) });
		expect(before.cardsByStage.proposal).toBe(1);
		expect(before.cardsByStage.won).toBe(0);
		expect(before.openPipelineValue).toBe(100);
		expect(before.wonCount).toBe(0);
		expect(before.timeInStageDays.lead).toBe(5);
		expect(before.funnel[2]).toEqual({ stageId: 'proposal', count: 1 });
		const after = deriveKpis(snapshot(doc), { asOf: date(10) });
		expect(after.wonCount).toBe(1);
		expect(after.wonByMonth).toEqual([{ month: '2024-01', count: 1, value: 100 }]);
	});

	it('includes the whole chosen day', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0);
		move(doc, 'a', 'lost', 3.9);
		expect(deriveKpis(snapshot(doc), { asOf: date(3) }).lostCount).toBe(1);
		expect(deriveKpis(snapshot(doc), { asOf: date(2) }).lostCount).toBe(0);
	});

	it('leaves out cards created later', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0, { value: 100 });
		addCard(doc, 'b', 20, { value: 50 });
		const kpis = deriveKpis(snapshot(doc), { asOf: date(10) });
		expect(kpis.cardCount).toBe(1);
		expect(kpis.openPipelineValue).toBe(100);
	});

	it('counts a card archived later', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0, { value: 100 });
		archiveCard(doc, 'a', true, { by: 'alice', now: day(20) });
		expect(deriveKpis(snapshot(doc), { asOf: date(10) }).cardCount).toBe(1);
		expect(deriveKpis(snapshot(doc), { asOf: date(20) }).cardCount).toBe(0);
	});

	it('drops a close date after the moment', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0, { stageId: 'won', closedAt: day(40).toISOString() });
		updateCard(doc, 'a', { value: 10 }, { by: 'alice', now: day(1) });
		const kpis = deriveKpis(snapshot(doc), { asOf: date(10), from: date(0) });
		// Created as won, the card is dated by its creation once the later close date is dropped.
		expect(kpis.wonCount).toBe(1);
		expect(kpis.wonByMonth).toEqual([{ month: '2024-01', count: 1, value: 10 }]);
	});

	it('keeps cards without events by createdAt', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 5);
		addCard(doc, 'b', 5);
		boardRoots(doc).events.delete(0, boardRoots(doc).events.length);
		expect(deriveKpis(snapshot(doc), { asOf: date(4) }).cardCount).toBe(0);
		expect(deriveKpis(snapshot(doc), { asOf: date(5) }).cardCount).toBe(2);
	});

	it('judges overdue at the end of the day', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0, { dueAt: date(10) });
		expect(deriveKpis(snapshot(doc), { asOf: date(10) }).overdue.total).toBe(0);
		expect(deriveKpis(snapshot(doc), { asOf: date(11) }).overdue.total).toBe(1);
	});

	it('rejects an invalid asOf', () => {
		const doc = emptyBoard();
		const error = (() => {
			try {
				deriveKpis(snapshot(doc), { asOf: 'yesterday' });
			} catch (caught) {
				return caught;
			}
			return null;
		})();
		expect(error).toBeInstanceOf(KpiOptionError);
		expect((error as KpiOptionError).option).toBe('asOf');
	});
});
