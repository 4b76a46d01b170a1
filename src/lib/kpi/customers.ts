/** Customer KPIs: retention of ops cards, satisfaction and overdue cards per owner. */
import type { CardFacts } from './facts';
import type { KpiFilter } from './options';
import { mean } from './stats';
import { isTerminal } from './stages';
import type { OwnerCount } from './types';

/** Ops cards not in a churned stage / ops cards; null without ops cards. */
export function retentionRate(facts: readonly CardFacts[]): number | null {
	let ops = 0;
	let retained = 0;
	for (const card of facts) {
		if (card.stage?.lane !== 'ops') continue;
		ops += 1;
		if (card.stage.kind !== 'churned') retained += 1;
	}
	return ops === 0 ? null : retained / ops;
}

export function avgSatisfaction(facts: readonly CardFacts[]): number | null {
	const scores: number[] = [];
	for (const card of facts) if (card.satisfaction !== null) scores.push(card.satisfaction);
	return mean(scores);
}

/**
 * Counts cards past their due date at `filter.now` and not in a terminal stage. Each counts for
 * the owner of the card's current lane, and owners with more overdue cards come first.
 */
export function overdueByOwner(
	facts: readonly CardFacts[],
	filter: KpiFilter
): { total: number; byOwner: OwnerCount[] } {
	const counts = new Map<string | null, number>();
	let total = 0;
	for (const card of facts) {
		if (card.overdueFrom === null || filter.now < card.overdueFrom) continue;
		if (card.stage && isTerminal(card.stage)) continue;
		total += 1;
		counts.set(card.laneOwner, (counts.get(card.laneOwner) ?? 0) + 1);
	}
	const byOwner = [...counts].map(([owner, count]) => ({ owner, count }));
	byOwner.sort((a, b) => b.count - a.count || compareOwners(a.owner, b.owner));
	return { total, byOwner };
}

/** Orders member ids alphabetically, with cards without an owner last. */
export function compareOwners(a: string | null, b: string | null): number {
	if (a === b) return 0;
	if (a === null) return 1;
	if (b === null) return -1;
	return a < b ? -1 : 1;
}
