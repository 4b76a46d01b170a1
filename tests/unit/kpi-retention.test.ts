import { describe, expect, it } from 'vitest';
import { archiveCard } from '../../src/lib/board';
import { deriveKpis } from '../../src/lib/kpi';
import { addCard, day, emptyBoard, move, snapshot } from './kpi-fixtures';

describe('retention by month', () => {
	it('counts active and churned at each month end', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0);
		move(doc, 'a', 'onboarding', 10); // January
		addCard(doc, 'b', 0);
		move(doc, 'b', 'won', 20);
		move(doc, 'b', 'active', 40); // February
		move(doc, 'b', 'churned', 70); // March
		addCard(doc, 'c', 0);
		move(doc, 'c', 'active', 45); // February
		const kpis = deriveKpis(snapshot(doc), { now: day(100) });
		expect(kpis.retentionByMonth).toEqual([
			{ month: '2024-01', active: 1, churned: 0, retentionRate: 1 },
			{ month: '2024-02', active: 3, churned: 0, retentionRate: 1 },
			{ month: '2024-03', active: 2, churned: 1, retentionRate: 2 / 3 }
		]);
		expect(kpis.retentionRate).toBe(2 / 3);
	});

	it('fills months without changes', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0);
		move(doc, 'a', 'active', 10); // January
		move(doc, 'a', 'churned', 100); // April
		const months = deriveKpis(snapshot(doc), { now: day(120) }).retentionByMonth;
		expect(months.map((month) => month.month)).toEqual([
			'2024-01',
			'2024-02',
			'2024-03',
			'2024-04'
		]);
		expect(months[2]).toEqual({ month: '2024-03', active: 1, churned: 0, retentionRate: 1 });
		expect(months[3]).toEqual({ month: '2024-04', active: 0, churned: 1, retentionRate: 0 });
	});

	it('counts a card won back as active', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0);
		move(doc, 'a', 'active', 10); // January
		move(doc, 'a', 'churned', 35); // February
		move(doc, 'a', 'renewal', 65); // March
		const months = deriveKpis(snapshot(doc), { now: day(70) }).retentionByMonth;
		expect(months.map((month) => [month.active, month.churned])).toEqual([
			[1, 0],
			[0, 1],
			[1, 0]
		]);
	});

	it('drops a card moved back to sales', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0);
		move(doc, 'a', 'onboarding', 10); // January
		move(doc, 'a', 'negotiation', 40); // February
		const months = deriveKpis(snapshot(doc), { now: day(50) }).retentionByMonth;
		expect(months[1]).toEqual({ month: '2024-02', active: 0, churned: 0, retentionRate: null });
	});

	it('dates an imported ops card by createdAt', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0, { stageId: 'churned', createdAt: '2023-11-15T00:00:00.000Z' });
		const board = snapshot(doc);
		const imported = { ...board, events: board.events.filter((event) => event.cardId !== 'a') };
		const months = deriveKpis(imported, { now: day(1) }).retentionByMonth;
		expect(months).toEqual([{ month: '2023-11', active: 0, churned: 1, retentionRate: 0 }]);
	});

	it('leaves archived cards out', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0);
		move(doc, 'a', 'active', 10);
		archiveCard(doc, 'a', true, { by: 'alice', now: day(11) });
		expect(deriveKpis(snapshot(doc), { now: day(12) }).retentionByMonth).toEqual([]);
	});

	it('is empty without ops cards', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0);
		expect(deriveKpis(snapshot(doc), { now: day(1) }).retentionByMonth).toEqual([]);
	});
});
