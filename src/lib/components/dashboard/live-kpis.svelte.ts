/**
 * KPIs derived live from a board's `Y.Doc`. Every change to the document schedules a full
 * derivation, throttled to one per `interval`, so a burst of remote edits costs one derivation
 * and the charts still move within a fraction of a second.
 */
import type * as Y from 'yjs';
import { boardRoots, readBoard, type BoardMeta, type ReportInvalid, type Stage } from '$lib/board';
import { deriveKpis, type Kpis } from '$lib/kpi';

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

	readonly #doc: Y.Doc;
	readonly #interval: number;
	readonly #report: ReportInvalid | undefined;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#lastRun = -Infinity;
	#dispose: () => void;

	constructor(doc: Y.Doc, options: LiveKpisOptions = {}) {
		this.#doc = doc;
		this.#interval = options.interval ?? 250;
		this.#report = options.report;
		const roots = boardRoots(doc);
		const observed = [roots.meta, roots.stages, roots.cards, roots.events];
		const onChange = () => this.#schedule();
		for (const type of observed) type.observeDeep(onChange);
		const refresh = setInterval(onChange, options.refresh ?? 60_000);
		this.#dispose = () => {
			for (const type of observed) type.unobserveDeep(onChange);
			clearInterval(refresh);
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
		const snapshot = readBoard(this.#doc, this.#report);
		this.meta = snapshot.meta;
		this.stages = snapshot.stages;
		this.kpis = deriveKpis(snapshot);
	}

	destroy(): void {
		this.#dispose();
		if (this.#timer !== null) clearTimeout(this.#timer);
		this.#timer = null;
	}
}
