/**
 * Changes to retrospectives: creating one, its settings and its columns. Each runs in one Yjs
 * transaction, so other clients never see half of a change.
 */
import * as Y from 'yjs';
import { boardRoots, isoTime, newId, type ChangeContext } from '../board/doc';
import { rankBetween } from '../board/rank';
import { nested, requireDate, requireRetro, requireText } from './access';
import { readColumns } from './read';
import {
	DEFAULT_COLUMNS,
	DEFAULT_VOTE_LIMIT,
	MAX_COLUMN_NAME_LENGTH,
	MAX_RETRO_TITLE_LENGTH,
	MAX_VOTE_LIMIT,
	RETRO_KEYS,
	RetroError,
	type RetroColumn
} from './schema';

export interface NewRetro {
	title: string;
	/** First day of the period, `YYYY-MM-DD`. */
	from: string;
	/** Last day of the period, inclusive, `YYYY-MM-DD`. */
	to: string;
	anonymous?: boolean;
	voteLimit?: number;
	id?: string;
}

function requireVoteLimit(value: unknown): number {
	if (
		typeof value !== 'number' ||
		!Number.isInteger(value) ||
		value < 1 ||
		value > MAX_VOTE_LIMIT
	) {
		throw new RetroError(
			`voteLimit must be a whole number from 1 to ${MAX_VOTE_LIMIT}, not ${JSON.stringify(value)}.`,
			'voteLimit'
		);
	}
	return value;
}

/** Checks a period and returns it; `from` must not come after `to`. */
export function requirePeriod(from: unknown, to: unknown): { from: string; to: string } {
	const start = requireDate(from, 'from');
	const end = requireDate(to, 'to');
	if (start > end) {
		throw new RetroError(
			`The period starts on ${start}, after its end ${end}: pick an end on or after the start.`,
			'to'
		);
	}
	return { from: start, to: end };
}

/** Creates a retrospective with the default columns; returns its id. */
export function createRetro(doc: Y.Doc, input: NewRetro, context: ChangeContext): string {
	const title = requireText(input.title, 'title', 'The title', MAX_RETRO_TITLE_LENGTH);
	const period = requirePeriod(input.from, input.to);
	const voteLimit = requireVoteLimit(input.voteLimit ?? DEFAULT_VOTE_LIMIT);
	const id = input.id ?? newId();
	const { retros } = boardRoots(doc);
	if (retros.has(id)) {
		throw new RetroError(`Retrospective ${JSON.stringify(id)} already exists.`, 'id');
	}
	doc.transact(() => {
		const map = new Y.Map<unknown>();
		map.set(RETRO_KEYS.id, id);
		map.set(RETRO_KEYS.title, title);
		map.set(RETRO_KEYS.createdAt, isoTime(context));
		map.set(RETRO_KEYS.createdBy, context.by);
		map.set(RETRO_KEYS.from, period.from);
		map.set(RETRO_KEYS.to, period.to);
		map.set(RETRO_KEYS.anonymous, input.anonymous === true);
		map.set(RETRO_KEYS.voteLimit, voteLimit);
		const columns = new Y.Map<unknown>();
		for (const column of DEFAULT_COLUMNS) columns.set(column.id, { ...column });
		map.set(RETRO_KEYS.columns, columns);
		map.set(RETRO_KEYS.items, new Y.Map());
		map.set(RETRO_KEYS.votes, new Y.Map());
		map.set(RETRO_KEYS.timer, null);
		map.set(RETRO_KEYS.actions, new Y.Map());
		retros.set(id, map);
	}, context.origin);
	return id;
}

/** The settings that may change after creation; anonymity is fixed because authors are not kept. */
export interface RetroPatch {
	title?: string;
	from?: string;
	to?: string;
	voteLimit?: number;
}

export function updateRetro(
	doc: Y.Doc,
	retroId: string,
	patch: RetroPatch,
	context: ChangeContext
): void {
	const map = requireRetro(doc, retroId);
	const title =
		patch.title === undefined
			? undefined
			: requireText(patch.title, 'title', 'The title', MAX_RETRO_TITLE_LENGTH);
	const period =
		patch.from === undefined && patch.to === undefined
			? undefined
			: requirePeriod(patch.from ?? map.get(RETRO_KEYS.from), patch.to ?? map.get(RETRO_KEYS.to));
	const voteLimit = patch.voteLimit === undefined ? undefined : requireVoteLimit(patch.voteLimit);
	doc.transact(() => {
		if (title !== undefined) map.set(RETRO_KEYS.title, title);
		if (period) {
			map.set(RETRO_KEYS.from, period.from);
			map.set(RETRO_KEYS.to, period.to);
		}
		if (voteLimit !== undefined) map.set(RETRO_KEYS.voteLimit, voteLimit);
	}, context.origin);
}

export function deleteRetro(doc: Y.Doc, retroId: string, context: ChangeContext): void {
	requireRetro(doc, retroId);
	doc.transact(() => boardRoots(doc).retros.delete(retroId), context.origin);
}

/** Adds a column after the last one; returns its id. */
export function addColumn(
	doc: Y.Doc,
	retroId: string,
	name: string,
	context: ChangeContext
): string {
	const map = requireRetro(doc, retroId);
	const checked = requireText(name, 'name', 'A column name', MAX_COLUMN_NAME_LENGTH);
	const existing = readColumns(map);
	const id = newId();
	const rank = rankBetween(existing.at(-1)?.rank ?? null, null);
	doc.transact(() => {
		nested<RetroColumn>(map, RETRO_KEYS.columns).set(id, { id, name: checked, rank });
	}, context.origin);
	return id;
}

function requireColumn(map: Y.Map<unknown>, columnId: string): RetroColumn {
	const column = nested<RetroColumn>(map, RETRO_KEYS.columns).get(columnId);
	if (!column) {
		throw new RetroError(
			`Column ${JSON.stringify(columnId)} does not exist: it may have been removed.`,
			'columnId'
		);
	}
	return column;
}

export function renameColumn(
	doc: Y.Doc,
	retroId: string,
	columnId: string,
	name: string,
	context: ChangeContext
): void {
	const map = requireRetro(doc, retroId);
	const column = requireColumn(map, columnId);
	const checked = requireText(name, 'name', 'A column name', MAX_COLUMN_NAME_LENGTH);
	doc.transact(() => {
		nested<RetroColumn>(map, RETRO_KEYS.columns).set(columnId, { ...column, name: checked });
	}, context.origin);
}

/** Removes an empty column; a column with items, or the last column, stays. */
export function removeColumn(
	doc: Y.Doc,
	retroId: string,
	columnId: string,
	context: ChangeContext
): void {
	const map = requireRetro(doc, retroId);
	const column = requireColumn(map, columnId);
	const columns = nested<RetroColumn>(map, RETRO_KEYS.columns);
	if (columns.size <= 1) {
		throw new RetroError(
			'A retrospective needs at least one column: add another first.',
			'columnId'
		);
	}
	let count = 0;
	nested<Y.Map<unknown>>(map, RETRO_KEYS.items).forEach((item) => {
		if (item.get('columnId') === columnId) count++;
	});
	if (count > 0) {
		throw new RetroError(
			`Column ${JSON.stringify(column.name)} still has ${count} items: move or delete them first.`,
			'columnId'
		);
	}
	doc.transact(() => columns.delete(columnId), context.origin);
}
