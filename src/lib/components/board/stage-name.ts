/** Display names of stages and lanes in the interface language. */
import { DEFAULT_STAGES, type Lane, type Stage } from '$lib/board';
import { t } from '$lib/i18n/index.svelte';

const DEFAULT_NAMES = new Map(DEFAULT_STAGES.map((stage) => [stage.id, stage.name]));

/**
 * Returns the translated name of a default stage that still has its default name; a stage that
 * someone renamed, or added, shows the name stored on the board.
 */
export function stageName(stage: Pick<Stage, 'id' | 'name'>): string {
	if (DEFAULT_NAMES.get(stage.id) !== stage.name) return stage.name;
	return t(`board.stage.${stage.id}`);
}

export function laneName(lane: Lane): string {
	return t(`board.lane.${lane}`);
}
