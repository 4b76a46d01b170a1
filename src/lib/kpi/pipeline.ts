/** Counts and values per stage, the open and weighted pipeline, and WIP limit breaches. */
import type { Stage } from '../board/schema';
import type { CardFacts } from './facts';
import { isOpenSales } from './stages';
import type { WipBreach } from './types';

export interface StageTotals {
	cardsByStage: Record<string, number>;
	valueByStage: Record<string, number>;
	openPipelineValue: number;
	weightedPipelineValue: number;
}

/** Sums the cards per stage. Cards in stages missing from `stages` are left out. */
export function stageTotals(facts: readonly CardFacts[], stages: readonly Stage[]): StageTotals {
	const cardsByStage: Record<string, number> = {};
	const valueByStage: Record<string, number> = {};
	for (const stage of stages) {
		cardsByStage[stage.id] = 0;
		valueByStage[stage.id] = 0;
	}
	let openPipelineValue = 0;
	let weightedPipelineValue = 0;
	for (const card of facts) {
		const stage = card.stage;
		if (!stage || !(stage.id in cardsByStage)) continue;
		cardsByStage[stage.id] += 1;
		valueByStage[stage.id] += card.value;
		if (isOpenSales(stage)) {
			openPipelineValue += card.value;
			// A stage without a probability weighs its cards at 0.
			weightedPipelineValue += card.value * (stage.probability ?? 0);
		}
	}
	return { cardsByStage, valueByStage, openPipelineValue, weightedPipelineValue };
}

/**
 * Lists the stages holding more cards than their WIP limit. `facts` should be every unarchived
 * card, unfiltered by owner: a limit is on the whole team's stage.
 */
export function wipBreaches(facts: readonly CardFacts[], stages: readonly Stage[]): WipBreach[] {
	const counts = new Map<string, number>();
	for (const card of facts) {
		if (card.stage) counts.set(card.stage.id, (counts.get(card.stage.id) ?? 0) + 1);
	}
	const breaches: WipBreach[] = [];
	for (const stage of stages) {
		const count = counts.get(stage.id) ?? 0;
		if (stage.wipLimit !== undefined && count > stage.wipLimit) {
			breaches.push({ stageId: stage.id, count, limit: stage.wipLimit });
		}
	}
	return breaches;
}
