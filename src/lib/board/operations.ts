/**
 * Changes to a board document. Each runs in one Yjs transaction and appends the event that
 * records it, so the board's history and its state never disagree.
 */
import * as Y from 'yjs';
import { readCards } from './board';
import { boardRoots, isoTime, newId, type ChangeContext } from './doc';
import { BoardError } from './errors';
import { compareByRank, rankBetween } from './rank';
import { readCard, readStage } from './read';
import {
	DEFAULT_CURRENCY,
	DEFAULT_STAGES,
	SCHEMA_VERSION,
	type BoardEvent,
	type CardFields,
	type Member,
	type Stage
} from './schema';
import { validateCardFields } from './validate';

export interface SeedOptions {
	name: string;
	currency?: string;
	locale?: string;
}

/**
 * Fills an empty board with its metadata and the default stages. Keys that already exist are
 * kept, so seeding twice, or on two replicas at once, leaves one set of stages.
 */
export function seedBoard(doc: Y.Doc, options: SeedOptions, context: ChangeContext): void {
	const { meta, stages } = boardRoots(doc);
	doc.transact(() => {
		if (!meta.has('schemaVersion')) meta.set('schemaVersion', SCHEMA_VERSION);
		if (!meta.has('name')) meta.set('name', options.name);
		if (!meta.has('createdAt')) meta.set('createdAt', isoTime(context));
		if (!meta.has('currency')) meta.set('currency', options.currency ?? DEFAULT_CURRENCY);
		if (!meta.has('locale')) meta.set('locale', options.locale ?? 'zh-CN');
		if (stages.size > 0) return;
		for (const stage of DEFAULT_STAGES) stages.set(stage.id, stageMap(stage));
	}, context.origin);
}

function stageMap(stage: Stage): Y.Map<unknown> {
	const map = new Y.Map<unknown>();
	for (const [key, value] of Object.entries(stage)) map.set(key, value);
	return map;
}

function appendEvent(doc: Y.Doc, event: Omit<BoardEvent, 'id'>): void {
	boardRoots(doc).events.push([{ id: newId(), ...event }]);
}

function requireStage(doc: Y.Doc, stageId: string): Stage {
	const map = boardRoots(doc).stages.get(stageId);
	if (!map)
		throw new BoardError(
			`Stage ${JSON.stringify(stageId)} does not exist on this board.`,
			'stageId'
		);
	return readStage(stageId, map);
}

function requireCard(doc: Y.Doc, cardId: string): Y.Map<unknown> {
	const map = boardRoots(doc).cards.get(cardId);
	if (!map)
		throw new BoardError(
			`Card ${JSON.stringify(cardId)} does not exist: it may have been deleted.`,
			'cardId'
		);
	return map;
}

/** Returns the rank of the last card in a stage, or null for an empty stage. */
function lastRank(doc: Y.Doc, stageId: string, exceptCardId?: string): string | null {
	let last: string | null = null;
	boardRoots(doc).cards.forEach((map, id) => {
		if (id === exceptCardId) return;
		const position = map.get('position') as { stageId?: string; rank?: string } | undefined;
		if (position?.stageId !== stageId || typeof position.rank !== 'string') return;
		if (map.get('archived') === true) return;
		if (last === null || position.rank > last) last = position.rank;
	});
	return last;
}

export interface NewCard extends Partial<CardFields> {
	title: string;
	stageId: string;
	/** Rank inside the stage; defaults to after the last card. */
	rank?: string;
	id?: string;
}

/** Builds the `Y.Map` of a new card, with its collaborative parts, without touching a document. */
export function cardMap(
	id: string,
	input: NewCard,
	createdAt: string,
	rank: string
): Y.Map<unknown> {
	const map = new Y.Map<unknown>();
	map.set('id', id);
	map.set('title', input.title.trim());
	map.set('company', input.company ?? '');
	map.set('contact', input.contact ?? '');
	map.set('value', input.value ?? 0);
	map.set('position', { stageId: input.stageId, rank });
	map.set('salesOwner', input.salesOwner ?? null);
	map.set('opsOwner', input.opsOwner ?? null);
	map.set('tags', input.tags ?? []);
	map.set('dueAt', input.dueAt ?? null);
	map.set('createdAt', input.createdAt ?? createdAt);
	map.set('closedAt', input.closedAt ?? null);
	map.set('satisfaction', input.satisfaction ?? null);
	map.set('health', input.health ?? null);
	map.set('source', input.source ?? '');
	map.set('archived', false);
	map.set('notes', new Y.Text());
	map.set('checklist', new Y.Array());
	map.set('comments', new Y.Array());
	map.set('handoff', new Y.Map());
	return map;
}

/** Creates a card and its `create` event; returns the card id. */
export function createCard(doc: Y.Doc, input: NewCard, context: ChangeContext): string {
	validateCardFields(input);
	requireStage(doc, input.stageId);
	const id = input.id ?? newId();
	if (boardRoots(doc).cards.has(id))
		throw new BoardError(`Card ${JSON.stringify(id)} already exists.`, 'id');
	const at = isoTime(context);
	doc.transact(() => {
		const rank = input.rank ?? rankBetween(lastRank(doc, input.stageId), null);
		boardRoots(doc).cards.set(id, cardMap(id, input, at, rank));
		appendEvent(doc, { type: 'create', cardId: id, at, by: context.by, to: input.stageId });
	}, context.origin);
	return id;
}

