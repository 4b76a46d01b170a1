import { describe, expect, it } from 'vitest';
import { boardRoots } from '../../src/lib/board';
import { deriveKpis } from '../../src/lib/kpi';
import { addCard, day, emptyBoard, move, snapshot } from './kpi-fixtures';

describe('win rate', () => {
	it('divides won by won and lost', () => {
		const doc = emptyBoard();
		for (const id of ['w1', 'w2', 'w3']) {
			addCard(doc, id, 0, { value: 10 });
			move(doc, id, 'won', 5);
		}
		addCard(doc, 'l1', 0);
		move(doc, 'l1', 'lost', 5);
		addCard(doc, 'open', 0);
		const kpis = deriveKpis(snapshot(doc), { now: day(6) });
		expect(kpis.wonCount).toBe(3);
		expect(kpis.lostCount).toBe(1);
		expect(kpis.winRate).toBe(0.75);
	});

	it('counts cards handed to ops as won', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0, { value: 10 });
		move(doc, 'a', 'won', 3);
		move(doc, 'a', 'onboarding', 4);
		addCard(doc, 'b', 0, { value: 20 });
		move(doc, 'b', 'won', 3);
		move(doc, 'b', 'onboarding', 4);
		move(doc, 'b', 'churned', 40);
		addCard(doc, 'c', 0);
		move(doc, 'c', 'lost', 3);
		const kpis = deriveKpis(snapshot(doc), { now: day(50) });
		expect(kpis.wonCount).toBe(2);
		expect(kpis.wonValue).toBe(30);
		expect(kpis.winRate).toBeCloseTo(2 / 3, 12);
	});

	it('is null when nothing is closed', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0);
		expect(deriveKpis(snapshot(doc), { now: day(1) }).winRate).toBeNull();
	});

	it('drops a card moved back out of won', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0, { value: 10 });
		move(doc, 'a', 'won', 3);
		move(doc, 'a', 'negotiation', 4);
		addCard(doc, 'b', 0);
		move(doc, 'b', 'lost', 3);
		const kpis = deriveKpis(snapshot(doc), { now: day(5) });
		expect(kpis.wonCount).toBe(0);
		expect(kpis.wonValue).toBe(0);
		expect(kpis.winRate).toBe(0);
		expect(kpis.openPipelineValue).toBe(10);
	});

	it('counts a lost card won again as won', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0, { value: 10 });
		move(doc, 'a', 'lost', 3);
		move(doc, 'a', 'won', 9);
		const kpis = deriveKpis(snapshot(doc), { now: day(10) });
		expect(kpis.wonCount).toBe(1);
		expect(kpis.lostCount).toBe(0);
	});
});

describe('won by month', () => {
	it('groups by the first move into won', () => {
		const doc = emptyBoard();
		addCard(doc, 'jan', 0, { value: 100 });
		move(doc, 'jan', 'won', 10); // 2024-01-11
		// Won in January, handed to ops in February: still a January win.
		addCard(doc, 'handed', 0, { value: 50 });
		move(doc, 'handed', 'won', 30); // 2024-01-31
		move(doc, 'handed', 'onboarding', 35);
		addCard(doc, 'apr', 0, { value: 7 });
		move(doc, 'apr', 'onboarding', 95); // 2024-04-05, straight to ops
		const kpis = deriveKpis(snapshot(doc), { now: day(100) });
		expect(kpis.wonByMonth).toEqual([
			{ month: '2024-01', count: 2, value: 150 },
			{ month: '2024-02', count: 0, value: 0 },
			{ month: '2024-03', count: 0, value: 0 },
			{ month: '2024-04', count: 1, value: 7 }
		]);
	});

	it('dates a re-won card by its last win', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0, { value: 10 });
		move(doc, 'a', 'won', 10); // January
		move(doc, 'a', 'proposal', 20);
		move(doc, 'a', 'won', 40); // February
		const kpis = deriveKpis(snapshot(doc), { now: day(50) });
		expect(kpis.wonByMonth).toEqual([{ month: '2024-02', count: 1, value: 10 }]);
	});

	it('falls back to closedAt without a move event', () => {
		const doc = emptyBoard();
		addCard(doc, 'imported', 200, {
			stageId: 'won',
			value: 40,
			createdAt: '2023-11-02',
			closedAt: '2023-12-20'
		});
		addCard(doc, 'undated', 200, { stageId: 'won', value: 5 });
		const kpis = deriveKpis(snapshot(doc), { now: day(201) });
		expect(kpis.wonByMonth).toEqual([
			{ month: '2023-12', count: 1, value: 40 },
			{ month: '2024-01', count: 0, value: 0 },
			{ month: '2024-02', count: 0, value: 0 },
			{ month: '2024-03', count: 0, value: 0 },
			{ month: '2024-04', count: 0, value: 0 },
			{ month: '2024-05', count: 0, value: 0 },
			{ month: '2024-06', count: 0, value: 0 },
			{ month: '2024-07', count: 1, value: 5 }
		]);
		expect(kpis.wonValue).toBe(45);
	});

	it('counts a won card without any date in the totals only', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0, { stageId: 'won', value: 5 });
		// A peer wrote a card into won with no event and no closedAt.
		boardRoots(doc).events.delete(0, boardRoots(doc).events.length);
		const kpis = deriveKpis(snapshot(doc), { now: day(1) });
		expect(kpis.wonCount).toBe(1);
		expect(kpis.wonValue).toBe(5);
		expect(kpis.wonByMonth).toEqual([]);
		expect(kpis.salesCycleDays.count).toBe(0);
	});
});

describe('period filter', () => {
	it('counts closes inside the period', () => {
		const doc = emptyBoard();
		addCard(doc, 'jan', 0, { value: 1 });
		move(doc, 'jan', 'won', 10);
		addCard(doc, 'feb', 0, { value: 2 });
		move(doc, 'feb', 'won', 40);
		addCard(doc, 'feb-lost', 0);
		move(doc, 'feb-lost', 'lost', 45);
		addCard(doc, 'mar', 0, { value: 4 });
		move(doc, 'mar', 'won', 70);
		const kpis = deriveKpis(snapshot(doc), { now: day(80), from: '2024-02-01', to: '2024-02-29' });
		expect(kpis.wonCount).toBe(1);
		expect(kpis.lostCount).toBe(1);
		expect(kpis.wonValue).toBe(2);
		expect(kpis.winRate).toBe(0.5);
		expect(kpis.wonByMonth).toEqual([{ month: '2024-02', count: 1, value: 2 }]);
		// Stage totals describe the board now and ignore the period.
		expect(kpis.cardsByStage.won).toBe(3);
	});

	it('includes the whole last day', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0, { value: 1 });
		moveCardAt(doc, 'a', 'won', '2024-02-29T23:59:59.999Z');
		const inside = deriveKpis(snapshot(doc), { now: day(80), to: '2024-02-29' });
		const outside = deriveKpis(snapshot(doc), { now: day(80), to: '2024-02-28' });
		expect(inside.wonCount).toBe(1);
		expect(outside.wonCount).toBe(0);
	});
});

function moveCardAt(doc: ReturnType<typeof emptyBoard>, id: string, stageId: string, at: string) {
	move(doc, id, stageId, (Date.parse(at) - day(0).getTime()) / 86_400_000);
}
