/** A card's history, read from the board's append-only `events` array. */
import type * as Y from 'yjs';
import { boardRoots } from './doc';
import { readEvent } from './read';
import type { BoardEvent } from './schema';

/**
 * Returns the events of one card, newest first. Events are ordered by their `at` time, and events
 * with equal times keep the reverse of their order in the array, so a move and the handoff event
 * written in the same transaction list the handoff first.
 */
export function cardHistory(doc: Y.Doc, cardId: string): BoardEvent[] {
	const entries: { event: BoardEvent; index: number; time: number }[] = [];
	boardRoots(doc).events.forEach((value, index) => {
		if (!value || typeof value !== 'object' || (value as { cardId?: unknown }).cardId !== cardId) {
			return;
		}
		const event = readEvent(value);
		if (!event) return;
		const time = Date.parse(event.at);
		entries.push({ event, index, time: Number.isNaN(time) ? 0 : time });
	});
	entries.sort((a, b) => b.time - a.time || b.index - a.index);
	return entries.map((entry) => entry.event);
}
