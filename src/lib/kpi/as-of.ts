/**
 * The board as it was at an earlier moment, replayed from its events: each card's stage is the
 * stage its last event before that moment entered, and cards created after it are left out.
 * Card fields the events do not record (title, value, owners, due date) keep their current values.
 * Deleted cards are gone from the document, so they are missing from the past too.
 */
import type { BoardSnapshot } from '../board/board';
import type { BoardEvent, Card } from '../board/schema';
import { parseTime } from './time';

type Board = Pick<BoardSnapshot, 'cards' | 'events' | 'stages'>;

/** Returns the board at `end` (exclusive, in milliseconds), with the events before it. */
export function snapshotAsOf(snapshot: Board, end: number): Board {
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
