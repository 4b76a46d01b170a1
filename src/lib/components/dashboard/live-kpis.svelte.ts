/**
 * KPIs derived live from a board's `Y.Doc`. `IncrementalKpis` keeps per-card facts and running
 * totals. Every change schedules a read of them, throttled to one per `interval`. A burst of
 * remote edits so costs one update of the charts, and they still move within a fraction of a second.
 */
import type * as Y from 'yjs';
import {
	boardRoots,
	readBoard,
	readMembers,
	readMeta,
	type BoardMeta,
	type BoardSnapshot,
	type Member,
	type ReportInvalid,
	type Stage
} from '$lib/board';
import { IncrementalKpis, type Kpis } from '$lib/kpi';

export interface LiveKpisOptions {
	/** Minimum time between two derivations, in milliseconds. */
	interval?: number;
	/** Time between derivations without changes, so overdue cards show up as their time passes. */
	refresh?: number;
	report?: ReportInvalid;
}

export class LiveKpis {
	kpis = $state.raw<Kpis | null>(null);
	meta = $state.raw<BoardMeta | null>(null);
	stages = $state.raw<Stage[]>([]);
	members = $state.raw<Member[]>([]);
	/** Time of the board's earliest create, move or handoff event; null without one. */
	firstEventTime = $state.raw<number | null>(null);

	readonly #doc: Y.Doc;
	readonly #incremental: IncrementalKpis;
	readonly #interval: number;
	readonly #report: ReportInvalid | undefined;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#lastRun = -Infinity;
	#dispose: () => void;

	constructor(doc: Y.Doc, options: LiveKpisOptions = {}) {
		this.#doc = doc;
		this.#interval = options.interval ?? 250;
		this.#report = options.report;
		this.#incremental = new IncrementalKpis(doc, { report: options.report });
		const roots = boardRoots(doc);
		const observed = [roots.meta, roots.stages, roots.cards, roots.events, roots.members];
		const onChange = () => this.#schedule();
		for (const type of observed) type.observeDeep(onChange);
		const refresh = setInterval(onChange, options.refresh ?? 60_000);
		this.#dispose = () => {
			for (const type of observed) type.unobserveDeep(onChange);
			clearInterval(refresh);
			this.#incremental.destroy();
		};
		this.#derive();
	}

	#schedule(): void {
		if (this.#timer !== null) return;
		const wait = Math.max(0, this.#lastRun + this.#interval - performance.now());
		this.#timer = setTimeout(() => {
			this.#timer = null;
			this.#derive();
		}, wait);
	}

	/** Derives the KPIs now, without waiting for the throttle; a pending derivation is dropped. */
	refresh(): void {
		if (this.#timer !== null) clearTimeout(this.#timer);
		this.#timer = null;
		this.#derive();
	}

	#derive(): void {
		this.#lastRun = performance.now();
		this.meta = readMeta(boardRoots(this.#doc).meta, this.#report);
		this.members = readMembers(this.#doc, this.#report);
		this.kpis = this.#incremental.kpis();
		this.firstEventTime = this.#incremental.firstEventTime;
		const stages = this.#incremental.stages;
		if (stages !== this.stages) this.stages = stages as Stage[];
	}

	/** Returns a snapshot of the board now, for the derivations the running totals do not cover. */
	snapshot(): BoardSnapshot {
		return readBoard(this.#doc, this.#report);
	}

	destroy(): void {
		this.#dispose();
		if (this.#timer !== null) clearTimeout(this.#timer);
		this.#timer = null;
	}
}
