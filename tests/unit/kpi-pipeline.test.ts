import { describe, expect, it } from 'vitest';
import { archiveCard, boardRoots } from '../../src/lib/board';
import { deriveKpis } from '../../src/lib/kpi';
import { addCard, day, emptyBoard, move, snapshot } from './kpi-fixtures';

describe('stage totals', () => {
	it('counts and sums every stage', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0, { value: 100 });
		addCard(doc, 'b', 0, { value: 50 });
		addCard(doc, 'c', 0, { value: 30, stageId: 'proposal' });
		addCard(doc, 'd', 0, { value: 7, stageId: 'onboarding' });
		const kpis = deriveKpis(snapshot(doc), { now: day(1) });
		expect(kpis.cardCount).toBe(4);
		expect(kpis.cardsByStage.lead).toBe(2);
		expect(kpis.cardsByStage.proposal).toBe(1);
		expect(kpis.cardsByStage.onboarding).toBe(1);
		expect(kpis.cardsByStage.won).toBe(0);
		expect(kpis.valueByStage.lead).toBe(150);
		expect(kpis.valueByStage.proposal).toBe(30);
		expect(kpis.valueByStage.onboarding).toBe(7);
		expect(Object.keys(kpis.cardsByStage)).toHaveLength(10);
	});

	it('leaves archived cards out', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0, { value: 100 });
		addCard(doc, 'b', 0, { value: 50 });
		archiveCard(doc, 'b', true, { by: 'alice', now: day(1) });
		const kpis = deriveKpis(snapshot(doc), { now: day(2) });
		expect(kpis.cardCount).toBe(1);
		expect(kpis.cardsByStage.lead).toBe(1);
		expect(kpis.valueByStage.lead).toBe(100);
		expect(kpis.openPipelineValue).toBe(100);
	});

	it('skips cards in unknown stages', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0, { value: 100 });
		boardRoots(doc).cards.get('a')!.set('position', { stageId: 'gone', rank: 'a0' });
		const kpis = deriveKpis(snapshot(doc), { now: day(1) });
		expect(kpis.cardCount).toBe(1);
		expect(kpis.valueByStage.lead).toBe(0);
		expect(kpis.openPipelineValue).toBe(0);
	});

	it('reads a wrongly typed value as 0', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0, { value: 100 });
		addCard(doc, 'b', 0, { value: 40 });
		boardRoots(doc).cards.get('a')!.set('value', 'lots');
		const kpis = deriveKpis(snapshot(doc), { now: day(1) });
		expect(kpis.valueByStage.lead).toBe(40);
		expect(kpis.cardsByStage.lead).toBe(2);
	});
});

describe('pipeline value', () => {
	it('sums open sales stages only', () => {
		const doc = emptyBoard();
		addCard(doc, 'lead', 0, { value: 1000 });
		addCard(doc, 'negotiation', 0, { value: 200, stageId: 'negotiation' });
		addCard(doc, 'won', 0, { value: 5000, stageId: 'won' });
		addCard(doc, 'lost', 0, { value: 3000, stageId: 'lost' });
		// Renewal is open but in the ops lane: not pipeline.
		addCard(doc, 'renewal', 0, { value: 4000, stageId: 'renewal' });
		const kpis = deriveKpis(snapshot(doc), { now: day(1) });
		expect(kpis.openPipelineValue).toBe(1200);
		expect(kpis.weightedPipelineValue).toBeCloseTo(1000 * 0.1 + 200 * 0.7, 9);
	});

	it('weighs a stage without probability at 0', () => {
		const doc = emptyBoard();
		boardRoots(doc).stages.get('proposal')!.delete('probability');
		addCard(doc, 'a', 0, { value: 500, stageId: 'proposal' });
		addCard(doc, 'b', 0, { value: 100, stageId: 'qualified' });
		const kpis = deriveKpis(snapshot(doc), { now: day(1) });
		expect(kpis.openPipelineValue).toBe(600);
		expect(kpis.weightedPipelineValue).toBeCloseTo(30, 9);
	});

	it('follows stage kinds, not ids', () => {
		const doc = emptyBoard();
		// Turn "proposal" into a won stage: its cards leave the pipeline and count as won.
		boardRoots(doc).stages.get('proposal')!.set('kind', 'won');
		addCard(doc, 'a', 0, { value: 500 });
		move(doc, 'a', 'proposal', 3);
		const kpis = deriveKpis(snapshot(doc), { now: day(4) });
		expect(kpis.openPipelineValue).toBe(0);
		expect(kpis.wonCount).toBe(1);
		expect(kpis.wonValue).toBe(500);
	});
});

describe('wip breaches', () => {
	it('lists stages over their limit', () => {
		const doc = emptyBoard();
		boardRoots(doc).stages.get('lead')!.set('wipLimit', 2);
		boardRoots(doc).stages.get('proposal')!.set('wipLimit', 2);
		for (const id of ['a', 'b', 'c']) addCard(doc, id, 0);
		for (const id of ['d', 'e']) addCard(doc, id, 0, { stageId: 'proposal' });
		const kpis = deriveKpis(snapshot(doc), { now: day(1) });
		expect(kpis.wipBreaches).toEqual([{ stageId: 'lead', count: 3, limit: 2 }]);
	});

	it('ignores archived cards and the owner filter', () => {
		const doc = emptyBoard();
		boardRoots(doc).stages.get('lead')!.set('wipLimit', 1);
		addCard(doc, 'a', 0, { salesOwner: 'bob' });
		addCard(doc, 'b', 0, { salesOwner: 'carol' });
		addCard(doc, 'c', 0, { salesOwner: 'carol' });
		archiveCard(doc, 'c', true, { by: 'alice', now: day(1) });
		const kpis = deriveKpis(snapshot(doc), { now: day(2), owner: 'bob' });
		expect(kpis.cardCount).toBe(1);
		expect(kpis.wipBreaches).toEqual([{ stageId: 'lead', count: 2, limit: 1 }]);
	});
});

describe('empty board', () => {
	it('returns zeros and nulls', () => {
		const kpis = deriveKpis(snapshot(emptyBoard()), { now: day(1) });
		expect(kpis.cardCount).toBe(0);
		expect(kpis.cardsByStage.lead).toBe(0);
		expect(kpis.openPipelineValue).toBe(0);
		expect(kpis.weightedPipelineValue).toBe(0);
		expect(kpis.winRate).toBeNull();
		expect(kpis.wonValue).toBe(0);
		expect(kpis.wonByMonth).toEqual([]);
		expect(kpis.salesCycleDays).toEqual({
			median: null,
			p25: null,
			p75: null,
			mean: null,
			count: 0
		});
		expect(kpis.handoffLagDays).toEqual({
			median: null,
			p25: null,
			p75: null,
			mean: null,
			count: 0
		});
		expect(kpis.timeInStageDays.lead).toBeNull();
		expect(kpis.retentionRate).toBeNull();
		expect(kpis.avgSatisfaction).toBeNull();
		expect(kpis.overdue).toEqual({ total: 0, byOwner: [] });
		expect(kpis.wipBreaches).toEqual([]);
	});

	it('handles a board without stages', () => {
		const kpis = deriveKpis(
			{
				meta: {
					schemaVersion: 1,
					name: '',
					createdAt: '',
					currency: 'CNY',
					locale: ''
				},
				stages: [],
				cards: [],
				events: [],
				members: []
			},
			{ now: day(1) }
		);
		expect(kpis.cardsByStage).toEqual({});
		expect(kpis.winRate).toBeNull();
	});
});
