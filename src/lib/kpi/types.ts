/** The KPIs of one board, as `deriveKpis` returns them and `GET /api/boards/:id/kpis` sends them. */
import type { RetentionMonth } from './retention';
import type { DayStats } from './stats';

export type { RetentionMonth } from './retention';
export type { DayStats } from './stats';

/** Deals won in one UTC calendar month. */
export interface MonthTotal {
	/** `YYYY-MM` */
	month: string;
	count: number;
	value: number;
}

export interface OwnerCount {
	/** Member id; null for cards without an owner in their lane. */
	owner: string | null;
	count: number;
}

/** A number of cards for one stage. */
export interface StageCount {
	stageId: string;
	count: number;
}

export interface WipBreach {
	stageId: string;
	count: number;
	limit: number;
}

export interface Kpis {
	/** Unarchived cards the KPIs cover (after the owner and lane filters). */
	cardCount: number;
	/** Stage id → unarchived cards in it, for every stage of the board (or of the chosen lane). */
	cardsByStage: Record<string, number>;
	/** Stage id → summed value of its unarchived cards. */
	valueByStage: Record<string, number>;
	openPipelineValue: number;
	weightedPipelineValue: number;
	wonCount: number;
	lostCount: number;
	/** wonCount / (wonCount + lostCount); null when no card is won or lost. */
	winRate: number | null;
	wonValue: number;
	/** Won count and value per month of the won date, oldest first, with empty months filled in. */
	wonByMonth: MonthTotal[];
	/** Days from `createdAt` to the won date of won cards. */
	salesCycleDays: DayStats;
	/** Days from the won date to the first entry into an ops stage. */
	handoffLagDays: DayStats;
	/** Stage id → median days of the finished stays in that stage; null without any. */
	timeInStageDays: Record<string, number | null>;
	/** Ops cards not churned / ops cards; null without ops cards. */
	retentionRate: number | null;
	/** Active and churned ops cards at the end of each month, oldest first. */
	retentionByMonth: RetentionMonth[];
	/** Mean satisfaction (1–5) of the cards that have one; null when none has. */
	avgSatisfaction: number | null;
	/** Cards past their due date and not in a won, lost or churned stage. */
	overdue: { total: number; byOwner: OwnerCount[] };
	/** Stages holding more cards than their WIP limit, in board order. */
	wipBreaches: WipBreach[];
	/** Cards that reached each funnel step (sales stages other than lost) or a later one. */
	funnel: StageCount[];
}
