/** Closed deals: win rate, won value and wins per month. */
import type { CardFacts } from './facts';
import { countsInPeriod, type KpiFilter } from './options';
import { monthOf, monthRange } from './time';
import type { MonthTotal } from './types';

export interface ClosedTotals {
	wonCount: number;
	lostCount: number;
	winRate: number | null;
	wonValue: number;
	wonByMonth: MonthTotal[];
}

/**
 * Counts won and lost cards and sums the won value. Without a period every won and lost card
 * counts. With one, only cards won or lost inside it count, so cards without a known date drop out.
 */
export function closedTotals(facts: readonly CardFacts[], filter: KpiFilter): ClosedTotals {
	let wonCount = 0;
	let lostCount = 0;
	let wonValue = 0;
	const months = new Map<string, MonthTotal>();
	for (const card of facts) {
		if (card.outcome === 'open' || !countsInPeriod(card.closedAt, filter)) continue;
		if (card.outcome === 'lost') {
			lostCount += 1;
			continue;
		}
		wonCount += 1;
		wonValue += card.value;
		if (card.closedAt === null) continue;
		const month = monthOf(card.closedAt);
		const total = months.get(month);
		if (total) {
			total.count += 1;
			total.value += card.value;
		} else months.set(month, { month, count: 1, value: card.value });
	}
	const closed = wonCount + lostCount;
	return {
		wonCount,
		lostCount,
		winRate: closed === 0 ? null : wonCount / closed,
		wonValue,
		wonByMonth: fillMonths(months)
	};
}

export function fillMonths(months: Map<string, MonthTotal>): MonthTotal[] {
	if (months.size === 0) return [];
	const keys = [...months.keys()].sort();
	return monthRange(keys[0], keys[keys.length - 1]).map(
		(month) => months.get(month) ?? { month, count: 0, value: 0 }
	);
}
