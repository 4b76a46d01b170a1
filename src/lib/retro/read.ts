/**
 * Validated readers of retrospectives. Values written by an older or broken client are skipped
 * or replaced by defaults, so one bad entry never hides a whole session.
 */
import type * as Y from 'yjs';
import { boardRoots } from '../board/doc';
import {
	DEFAULT_VOTE_LIMIT,
	RETRO_KEYS,
	type RetroAction,
	type RetroColumn,
	type RetroItem,
	type RetroSummary,
	type RetroTimer
} from './schema';
import { tallyVotes, type VoteTally } from './votes';

/** A retrospective read in full, with its votes counted. */
export interface RetroView extends RetroSummary {
	/** Columns in rank order. */
	columns: RetroColumn[];
	/** Items in creation order; an item of a removed column is shown in the first column. */
	items: RetroItem[];
	votes: VoteTally;
	timer: RetroTimer | null;
	/** Actions in creation order. */
	actions: RetroAction[];
}

/** Orders by `first`, then by `second`, comparing UTF-16 code units as every replica does. */
function compareBy(first: [string, string], second: [string, string]): number {
	for (const [a, b] of [first, second]) {
		if (a < b) return -1;
		if (a > b) return 1;
	}
	return 0;
}

function text(value: unknown, fallback = ''): string {
	return typeof value === 'string' ? value : fallback;
}

export function readRetroSummary(id: string, map: Y.Map<unknown>): RetroSummary {
	const limit = map.get(RETRO_KEYS.voteLimit);
	return {
		id,
		title: text(map.get(RETRO_KEYS.title)),
		createdAt: text(map.get(RETRO_KEYS.createdAt)),
		createdBy: text(map.get(RETRO_KEYS.createdBy)),
		from: text(map.get(RETRO_KEYS.from)),
		to: text(map.get(RETRO_KEYS.to)),
		anonymous: map.get(RETRO_KEYS.anonymous) === true,
		voteLimit:
			typeof limit === 'number' && Number.isInteger(limit) && limit > 0
				? limit
				: DEFAULT_VOTE_LIMIT,
		itemCount: (map.get(RETRO_KEYS.items) as Y.Map<unknown> | undefined)?.size ?? 0
	};
}

/** Returns every retrospective of the board, newest first. */
export function readRetros(doc: Y.Doc): RetroSummary[] {
	const list: RetroSummary[] = [];
	boardRoots(doc).retros.forEach((map, id) => list.push(readRetroSummary(id, map)));
	return list.sort((a, b) => compareBy([b.createdAt, a.createdAt], [a.id, b.id]));
}

export function readColumns(map: Y.Map<unknown>): RetroColumn[] {
	const columns: RetroColumn[] = [];
	const source = map.get(RETRO_KEYS.columns) as Y.Map<unknown> | undefined;
	source?.forEach((value, id) => {
		const column = value as Partial<RetroColumn> | null;
		if (!column || typeof column.name !== 'string') return;
		columns.push({ id, name: column.name, rank: text(column.rank, 'a0') });
	});
	return columns.sort((a, b) => compareBy([a.rank, b.rank], [a.id, b.id]));
}

function readItem(id: string, map: Y.Map<unknown>): RetroItem {
	const item: RetroItem = {
		id,
		columnId: text(map.get('columnId')),
		text: text(map.get('text')),
		createdAt: text(map.get('createdAt'))
	};
	const by = map.get('by');
	if (typeof by === 'string') item.by = by;
	const cardId = map.get('cardId');
	if (typeof cardId === 'string') item.cardId = cardId;
	const groupId = map.get('groupId');
	if (typeof groupId === 'string') item.groupId = groupId;
	return item;
}

/**
 * Returns the items. Concurrent edits can leave an item in a removed column, so it is shown in the
 * first column. They can also group an item under one that is gone or grouped itself, so it is
 * shown ungrouped. Every replica reads the same result.
 */
export function readItems(map: Y.Map<unknown>, columns: readonly RetroColumn[]): RetroItem[] {
	const items: RetroItem[] = [];
	const source = map.get(RETRO_KEYS.items) as Y.Map<Y.Map<unknown>> | undefined;
	source?.forEach((value, id) => items.push(readItem(id, value)));
	const columnIds = new Set(columns.map((column) => column.id));
	const firstColumn = columns[0]?.id ?? '';
	for (const item of items) {
		if (!columnIds.has(item.columnId)) item.columnId = firstColumn;
	}
	// Judge every item against the stored state before changing any, so the result does not
	// depend on the order of the map.
	const byId = new Map(items.map((item) => [item.id, { ...item }]));
	for (const item of items) {
		if (item.groupId === undefined) continue;
		const head = byId.get(item.groupId);
		const valid =
			head !== undefined &&
			head.id !== item.id &&
			head.groupId === undefined &&
			head.columnId === item.columnId;
		if (!valid) delete item.groupId;
	}
	return items.sort((a, b) => compareBy([a.createdAt, b.createdAt], [a.id, b.id]));
}

function readTimer(value: unknown): RetroTimer | null {
	const timer = value as Partial<RetroTimer> | null | undefined;
	if (!timer || typeof timer.endsAt !== 'string' || Number.isNaN(Date.parse(timer.endsAt)))
		return null;
	return { endsAt: timer.endsAt };
}

function readActions(map: Y.Map<unknown>): RetroAction[] {
	const actions: RetroAction[] = [];
	const source = map.get(RETRO_KEYS.actions) as Y.Map<unknown> | undefined;
	source?.forEach((value, id) => {
		const action = value as Partial<RetroAction> | null;
		if (!action || typeof action.text !== 'string') return;
		actions.push({
			id,
			text: action.text,
			ownerId: typeof action.ownerId === 'string' ? action.ownerId : null,
			dueAt: typeof action.dueAt === 'string' ? action.dueAt : null,
			cardId: typeof action.cardId === 'string' ? action.cardId : null,
			createdAt: text(action.createdAt)
		});
	});
	return actions.sort((a, b) => compareBy([a.createdAt, b.createdAt], [a.id, b.id]));
}

/** Reads one retrospective in full; null when the board has none with this id. */
export function readRetro(doc: Y.Doc, retroId: string): RetroView | null {
	const map = boardRoots(doc).retros.get(retroId);
	if (!map) return null;
	const summary = readRetroSummary(retroId, map);
	const columns = readColumns(map);
	const items = readItems(map, columns);
	const votes = map.get(RETRO_KEYS.votes) as Y.Map<unknown> | undefined;
	return {
		...summary,
		columns,
		items,
		votes: tallyVotes(
			votes ? votes.entries() : [],
			new Set(items.map((item) => item.id)),
			summary.voteLimit
		),
		timer: readTimer(map.get(RETRO_KEYS.timer)),
		actions: readActions(map)
	};
}
