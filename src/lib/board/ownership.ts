/**
 * Who owns a card: the sales owner while it is in a sales stage, the ops owner in an ops stage.
 * A card whose current lane has no owner is flagged, so nobody loses it in the gap.
 */
import type { Card, Lane, Stage, StageKind } from './schema';

/** Stage kinds of closed cards that nobody works on, and so need no owner. */
const CLOSED_KINDS: ReadonlySet<StageKind> = new Set(['lost', 'churned']);

export function ownerField(lane: Lane): 'salesOwner' | 'opsOwner' {
	return lane === 'sales' ? 'salesOwner' : 'opsOwner';
}

/** Returns the member id of the owner for the lane of `stage`, or null when there is none. */
export function laneOwner(card: Card, stage: Stage): string | null {
	return card[ownerField(stage.lane)];
}

/**
 * Returns the lane whose owner the card is missing, or null when it has one. Archived cards and
 * cards in a `lost` or `churned` stage need no owner.
 */
export function missingOwnerLane(card: Card, stage: Stage | undefined): Lane | null {
	if (!stage || card.archived || CLOSED_KINDS.has(stage.kind)) return null;
	return laneOwner(card, stage) === null ? stage.lane : null;
}
