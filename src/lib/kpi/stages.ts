/** Stage lookups by id, read from the board's own stages rather than from fixed ids. */
import type { Lane, Stage, StageKind } from '../board/schema';

/** Stage kinds that end a card's path: nothing is due on a card that has reached one. */
const TERMINAL_KINDS: ReadonlySet<StageKind> = new Set(['won', 'lost', 'churned']);

export interface StageIndex {
	/** Stages in board order (sales lane first, then rank). */
	stages: readonly Stage[];
	get(stageId: string | undefined): Stage | undefined;
}

export function indexStages(stages: readonly Stage[]): StageIndex {
	const byId = new Map(stages.map((stage) => [stage.id, stage]));
	return {
		stages,
		get: (stageId) => (stageId === undefined ? undefined : byId.get(stageId))
	};
}

export function isTerminal(stage: Stage): boolean {
	return TERMINAL_KINDS.has(stage.kind);
}

/** Returns whether reaching this stage makes a card won: a `won` stage or any ops stage does. */
export function isWinning(stage: Stage): boolean {
	return stage.kind === 'won' || stage.lane === 'ops';
}

export function isOpsLane(stage: Stage): boolean {
	return stage.lane === 'ops';
}

/** Returns whether a card in this stage belongs to the open sales pipeline. */
export function isOpenSales(stage: Stage): boolean {
	return stage.lane === 'sales' && stage.kind === 'open';
}

export function inLane(stage: Stage, lane: Lane | undefined): boolean {
	return lane === undefined || stage.lane === lane;
}
