/**
 * Running KPI totals over per-card facts, for the board's stages and without filters. A card's
 * facts are added and removed on their own, so a change to one card costs work for that card
 * only. Sums are kept by adding and subtracting, so they can differ from a fresh sum in the last
 * bits of a fractional value. Medians and means are read from sorted values and do not drift.
 */
import type { Stage } from '../board/schema';
import type { CardFacts } from './facts';
import { compareOwners } from './customers';
import { fillMonths } from './closed';
import { funnelCounts } from './funnel';
import { retentionByMonth } from './retention';
import { SortedNumbers } from './sorted';
import { isOpenSales, isTerminal } from './stages';
import { daysBetween, monthOf } from './time';
import type { DayStats, Kpis, MonthTotal, OwnerCount, RetentionMonth, WipBreach } from './types';

/** One card's share of the totals, kept so the same amounts can be taken away again. */
interface Contribution {
	facts: CardFacts;
	/** Month of the win, for won cards with a known date. */
	month: string | null;
	cycleDays: number | null;
	handoffDays: number | null;
}

export class RunningTotals {
	readonly stages: readonly Stage[];
	readonly #cards = new Map<string, Contribution>();
	readonly #cardsByStage = new Map<string, number>();
	readonly #valueByStage = new Map<string, number>();
	readonly #months = new Map<string, MonthTotal>();
	/** Funnel step id → cards whose furthest step it is. */
	readonly #furthest = new Map<string, number>();
	readonly #cycle = new SortedNumbers();
	readonly #handoff = new SortedNumbers();
	readonly #stays = new Map<string, SortedNumbers>();
	/** Cards with a due date outside a terminal stage: the cards that can be overdue. */
	readonly #due = new Map<string, CardFacts>();
	#openPipeline = 0;
	#weightedPipeline = 0;
	#wonCount = 0;
	#lostCount = 0;
	#wonValue = 0;
	#opsCards = 0;
	#retained = 0;
	#satisfactionSum = 0;
	#satisfactionCount = 0;
	/** The monthly retention series, recomputed from every card on the first read after a change. */
	#retention: RetentionMonth[] | null = null;

	constructor(stages: readonly Stage[]) {
		this.stages = stages;
		for (const stage of stages) {
			this.#cardsByStage.set(stage.id, 0);
			this.#valueByStage.set(stage.id, 0);
			this.#stays.set(stage.id, new SortedNumbers());
		}
	}

	has(cardId: string): boolean {
		return this.#cards.has(cardId);
	}

	/** Adds a card's facts, replacing the facts it had. */
	set(facts: CardFacts): void {
		this.delete(facts.cardId);
		const contribution = contributionOf(facts);
		this.#cards.set(facts.cardId, contribution);
		this.#apply(contribution, 1);
	}

	delete(cardId: string): void {
		const contribution = this.#cards.get(cardId);
		if (!contribution) return;
		this.#cards.delete(cardId);
		this.#apply(contribution, -1);
	}

