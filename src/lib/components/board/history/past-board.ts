/** The board's columns at the end of an earlier day, grouped by lane, for the read-only view. */
import {
	compareByRank,
	LANES,
	type BoardSnapshot,
	type Card,
	type Lane,
	type Stage
} from '$lib/board';
import { boardAsOfDay } from '$lib/board/replay';
import { parseTime } from '$lib/kpi/time';

export interface PastColumn {
	stage: Stage;
	/** Unarchived cards in the stage at the end of the day, in rank order. */
	cards: Card[];
	/** Sum of the cards' values. */
	value: number;
}

export interface PastLane {
	lane: Lane;
	columns: PastColumn[];
}

/** Returns the lanes of the board at the end of a UTC day (`YYYY-MM-DD`). */
export function pastLanes(snapshot: BoardSnapshot, day: string): PastLane[] {
	const past = boardAsOfDay(snapshot, day);
	const byStage = new Map<string, Card[]>();
	for (const card of past.cards) {
		if (card.archived) continue;
		const list = byStage.get(card.position.stageId) ?? [];
		list.push(card);
		byStage.set(card.position.stageId, list);
	}
	const lanes: PastLane[] = [];
	for (const lane of LANES) {
		const columns = past.stages
			.filter((stage) => stage.lane === lane)
			.map((stage) => {
				const cards = (byStage.get(stage.id) ?? []).sort(compareByRank);
				return { stage, cards, value: cards.reduce((sum, card) => sum + card.value, 0) };
			});
		if (columns.length > 0) lanes.push({ lane, columns });
	}
	return lanes;
}

/** Returns the UTC day (`YYYY-MM-DD`) of the board's first event, or null without events. */
export function firstEventDay(snapshot: Pick<BoardSnapshot, 'events'>): string | null {
	let first: number | null = null;
	for (const event of snapshot.events) {
		const time = parseTime(event.at);
		if (time !== null && (first === null || time < first)) first = time;
	}
	return first === null ? null : utcDay(first);
}

export function utcDay(time: number): string {
	return new Date(time).toISOString().slice(0, 10);
}
