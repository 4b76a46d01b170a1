/**
 * The board as it was at an earlier moment, replayed from its events: each card's stage is the
 * stage its last event before that moment entered, and cards created after it are left out.
 * Card fields the events do not record (title, value, owners, due date) keep their current values.
 * Deleted cards are gone from the document, so they are missing from the past too.
 */
import { endOf, parseTime } from '../kpi/time';
import type { BoardSnapshot } from './board';
import { BoardError } from './errors';
import type { BoardEvent, Card } from './schema';

export type ReplayedBoard = Pick<BoardSnapshot, 'cards' | 'events' | 'stages'>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Returns the board at `end` (exclusive, in milliseconds), with the events before it. */
export function replayBoard(snapshot: ReplayedBoard, end: number): ReplayedBoard {
	const before: { event: BoardEvent; time: number }[] = [];
	const createdLater = new Set<string>();
	/** The first archive or restore event of each card at or after `end`. */
	const firstLaterArchive = new Map<string, { archived: boolean; time: number }>();
	for (const event of snapshot.events) {
		const time = parseTime(event.at);
		if (time === null) continue;
		if (time < end) {
			before.push({ event, time });
			continue;
		}
		if (event.type === 'create') createdLater.add(event.cardId);
		if (event.type === 'archive' || event.type === 'restore') {
			const first = firstLaterArchive.get(event.cardId);
			if (!first || time < first.time) {
				firstLaterArchive.set(event.cardId, { archived: event.type === 'archive', time });
			}
		}
	}
	const past = replay(before);
	const cards: Card[] = [];
	for (const card of snapshot.cards) {
		const state = past.get(card.id);
		if (!state && createdLater.has(card.id)) continue;
		// A card without a create event, as an imported one may be, existed from its createdAt.
		const created = parseTime(card.createdAt);
		if (!state && (created === null || created >= end)) continue;
		// Before an archive event the card was not archived, and before a restore event it was.
		const later = firstLaterArchive.get(card.id);
		const closedAt = parseTime(card.closedAt);
		cards.push({
			...card,
			position: state?.stageId ? { ...card.position, stageId: state.stageId } : card.position,
			archived: state?.archived ?? (later ? !later.archived : card.archived),
			closedAt: closedAt !== null && closedAt < end ? card.closedAt : null
		});
	}
	return { cards, events: before.map(({ event }) => event), stages: snapshot.stages };
}

/**
 * Returns the board at the end of a UTC day (`YYYY-MM-DD`): the cards that existed then, with the
 * stage and archived flag they had. Throws a BoardError for any other form of day.
 */
export function boardAsOfDay(snapshot: ReplayedBoard, day: string): ReplayedBoard {
	const end = DAY.test(day) ? endOf(day) : null;
	// Date.parse in V8 accepts a day such as 2024-02-30, so the day must also read back unchanged.
	if (end === null || new Date(end - 1).toISOString().slice(0, 10) !== day) {
		throw new BoardError(`Invalid day ${JSON.stringify(day)}: expected a date such as 2024-06-30.`);
	}
	return replayBoard(snapshot, end);
}

/** Returns each card's stage at the end of a UTC day, leaving out cards archived then. */
export function stagesAsOfDay(snapshot: ReplayedBoard, day: string): Map<string, string> {
	const stages = new Map<string, string>();
	for (const card of boardAsOfDay(snapshot, day).cards) {
		if (!card.archived) stages.set(card.id, card.position.stageId);
	}
	return stages;
}

interface PastState {
	/** The stage entered by the card's last event with a `to` stage; null without one. */
	stageId: string | null;
	/** Set by the card's last archive or restore event; null without one. */
	archived: boolean | null;
}

/** Replays events in time order (document order for equal times) into each card's state. */
function replay(events: { event: BoardEvent; time: number }[]): Map<string, PastState> {
	const states = new Map<string, PastState>();
	const ordered = events
		.map((entry, index) => ({ ...entry, index }))
		.sort((a, b) => a.time - b.time || a.index - b.index);
	for (const { event } of ordered) {
		const state = states.get(event.cardId) ?? { stageId: null, archived: null };
		if (typeof event.to === 'string') state.stageId = event.to;
		if (event.type === 'archive') state.archived = true;
		if (event.type === 'restore') state.archived = false;
		states.set(event.cardId, state);
	}
	return states;
}
