import { describe, expect, it } from 'vitest';
import { archiveCard, boardRoots } from '../../src/lib/board';
import { deriveKpis } from '../../src/lib/kpi';
import { addCard, day, emptyBoard, move, snapshot } from './kpi-fixtures';

describe('sales cycle', () => {
	it('gives median and mean days to the win', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0);
		move(doc, 'a', 'won', 10);
		addCard(doc, 'b', 0);
		move(doc, 'b', 'won', 20);
		addCard(doc, 'c', 5);
		move(doc, 'c', 'onboarding', 65); // 60 days, straight to ops
		addCard(doc, 'open', 0);
		const kpis = deriveKpis(snapshot(doc), { now: day(70) });
		expect(kpis.salesCycleDays).toEqual({ median: 20, p25: 15, p75: 40, mean: 30, count: 3 });
	});

	it('averages the middle pair of an even count', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0);
		move(doc, 'a', 'won', 4);
		addCard(doc, 'b', 0);
		move(doc, 'b', 'won', 7);
		const kpis = deriveKpis(snapshot(doc), { now: day(10) });
		expect(kpis.salesCycleDays.median).toBe(5.5);
		expect(kpis.salesCycleDays.mean).toBe(5.5);
	});

	it('interpolates quartiles between cycles', () => {
		const doc = emptyBoard();
		for (const [id, days] of [
			['a', 2],
			['b', 20],
			['c', 4],
			['d', 10]
		] as const) {
			addCard(doc, id, 0);
			move(doc, id, 'won', days);
		}
		const stats = deriveKpis(snapshot(doc), { now: day(30) }).salesCycleDays;
		// Sorted 2, 4, 10, 20: p25 is 3/4 of the way from 2 to 4, p75 1/4 from 10 to 20.
		expect(stats).toEqual({ median: 7, p25: 3.5, p75: 12.5, mean: 9, count: 4 });
	});

	it('uses createdAt and closedAt of imported cards', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 300, {
			stageId: 'won',
			createdAt: '2023-03-01',
			closedAt: '2023-03-31'
		});
		const kpis = deriveKpis(snapshot(doc), { now: day(301) });
		expect(kpis.salesCycleDays).toEqual({ median: 30, p25: 30, p75: 30, mean: 30, count: 1 });
	});

	it('skips a won date before creation', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 300, {
			stageId: 'won',
			createdAt: '2023-03-31',
			closedAt: '2023-03-01'
		});
		const kpis = deriveKpis(snapshot(doc), { now: day(301) });
		expect(kpis.salesCycleDays.count).toBe(0);
		expect(kpis.wonCount).toBe(1);
	});

	it('skips a card without createdAt', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0);
		move(doc, 'a', 'won', 3);
		boardRoots(doc).cards.get('a')!.delete('createdAt');
		const kpis = deriveKpis(snapshot(doc), { now: day(4) });
		expect(kpis.salesCycleDays).toEqual({
			median: null,
			p25: null,
			p75: null,
			mean: null,
			count: 0
		});
	});

	it('leaves archived cards out', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0);
		move(doc, 'a', 'won', 3);
		addCard(doc, 'b', 0);
		move(doc, 'b', 'won', 9);
		archiveCard(doc, 'b', true, { by: 'alice', now: day(10) });
		const kpis = deriveKpis(snapshot(doc), { now: day(11) });
		expect(kpis.salesCycleDays).toEqual({ median: 3, p25: 3, p75: 3, mean: 3, count: 1 });
		expect(kpis.wonCount).toBe(1);
	});
});

