/**
 * The full derivation: board snapshot → per-card facts → KPIs. `aggregateKpis` takes the facts
 * alone, so a caller that keeps facts per card can refresh only the cards that changed.
 */
import type { BoardSnapshot } from '../board/board';
import type { Stage } from '../board/schema';
import { snapshotAsOf } from './as-of';
import { closedTotals } from './closed';
import { handoffLagDays, salesCycleDays, timeInStageDays } from './cycle';
import { avgSatisfaction, overdueByOwner, retentionRate } from './customers';
import { cardFacts, type CardFacts } from './facts';
import { funnelCounts, tallyFurthest } from './funnel';
import { groupEventsByCard } from './history';
import { resolveOptions, type KpiFilter, type KpiOptions } from './options';
import { stageTotals, wipBreaches } from './pipeline';
import { retentionByMonth } from './retention';
import { inLane, indexStages } from './stages';
import type { Kpis } from './types';

/** Derives every KPI of a board; throws `KpiOptionError` when an option is invalid. */
export function deriveKpis(snapshot: BoardSnapshot, options?: KpiOptions): Kpis {
	const filter = resolveOptions(options);
	const board = filter.asOf === undefined ? snapshot : snapshotAsOf(snapshot, filter.asOf);
	return aggregateKpis(deriveCardFacts(board), board.stages, filter);
}

/** Returns the facts of every unarchived card of the board. */
export function deriveCardFacts(snapshot: Pick<BoardSnapshot, 'cards' | 'events' | 'stages'>) {
	const stages = indexStages(snapshot.stages);
	const events = groupEventsByCard(snapshot.events);
	const facts: CardFacts[] = [];
	for (const card of snapshot.cards) {
		const contribution = cardFacts(card, events.get(card.id), stages);
		if (contribution) facts.push(contribution);
	}
	return facts;
}

/** Computes the KPIs from per-card facts; `stages` are the board's stages in board order. */
export function aggregateKpis(
	allFacts: readonly CardFacts[],
	allStages: readonly Stage[],
	filter: KpiFilter
): Kpis {
	const stages = allStages.filter((stage) => inLane(stage, filter.lane));
	const facts = allFacts.filter((card) => selected(card, filter));
	const laneFacts = allFacts.filter((card) => card.stage && inLane(card.stage, filter.lane));
	return {
		cardCount: facts.length,
		...stageTotals(facts, stages),
		...closedTotals(facts, filter),
		salesCycleDays: salesCycleDays(facts, filter),
		handoffLagDays: handoffLagDays(facts, filter),
		timeInStageDays: timeInStageDays(facts, stages, filter),
		retentionRate: retentionRate(facts),
		retentionByMonth: retentionByMonth(facts),
		avgSatisfaction: avgSatisfaction(facts),
		overdue: overdueByOwner(facts, filter),
		wipBreaches: wipBreaches(laneFacts, stages),
		funnel: funnelCounts(tallyFurthest(facts.map((card) => card.furthestStep)), stages)
	};
}

function selected(card: CardFacts, filter: KpiFilter): boolean {
	if (filter.lane !== undefined && card.stage?.lane !== filter.lane) return false;
	if (filter.owner !== undefined) {
		return card.salesOwner === filter.owner || card.opsOwner === filter.owner;
	}
	return true;
}
