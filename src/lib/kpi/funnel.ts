/**
 * The sales funnel: how many cards have reached each step of the sales path. The path is the
 * sales lane's stages other than lost ones, in board order. Reaching a step counts for every
 * step before it, and reaching any ops stage counts as reaching the last step.
 */
import type { Stage } from '../board/schema';
import type { Stay } from './history';
import type { StageIndex } from './stages';
import type { StageCount } from './types';

/** The funnel steps of a list of stages and each step's position among them. */
interface Funnel {
	steps: Stage[];
	positions: Map<string, number>;
}

const funnelsByStages = new WeakMap<readonly Stage[], Funnel>();

/** Returns the steps of the funnel: the sales stages that are not lost, in board order. */
export function funnelSteps(stages: readonly Stage[]): Stage[] {
	return stages.filter((stage) => stage.lane === 'sales' && stage.kind !== 'lost');
}

/** Returns the funnel of `stages`, built once per array of stages. */
function funnelOf(stages: readonly Stage[]): Funnel {
	let funnel = funnelsByStages.get(stages);
	if (!funnel) {
		const steps = funnelSteps(stages);
		funnel = { steps, positions: new Map(steps.map((stage, index) => [stage.id, index])) };
		funnelsByStages.set(stages, funnel);
	}
	return funnel;
}

/** Returns the id of the furthest funnel step a card has reached, or null when it reached none. */
export function furthestStep(
	stays: readonly Stay[],
	current: Stage | undefined,
	stages: StageIndex
): string | null {
	const { steps, positions } = funnelOf(stages.stages);
	let furthest = stepPosition(current, positions);
	for (const stay of stays) {
		const position = stepPosition(stages.get(stay.stageId), positions);
		if (position > furthest) furthest = position;
	}
	return furthest < 0 ? null : steps[furthest].id;
}

/** Returns a stage's funnel position: the last step for an ops stage, -1 off the funnel. */
function stepPosition(stage: Stage | undefined, positions: ReadonlyMap<string, number>): number {
	if (!stage) return -1;
	if (stage.lane === 'ops') return positions.size - 1;
	return positions.get(stage.id) ?? -1;
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