describe('handoff lag', () => {
	it('measures from the win to the first ops stage', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0);
		move(doc, 'a', 'won', 10);
		move(doc, 'a', 'onboarding', 12);
		move(doc, 'a', 'active', 20);
		addCard(doc, 'b', 0);
		move(doc, 'b', 'won', 10);
		move(doc, 'b', 'onboarding', 18);
		addCard(doc, 'c', 0);
		move(doc, 'c', 'won', 10);
		move(doc, 'c', 'onboarding', 11);
		addCard(doc, 'waiting', 0);
		move(doc, 'waiting', 'won', 10);
		const kpis = deriveKpis(snapshot(doc), { now: day(30) });
		expect(kpis.handoffLagDays.median).toBe(2);
		expect(kpis.handoffLagDays.mean).toBeCloseTo(11 / 3, 12);
		expect(kpis.handoffLagDays.count).toBe(3);
		// Lags 1, 2 and 8: the quartiles fall halfway between neighbouring lags.
		expect(kpis.handoffLagDays.p25).toBe(1.5);
		expect(kpis.handoffLagDays.p75).toBe(5);
	});

	it('is 0 for a card moved straight into ops', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0);
		move(doc, 'a', 'onboarding', 10);
		const kpis = deriveKpis(snapshot(doc), { now: day(30) });
		expect(kpis.handoffLagDays).toEqual({ median: 0, p25: 0, p75: 0, mean: 0, count: 1 });
	});

	it('restarts after a move back to sales', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0);
		move(doc, 'a', 'won', 2);
		move(doc, 'a', 'onboarding', 3);
		move(doc, 'a', 'negotiation', 4);
		move(doc, 'a', 'won', 10);
		move(doc, 'a', 'onboarding', 15);
		const kpis = deriveKpis(snapshot(doc), { now: day(30) });
		expect(kpis.handoffLagDays).toEqual({ median: 5, p25: 5, p75: 5, mean: 5, count: 1 });
	});

	it('uses closedAt for a card imported as won', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0, { stageId: 'won', closedAt: '2023-12-31' });
		move(doc, 'a', 'onboarding', 3);
		const kpis = deriveKpis(snapshot(doc), { now: day(30) });
		expect(kpis.handoffLagDays).toEqual({ median: 4, p25: 4, p75: 4, mean: 4, count: 1 });
	});
});

describe('time in stage', () => {
	it('takes the median of finished stays', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0);
		move(doc, 'a', 'qualified', 2);
		move(doc, 'a', 'proposal', 5);
		addCard(doc, 'b', 0);
		move(doc, 'b', 'qualified', 4);
		addCard(doc, 'c', 0);
		move(doc, 'c', 'qualified', 10);
		addCard(doc, 'still', 0);
		const kpis = deriveKpis(snapshot(doc), { now: day(30) });
		expect(kpis.timeInStageDays.lead).toBe(4);
		expect(kpis.timeInStageDays.qualified).toBe(3);
		expect(kpis.timeInStageDays.proposal).toBeNull();
	});

	it('counts every visit to a stage', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0);
		move(doc, 'a', 'qualified', 1);
		move(doc, 'a', 'lead', 2);
		move(doc, 'a', 'qualified', 12);
		const kpis = deriveKpis(snapshot(doc), { now: day(30) });
		expect(kpis.timeInStageDays.lead).toBe(5.5);
		expect(kpis.timeInStageDays.qualified).toBe(1);
	});

	it('orders events by time, not by position', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0);
		move(doc, 'a', 'proposal', 8);
		move(doc, 'a', 'qualified', 3);
		// In the document the day-8 move comes before the day-3 move. In time order the card
		// stayed in lead from day 0 to 3 and in qualified from day 3 to 8.
		const kpis = deriveKpis(snapshot(doc), { now: day(30) });
		expect(kpis.timeInStageDays.lead).toBe(3);
		expect(kpis.timeInStageDays.qualified).toBe(5);
	});

	it('skips events with an invalid time', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0);
		move(doc, 'a', 'qualified', 2);
		boardRoots(doc).events.push([
			{
				id: 'bad',
				type: 'move',
				cardId: 'a',
				at: 'yesterday',
				by: 'x',
				from: 'qualified',
				to: 'won'
			}
		]);
		const kpis = deriveKpis(snapshot(doc), { now: day(30) });
		expect(kpis.timeInStageDays.lead).toBe(2);
		expect(kpis.timeInStageDays.qualified).toBeNull();
	});
});
