/** Small boards for the KPI tests, built with the board operations at fixed times. */
import * as Y from 'yjs';
import {
	createCard,
	moveCard,
	readBoard,
	seedBoard,
	type BoardSnapshot,
	type NewCard
} from '../../src/lib/board';

export const DAY = 86_400_000;

/** Returns the time `days` days after 2024-01-01T00:00Z. */
export function day(days: number): Date {
	return new Date(Date.UTC(2024, 0, 1) + days * DAY);
}

export function emptyBoard(): Y.Doc {
	const doc = new Y.Doc();
	seedBoard(doc, { name: 'Test', currency: 'CNY' }, { by: 'system', now: day(0) });
	return doc;
}

/** Creates a card on day `createdDay`; fields default to a lead with no value. */
export function addCard(
	doc: Y.Doc,
	id: string,
	createdDay: number,
	fields: Partial<NewCard> = {}
): string {
	return createCard(
		doc,
		{ title: id, stageId: 'lead', id, ...fields },
		{ by: 'alice', now: day(createdDay) }
	);
}

export function move(doc: Y.Doc, id: string, stageId: string, onDay: number): void {
	moveCard(doc, id, { stageId }, { by: 'alice', now: day(onDay) });
}

export function snapshot(doc: Y.Doc): BoardSnapshot {
	return readBoard(doc);
}