/** Target of a move: a stage and, optionally, the card to follow or precede there. */
export interface MoveTarget {
	stageId: string;
	/** Place the card right after this card; `null` puts it first. Omit both to put it last. */
	afterCardId?: string | null;
	beforeCardId?: string | null;
}

/**
 * Moves a card. The position is written as one value, so concurrent moves of one card leave it
 * in exactly one stage. A change of stage appends a `move` event; a reorder inside a stage does not.
 */
export function moveCard(
	doc: Y.Doc,
	cardId: string,
	target: MoveTarget,
	context: ChangeContext
): void {
	const map = requireCard(doc, cardId);
	const stage = requireStage(doc, target.stageId);
	const from = readCard(cardId, map).position.stageId;
	doc.transact(() => {
		const rank = rankForTarget(doc, cardId, target);
		map.set('position', { stageId: target.stageId, rank });
		if (from === target.stageId) return;
		const at = isoTime(context);
		if ((stage.kind === 'won' || stage.kind === 'lost') && map.get('closedAt') == null) {
			map.set('closedAt', at);
		}
		if (stage.lane === 'sales' && stage.kind === 'open' && map.get('closedAt') != null) {
			map.set('closedAt', null);
		}
		appendEvent(doc, { type: 'move', cardId, at, by: context.by, from, to: target.stageId });
	}, context.origin);
}

function rankForTarget(doc: Y.Doc, cardId: string, target: MoveTarget): string {
	if (target.afterCardId === undefined && target.beforeCardId === undefined) {
		return rankBetween(lastRank(doc, target.stageId, cardId), null);
	}
	const column = readCards(doc)
		.filter(
			(card) => card.position.stageId === target.stageId && !card.archived && card.id !== cardId
		)
		.sort(compareByRank);
	let index: number;
	if (target.afterCardId === null) index = 0;
	else if (target.afterCardId !== undefined) {
		index = column.findIndex((card) => card.id === target.afterCardId) + 1;
	} else if (target.beforeCardId === null) index = column.length;
	else
		index = Math.max(
			0,
			column.findIndex((card) => card.id === target.beforeCardId)
		);
	if (index === 0 && target.afterCardId !== null && target.afterCardId !== undefined) {
		// The card to follow has gone (moved or deleted meanwhile): put this one last.
		index = column.length;
	}
	const before = column[index - 1]?.position.rank ?? null;
	let after: string | null = column[index]?.position.rank ?? null;
	if (before !== null && after !== null && before >= after) {
		// Equal ranks (ties broken by id) leave no room between them: go after the tie instead.
		const next = column.slice(index).find((card) => card.position.rank > before);
		after = next?.position.rank ?? null;
	}
	return rankBetween(before, after);
}

/** Sets card fields; appends one `update` event naming the fields that changed. */
export function updateCard(
	doc: Y.Doc,
	cardId: string,
	patch: Partial<CardFields>,
	context: ChangeContext
): void {
	validateCardFields(patch);
	const map = requireCard(doc, cardId);
	doc.transact(() => {
		const changed: string[] = [];
		for (const [key, raw] of Object.entries(patch)) {
			if (raw === undefined) continue;
			const value = key === 'title' ? (raw as string).trim() : raw;
			if (JSON.stringify(map.get(key)) === JSON.stringify(value)) continue;
			map.set(key, value);
			changed.push(key);
		}
		if (changed.length === 0) return;
		appendEvent(doc, {
			type: 'update',
			cardId,
			at: isoTime(context),
			by: context.by,
			fields: changed
		});
	}, context.origin);
}

export function archiveCard(
	doc: Y.Doc,
	cardId: string,
	archived: boolean,
	context: ChangeContext
): void {
	const map = requireCard(doc, cardId);
	if ((map.get('archived') === true) === archived) return;
	doc.transact(() => {
		map.set('archived', archived);
		appendEvent(doc, {
			type: archived ? 'archive' : 'restore',
			cardId,
			at: isoTime(context),
			by: context.by
		});
	}, context.origin);
}

/** Removes a card for good; the board keeps its `delete` event. */
export function deleteCard(doc: Y.Doc, cardId: string, context: ChangeContext): void {
	requireCard(doc, cardId);
	doc.transact(() => {
		boardRoots(doc).cards.delete(cardId);
		appendEvent(doc, { type: 'delete', cardId, at: isoTime(context), by: context.by });
	}, context.origin);
}

/** Adds a member, or replaces the member with the same id. */
export function putMember(doc: Y.Doc, member: Member, context: ChangeContext): void {
	doc.transact(() => boardRoots(doc).members.set(member.id, { ...member }), context.origin);
}

export function renameBoard(doc: Y.Doc, name: string, context: ChangeContext): void {
	const trimmed = name.trim();
	if (trimmed === '' || trimmed.length > MAX_BOARD_NAME) {
		throw new BoardError(`A board name is 1 to ${MAX_BOARD_NAME} characters.`, 'name');
	}
	doc.transact(() => boardRoots(doc).meta.set('name', trimmed), context.origin);
}

export const MAX_BOARD_NAME = 100;
