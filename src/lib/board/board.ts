/** Reading a whole board: stages in lane order, cards per stage in rank order, members, events. */
import type * as Y from 'yjs';
import { boardRoots } from './doc';
import { compareByRank } from './rank';
import { readCard, readEvent, readMember, readMeta, readStage, type ReportInvalid } from './read';
import {
	LANES,
	type BoardEvent,
	type BoardMeta,
	type Card,
	type Member,
	type Stage
} from './schema';

/** A plain, read-only copy of a board, as the KPIs and the REST API use it. */
export interface BoardSnapshot {
	meta: BoardMeta;
	stages: Stage[];
	cards: Card[];
	events: BoardEvent[];
	members: Member[];
}

/** Orders stages by lane (sales first), then rank, then id. */
export function compareStages(a: Stage, b: Stage): number {
	const lane = LANES.indexOf(a.lane) - LANES.indexOf(b.lane);
	if (lane !== 0) return lane;
	if (a.rank !== b.rank) return a.rank < b.rank ? -1 : 1;
	if (a.id === b.id) return 0;
	return a.id < b.id ? -1 : 1;
}

export function readStages(doc: Y.Doc, report?: ReportInvalid): Stage[] {
	const stages: Stage[] = [];
	boardRoots(doc).stages.forEach((map, id) => stages.push(readStage(id, map, report)));
	return stages.sort(compareStages);
}

export function readCards(doc: Y.Doc, report?: ReportInvalid): Card[] {
	const cards: Card[] = [];
	boardRoots(doc).cards.forEach((map, id) => cards.push(readCard(id, map, report)));
	return cards;
}

export function readMembers(doc: Y.Doc, report?: ReportInvalid): Member[] {
	const members: Member[] = [];
	boardRoots(doc).members.forEach((value, id) => members.push(readMember(id, value, report)));
	return members.sort((a, b) => a.name.localeCompare(b.name));
}

export function readEvents(doc: Y.Doc, report?: ReportInvalid): BoardEvent[] {
	const events: BoardEvent[] = [];
	for (const value of boardRoots(doc).events.toArray()) {
		const event = readEvent(value, report);
		if (event) events.push(event);
	}
	return events;
}

/** Returns the unarchived cards of one stage in display order. */
export function cardsInStage(doc: Y.Doc, stageId: string): Card[] {
	return readCards(doc)
		.filter((card) => card.position.stageId === stageId && !card.archived)
		.sort(compareByRank);
}

export function readBoard(doc: Y.Doc, report?: ReportInvalid): BoardSnapshot {
	return {
		meta: readMeta(boardRoots(doc).meta, report),
		stages: readStages(doc, report),
		cards: readCards(doc, report),
		events: readEvents(doc, report),
		members: readMembers(doc, report)
	};
}
