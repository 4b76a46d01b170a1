import { describe, expect, it } from 'vitest';
import { archiveCard, boardRoots } from '../../src/lib/board';
import { deriveKpis } from '../../src/lib/kpi';
import { addCard, day, emptyBoard, move, snapshot } from './kpi-fixtures';

describe('retention rate', () => {
	it('divides ops cards not churned by ops cards', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0, { stageId: 'onboarding' });
		addCard(doc, 'b', 0, { stageId: 'active' });
		addCard(doc, 'c', 0, { stageId: 'renewal' });
		addCard(doc, 'd', 0, { stageId: 'active' });
		move(doc, 'd', 'churned', 5);
		addCard(doc, 'sales', 0, { stageId: 'won' });
		const kpis = deriveKpis(snapshot(doc), { now: day(6) });
		expect(kpis.retentionRate).toBe(0.75);
	});

	it('is null without ops cards', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0, { stageId: 'won' });
		expect(deriveKpis(snapshot(doc), { now: day(1) }).retentionRate).toBeNull();
	});

	it('leaves archived churned cards out', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0, { stageId: 'active' });
		addCard(doc, 'b', 0, { stageId: 'churned' });
		archiveCard(doc, 'b', true, { by: 'alice', now: day(1) });
		expect(deriveKpis(snapshot(doc), { now: day(2) }).retentionRate).toBe(1);
	});
});

describe('average satisfaction', () => {
	it('averages cards that have a score', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0, { stageId: 'active', satisfaction: 5 });
		addCard(doc, 'b', 0, { stageId: 'active', satisfaction: 2 });
		addCard(doc, 'c', 0, { stageId: 'active', satisfaction: 4 });
		addCard(doc, 'none', 0, { stageId: 'active' });
		expect(deriveKpis(snapshot(doc), { now: day(1) }).avgSatisfaction).toBeCloseTo(11 / 3, 12);
	});

	it('ignores out-of-range scores from peers', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0, { satisfaction: 4 });
		addCard(doc, 'b', 0);
		boardRoots(doc).cards.get('b')!.set('satisfaction', 50);
		expect(deriveKpis(snapshot(doc), { now: day(1) }).avgSatisfaction).toBe(4);
	});

	it('is null when no card has a score', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0);
		expect(deriveKpis(snapshot(doc), { now: day(1) }).avgSatisfaction).toBeNull();
	});
});

describe('overdue', () => {
	it('counts per owner of the current lane', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0, { salesOwner: 'bob', dueAt: '2024-01-05' });
		addCard(doc, 'b', 0, { salesOwner: 'bob', dueAt: '2024-01-03T12:00:00Z' });
		addCard(doc, 'c', 0, { salesOwner: 'carol', dueAt: '2024-01-02' });
		addCard(doc, 'd', 0, { dueAt: '2024-01-02' });
		addCard(doc, 'ops', 0, {
			stageId: 'onboarding',
			salesOwner: 'bob',
			opsOwner: 'dan',
			dueAt: '2024-01-02'
		});
		addCard(doc, 'future', 0, { salesOwner: 'carol', dueAt: '2024-03-01' });
		const kpis = deriveKpis(snapshot(doc), { now: day(10) });
		expect(kpis.overdue.total).toBe(5);
		expect(kpis.overdue.byOwner).toEqual([
			{ owner: 'bob', count: 2 },
			{ owner: 'carol', count: 1 },
			{ owner: 'dan', count: 1 },
			{ owner: null, count: 1 }
		]);
	});

	it('starts the day after a plain due date', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0, { dueAt: '2024-01-05' });
		const onTheDay = deriveKpis(snapshot(doc), { now: new Date('2024-01-05T23:59:59Z') });
		const dayAfter = deriveKpis(snapshot(doc), { now: new Date('2024-01-06T00:00:00Z') });
		expect(onTheDay.overdue.total).toBe(0);
		expect(dayAfter.overdue.total).toBe(1);
	});

	it('skips won, lost and churned cards', () => {
		const doc = emptyBoard();
		for (const stageId of ['won', 'lost', 'churned', 'active']) {
			addCard(doc, stageId, 0, { stageId, dueAt: '2024-01-02' });
		}
		const kpis = deriveKpis(snapshot(doc), { now: day(10) });
		expect(kpis.overdue.total).toBe(1);
	});

	it('skips archived cards', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0, { dueAt: '2024-01-02' });
		archiveCard(doc, 'a', true, { by: 'alice', now: day(1) });
		expect(deriveKpis(snapshot(doc), { now: day(10) }).overdue.total).toBe(0);
	});
});

describe('owner and lane filters', () => {
	it('keeps cards of either owner role', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0, { value: 1, salesOwner: 'bob' });
		addCard(doc, 'b', 0, { value: 2, stageId: 'active', salesOwner: 'carol', opsOwner: 'bob' });
		addCard(doc, 'c', 0, { value: 4, salesOwner: 'carol' });
		const kpis = deriveKpis(snapshot(doc), { now: day(1), owner: 'bob' });
		expect(kpis.cardCount).toBe(2);
		expect(kpis.valueByStage.lead).toBe(1);
		expect(kpis.valueByStage.active).toBe(2);
	});

	it('keeps one lane and its stages', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0, { value: 1 });
		addCard(doc, 'b', 0, { value: 2, stageId: 'active', satisfaction: 5 });
		addCard(doc, 'c', 0, { value: 4, stageId: 'churned', satisfaction: 1 });
		const kpis = deriveKpis(snapshot(doc), { now: day(1), lane: 'ops' });
		expect(kpis.cardCount).toBe(2);
		expect(Object.keys(kpis.cardsByStage)).toEqual(['onboarding', 'active', 'renewal', 'churned']);
		expect(kpis.openPipelineValue).toBe(0);
		expect(kpis.retentionRate).toBe(0.5);
		expect(kpis.avgSatisfaction).toBe(3);
	});
});
