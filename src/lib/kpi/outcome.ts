/**
 * Won and lost. A card is won while it sits in a `won` stage or any ops stage, and lost while it
 * sits in a `lost` stage. Every other card is open.
 *
 * The won date is the first move into a won or ops stage (see `walkCardPath`). Without such a
 * move it is the card's `closedAt`, and without that the time the card was created in a won or
 * ops stage. Lost dates follow the same order.
 */
import type { Card, Stage } from '../board/schema';
import type { CardPath } from './history';
import { isWinning } from './stages';
import { parseTime } from './time';

export type Outcome = 'open' | 'won' | 'lost';

export function outcomeOf(stage: Stage | undefined): Outcome {
	if (!stage) return 'open';
	if (isWinning(stage)) return 'won';
	return stage.kind === 'lost' ? 'lost' : 'open';
}

/** Returns when the card's outcome was reached, in milliseconds; null for open cards and unknown dates. */
export function outcomeTime(outcome: Outcome, card: Card, path: CardPath): number | null {
	if (outcome === 'won') return path.wonAt ?? parseTime(card.closedAt) ?? path.createdWonAt;
	if (outcome === 'lost') return path.lostAt ?? parseTime(card.closedAt) ?? path.createdLostAt;
	return null;
}