	#apply(contribution: Contribution, sign: 1 | -1): void {
		const { facts } = contribution;
		if (facts.opsChanges.length > 0) this.#retention = null;
		const { stage, value } = facts;
		if (stage && this.#cardsByStage.has(stage.id)) {
			this.#cardsByStage.set(stage.id, (this.#cardsByStage.get(stage.id) ?? 0) + sign);
			this.#valueByStage.set(stage.id, (this.#valueByStage.get(stage.id) ?? 0) + sign * value);
			if (isOpenSales(stage)) {
				this.#openPipeline += sign * value;
				this.#weightedPipeline += sign * value * (stage.probability ?? 0);
			}
		}
		if (facts.outcome === 'won') {
			this.#wonCount += sign;
			this.#wonValue += sign * value;
		} else if (facts.outcome === 'lost') this.#lostCount += sign;
		if (contribution.month !== null) this.#addMonth(contribution.month, value, sign);
		if (facts.furthestStep !== null) {
			const count = (this.#furthest.get(facts.furthestStep) ?? 0) + sign;
			this.#furthest.set(facts.furthestStep, count);
		}
		change(this.#cycle, contribution.cycleDays, sign);
		change(this.#handoff, contribution.handoffDays, sign);
		for (const stay of facts.stays) change(this.#stays.get(stay.stageId), stay.days, sign);
		if (stage?.lane === 'ops') {
			this.#opsCards += sign;
			if (stage.kind !== 'churned') this.#retained += sign;
		}
		if (facts.satisfaction !== null) {
			this.#satisfactionSum += sign * facts.satisfaction;
			this.#satisfactionCount += sign;
		}
		if (facts.overdueFrom !== null && !(stage && isTerminal(stage))) {
			if (sign === 1) this.#due.set(facts.cardId, facts);
			else this.#due.delete(facts.cardId);
		}
	}

	#addMonth(month: string, value: number, sign: 1 | -1): void {
		const total = this.#months.get(month) ?? { month, count: 0, value: 0 };
		total.count += sign;
		total.value += sign * value;
		if (total.count === 0) this.#months.delete(month);
		else this.#months.set(month, total);
	}

	/** Returns the KPIs, with overdue cards judged at `now` (milliseconds). */
	kpis(now: number): Kpis {
		const cardsByStage: Record<string, number> = {};
		const valueByStage: Record<string, number> = {};
		const timeInStageDays: Record<string, number | null> = {};
		const wipBreaches: WipBreach[] = [];
		for (const stage of this.stages) {
			const count = this.#cardsByStage.get(stage.id) ?? 0;
			cardsByStage[stage.id] = count;
			valueByStage[stage.id] = this.#valueByStage.get(stage.id) ?? 0;
			timeInStageDays[stage.id] = this.#stays.get(stage.id)?.median() ?? null;
			if (stage.wipLimit !== undefined && count > stage.wipLimit) {
				wipBreaches.push({ stageId: stage.id, count, limit: stage.wipLimit });
			}
		}
		const closed = this.#wonCount + this.#lostCount;
		return {
			cardCount: this.#cards.size,
			cardsByStage,
			valueByStage,
			openPipelineValue: this.#openPipeline,
			weightedPipelineValue: this.#weightedPipeline,
			wonCount: this.#wonCount,
			lostCount: this.#lostCount,
			winRate: closed === 0 ? null : this.#wonCount / closed,
			wonValue: this.#wonValue,
			wonByMonth: fillMonths(new Map([...this.#months].map(([key, total]) => [key, { ...total }]))),
			salesCycleDays: statsOf(this.#cycle),
			handoffLagDays: statsOf(this.#handoff),
			timeInStageDays,
			retentionRate: this.#opsCards === 0 ? null : this.#retained / this.#opsCards,
			retentionByMonth: this.#retentionByMonth(),
			avgSatisfaction:
				this.#satisfactionCount === 0 ? null : this.#satisfactionSum / this.#satisfactionCount,
			overdue: this.#overdue(now),
			wipBreaches,
			funnel: funnelCounts(this.#furthest, this.stages)
		};
	}

	#retentionByMonth(): RetentionMonth[] {
		this.#retention ??= retentionByMonth([...this.#cards.values()].map((card) => card.facts));
		return this.#retention.map((month) => ({ ...month }));
	}

	#overdue(now: number): Kpis['overdue'] {
		const counts = new Map<string | null, number>();
		let total = 0;
		for (const facts of this.#due.values()) {
			if (facts.overdueFrom === null || now < facts.overdueFrom) continue;
			total += 1;
			counts.set(facts.laneOwner, (counts.get(facts.laneOwner) ?? 0) + 1);
		}
		const byOwner: OwnerCount[] = [...counts].map(([owner, count]) => ({ owner, count }));
		byOwner.sort((a, b) => b.count - a.count || compareOwners(a.owner, b.owner));
		return { total, byOwner };
	}
}

function contributionOf(facts: CardFacts): Contribution {
	const won = facts.outcome === 'won' ? facts.closedAt : null;
	let cycleDays: number | null = null;
	if (won !== null && facts.createdAt !== null && won >= facts.createdAt) {
		cycleDays = daysBetween(facts.createdAt, won);
	}
	let handoffDays: number | null = null;
	if (
		facts.closedAt !== null &&
		facts.opsEnteredAt !== null &&
		facts.opsEnteredAt >= facts.closedAt
	) {
		handoffDays = daysBetween(facts.closedAt, facts.opsEnteredAt);
	}
	return { facts, month: won === null ? null : monthOf(won), cycleDays, handoffDays };
}

function change(set: SortedNumbers | undefined, value: number | null, sign: 1 | -1): void {
	if (!set || value === null) return;
	if (sign === 1) set.add(value);
	else set.remove(value);
}

function statsOf(set: SortedNumbers): DayStats {
	return {
		median: set.median(),
		p25: set.quantile(0.25),
		p75: set.quantile(0.75),
		mean: set.mean(),
		count: set.count
	};
}
