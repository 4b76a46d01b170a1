/**
 * The sales funnel: how many cards have reached each step of the sales path. The path is the
 * sales lane's stages other than lost ones, in board order. Reaching a step counts for every
 * step before it, and reaching any ops stage counts as reaching the last step.
 */
import type { Stage } from '../board/schema';
import type { Stay } from './history';
import type { StageIndex } from './stages';
import type { StageCount } from './types';

const positionsByStages = new WeakMap<readonly Stage[], Map<string, number>>();

/** Returns the steps of the funnel: the sales stages that are not lost, in board order. */
export function funnelSteps(stages: readonly Stage[]): Stage[] {
	return stages.filter((stage) => stage.lane === 'sales' && stage.kind !== 'lost');
}

function positionsOf(stages: readonly Stage[]): Map<string, number> {
	let positions = positionsByStages.get(stages);
	if (!positions) {
		positions = new Map(funnelSteps(stages).map((stage, index) => [stage.id, index]));
		positionsByStages.set(stages, positions);
	}
	return positions;
}

/** Returns the id of the furthest funnel step a card has reached, or null when it reached none. */
export function furthestStep(
	stays: readonly Stay[],
	current: Stage | undefined,
	stages: StageIndex
): string | null {
	const positions = positionsOf(stages.stages);
	const last = positions.size - 1;
	let furthest = -1;
	const visit = (stage: Stage | undefined) => {
		if (!stage) return;
		const position = stage.lane === 'ops' ? last : (positions.get(stage.id) ?? -1);
		if (position > furthest) furthest = position;
	};
	visit(current);
	for (const stay of stays) visit(stages.get(stay.stageId));
	return furthest < 0 ? null : funnelSteps(stages.stages)[furthest].id;
}

/**
 * Counts the cards that reached each funnel step or a later one. `reached` maps a step id to the
 * cards whose furthest step it is.
 */
export function funnelCounts(
	reached: ReadonlyMap<string, number>,
	stages: readonly Stage[]
): StageCount[] {
	const steps = funnelSteps(stages);
	const counts: StageCount[] = [];
	let total = 0;
	for (let index = steps.length - 1; index >= 0; index--) {
		total += reached.get(steps[index].id) ?? 0;
		counts.push({ stageId: steps[index].id, count: total });
	}
	return counts.reverse();
}

/** Tallies the cards per furthest funnel step. */
export function tallyFurthest(furthest: Iterable<string | null>): Map<string, number> {
	const reached = new Map<string, number>();
	for (const stageId of furthest) {
		if (stageId !== null) reached.set(stageId, (reached.get(stageId) ?? 0) + 1);
	}
	return reached;
}
