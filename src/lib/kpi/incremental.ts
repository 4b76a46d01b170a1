/**
 * KPIs kept up to date on a live `Y.Doc`. The object keeps each card's facts and running totals
 * over them. A change to a card, or an event appended for it, marks that card. The marked cards'
 * facts are recomputed when the KPIs are next read. A change to the stages, or to the event log
 * other than an append at its end, rebuilds everything, as `deriveKpis` would.
 */
import type * as Y from 'yjs';
import { boardRoots, type BoardRoots } from '../board/doc';
import { readStages, readEvents } from '../board/board';
import { readCard, readEvent, type ReportInvalid } from '../board/read';
import type { BoardEvent, Stage } from '../board/schema';
import { cardFacts } from './facts';
import { groupEventsByCard, type TimedEvent } from './history';
import { resolveOptions } from './options';
import { RunningTotals } from './running';
import { indexStages, type StageIndex } from './stages';
import { parseTime } from './time';
import type { Kpis } from './types';

export interface IncrementalOptions {
	report?: ReportInvalid;
}

export class IncrementalKpis {
	readonly #doc: Y.Doc;
	readonly #roots: BoardRoots;
	readonly #report: ReportInvalid | undefined;
	readonly #dispose: () => void;
	#index: StageIndex = indexStages([]);
	#events = new Map<string, TimedEvent[]>();
	#totals = new RunningTotals([]);
	/** Cards whose facts are out of date. */
	readonly #dirty = new Set<string>();
	/** Events appended since the last read, in document order. */
	#appended: BoardEvent[] = [];
	#stale = true;
	#firstEventTime: number | null = null;

	constructor(doc: Y.Doc, options: IncrementalOptions = {}) {
		this.#doc = doc;
		this.#roots = boardRoots(doc);
		this.#report = options.report;
		const { cards, events, stages } = this.#roots;
		const onCards = (changes: Y.YEvent<Y.AbstractType<unknown>>[]) => this.#onCards(changes);
		const onEvents = (change: Y.YArrayEvent<unknown>) => this.#onEvents(change);
		const onStages = () => (this.#stale = true);
		cards.observeDeep(onCards);
		events.observe(onEvents);
		stages.observeDeep(onStages);
		this.#dispose = () => {
			cards.unobserveDeep(onCards);
			events.unobserve(onEvents);
			stages.unobserveDeep(onStages);
		};
	}

	/** The board's stages in board order, as of the last read of the KPIs. */
	get stages(): readonly Stage[] {
		return this.#index.stages;
	}

	/** The time of the earliest create, move or handoff event, as of the last read of the KPIs. */
	get firstEventTime(): number | null {
		return this.#firstEventTime;
	}

	/** Returns the KPIs, with overdue cards judged at `now`. Throws `KpiOptionError` for an invalid date. */
	kpis(now: Date = new Date()): Kpis {
		const filter = resolveOptions({ now });
		this.#update();
		return this.#totals.kpis(filter.now);
	}

	destroy(): void {
		this.#dispose();
	}

	#onCards(changes: Y.YEvent<Y.AbstractType<unknown>>[]): void {
		for (const change of changes) {
			if (change.target === this.#roots.cards) {
				for (const key of change.changes.keys.keys()) this.#dirty.add(key);
			} else if (typeof change.path[0] === 'string') this.#dirty.add(change.path[0]);
		}
	}

	#onEvents(change: Y.YArrayEvent<unknown>): void {
		if (this.#stale) return;
		const delta = change.changes.delta;
		const last = delta[delta.length - 1];
		let retained: number | undefined = undefined;
		if (delta.length === 1) retained = 0;
		else if (delta.length === 2) retained = delta[0].retain;
		const inserted = last?.insert;
		// Concurrent appends from other replicas can land inside the log, and the order of events
		// with equal times follows the log, so anything but an append at the end rebuilds.
		if (
			!Array.isArray(inserted) ||
			retained === undefined ||
			retained + inserted.length !== this.#roots.events.length
		) {
			this.#stale = true;
			return;
		}
		for (const value of inserted) {
			const event = readEvent(value, this.#report);
			if (event) this.#appended.push(event);
		}
	}

	#update(): void {
		if (this.#stale) {
			this.#rebuild();
			return;
		}
		for (const event of this.#appended) {
			const time = addEvent(this.#events, event);
			if (time === null) continue;
			this.#dirty.add(event.cardId);
			if (this.#firstEventTime === null || time < this.#firstEventTime) this.#firstEventTime = time;
		}
		this.#appended = [];
		for (const cardId of this.#dirty) this.#refreshCard(cardId);
		this.#dirty.clear();
	}

	#refreshCard(cardId: string): void {
		const map = this.#roots.cards.get(cardId);
		if (!map) {
			this.#totals.delete(cardId);
			return;
		}
		const facts = cardFacts(
			readCard(cardId, map, this.#report),
			this.#events.get(cardId),
			this.#index
		);
		if (facts) this.#totals.set(facts);
		else this.#totals.delete(cardId);
	}

	#rebuild(): void {
		this.#stale = false;
		this.#dirty.clear();
		this.#appended = [];
		const report = this.#report;
		this.#index = indexStages(readStages(this.#doc, report));
		this.#events = groupEventsByCard(readEvents(this.#doc, report));
		this.#firstEventTime = null;
		for (const group of this.#events.values()) {
			const time = group[0].time;
			if (this.#firstEventTime === null || time < this.#firstEventTime) this.#firstEventTime = time;
		}
		this.#totals = new RunningTotals(this.#index.stages);
		this.#roots.cards.forEach((map, cardId) => {
			const facts = cardFacts(readCard(cardId, map, report), this.#events.get(cardId), this.#index);
			if (facts) this.#totals.set(facts);
		});
	}
}

/**
 * Adds an appended event to its card's group, after the events with the same or an earlier
 * time, as `groupEventsByCard` orders them. Returns the event's time, or null for an event no
 * KPI reads.
 */
function addEvent(groups: Map<string, TimedEvent[]>, event: BoardEvent): number | null {
	if (typeof event.to !== 'string') return null;
	const time = parseTime(event.at);
	if (time === null) return null;
	const group = groups.get(event.cardId);
	if (!group) {
		groups.set(event.cardId, [{ time, event }]);
		return time;
	}
	let index = group.length;
	while (index > 0 && group[index - 1].time > time) index -= 1;
	group.splice(index, 0, { time, event });
	return time;
}
