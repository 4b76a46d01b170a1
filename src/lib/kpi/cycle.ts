/** Durations: the sales cycle, the handoff lag and the time cards spend in each stage. */
import type { Stage } from '../board/schema';
import type { CardFacts } from './facts';
import { countsInPeriod, inPeriod, type KpiFilter } from './options';
import { dayStats, median, type DayStats } from './stats';
import { daysBetween } from './time';

/** Days from `createdAt` to the won date, for won cards with both dates in order. */
export function salesCycleDays(facts: readonly CardFacts[], filter: KpiFilter): DayStats {
	const days: number[] = [];
	for (const card of facts) {
		if (card.outcome !== 'won' || card.closedAt === null || card.createdAt === null) continue;
		if (!countsInPeriod(card.closedAt, filter)) continue;
		// A won date before the creation date is bad data, not a negative cycle.
		if (card.closedAt < card.createdAt) continue;
		days.push(daysBetween(card.createdAt, card.closedAt));
	}
	return dayStats(days);
}

/** Days from the won date to the first move into an ops stage, for won cards with both. */
export function handoffLagDays(facts: readonly CardFacts[], filter: KpiFilter): DayStats {
	const days: number[] = [];
	for (const card of facts) {
		if (card.closedAt === null || card.opsEnteredAt === null) continue;
		if (!countsInPeriod(card.closedAt, filter)) continue;
		// A won date (from closedAt) after the move into ops is bad data, not a negative lag.
		if (card.opsEnteredAt < card.closedAt) continue;
		days.push(daysBetween(card.closedAt, card.opsEnteredAt));
	}
	return dayStats(days);
}

/** Median days of the finished stays per stage; with a period, the stays that ended in it. */
export function timeInStageDays(
	facts: readonly CardFacts[],
	stages: readonly Stage[],
	filter: KpiFilter
): Record<string, number | null> {
	const stays = new Map<string, number[]>(stages.map((stage) => [stage.id, []]));
	for (const card of facts) {
		for (const stay of card.stays) {
			const list = stays.get(stay.stageId);
			if (list && inPeriod(stay.leftAt, filter)) list.push(stay.days);
		}
	}
	const medians: Record<string, number | null> = {};
	for (const [stageId, days] of stays) medians[stageId] = median(days);
	return medians;
}
