/**
 * Per-card contributions to the KPIs. Every KPI is a sum, count or summary over these facts, so
 * a client can keep them per card and recompute only the cards a change touches.
 */
import type { Card, Stage } from '../board/schema';
import { furthestStep } from './funnel';
import { opsStateOf, walkCardPath, type OpsChange, type Stay, type TimedEvent } from './history';
import { outcomeOf, outcomeTime, type Outcome } from './outcome';
import type { StageIndex } from './stages';
import { endOf, parseTime } from './time';

export interface CardFacts {
	cardId: string;
	/** The card's current stage; undefined when its position names a stage the board lacks. */
	stage: Stage | undefined;
	value: number;
	outcome: Outcome;
	/** When the card was won or lost, in milliseconds; null while open or when no date is known. */
	closedAt: number | null;
	createdAt: number | null;
	/** First move of a won card into an ops stage since its win. */
	opsEnteredAt: number | null;
	stays: Stay[];
	/**
	 * Changes of the card's ops state in time order. A card without stage events that sits in an
	 * ops stage is taken to have been there since its `createdAt`.
	 */
	opsChanges: OpsChange[];
	/** The furthest funnel step the card has reached; null when it reached none. */
	furthestStep: string | null;
	/** The first millisecond at which the card is past its due date. */
	overdueFrom: number | null;
	/** The owner of the card's current lane: the sales owner in sales stages, else the ops owner. */
	laneOwner: string | null;
	salesOwner: string | null;
	opsOwner: string | null;
	satisfaction: number | null;
}

/** Returns the card's facts, or null for an archived card: archived cards count in no KPI. */
export function cardFacts(
	card: Card,
	events: readonly TimedEvent[] | undefined,
	stages: StageIndex
): CardFacts | null {
	if (card.archived) return null;
	const stage = stages.get(card.position.stageId);
	const path = walkCardPath(events, stages);
	const outcome = outcomeOf(stage);
	const createdAt = parseTime(card.createdAt);
	const state = opsStateOf(stage);
	const opsChanges =
		events === undefined && state !== null && createdAt !== null
			? [{ at: createdAt, state }]
			: path.opsChanges;
	return {
		cardId: card.id,
		stage,
		value: card.value,
		outcome,
		closedAt: outcomeTime(outcome, card, path),
		createdAt,
		opsEnteredAt: outcome === 'won' ? path.opsEnteredAt : null,
		stays: path.stays,
		opsChanges,
		furthestStep: furthestStep(path.stays, stage, stages),
		overdueFrom: endOf(card.dueAt),
		laneOwner: stage?.lane === 'ops' ? card.opsOwner : card.salesOwner,
		salesOwner: card.salesOwner,
		opsOwner: card.opsOwner,
		satisfaction: card.satisfaction
	};
}
