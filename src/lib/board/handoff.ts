/**
 * The sales-to-operations handoff. Moving a card from a sales stage into an ops stage records the
 * facts ops needs in the card's `handoff` map; ops then accepts the handoff or returns the card to
 * the Won stage with a reason.
 * Each step runs in one transaction with the events it appends.
 */
import * as Y from 'yjs';
import { compareStages } from './board';
import { boardRoots, isoTime, newId, type ChangeContext } from './doc';
import { BoardError } from './errors';
import { moveCard, type MoveTarget } from './operations';
import { readCard, readStage } from './read';
import type { BoardEvent, Card, Stage } from './schema';
import { isIsoDate } from './validate';

export const HANDOFF_FACTS = ['needs', 'keyContact', 'goLiveDate', 'scope'] as const;
export type HandoffFact = (typeof HANDOFF_FACTS)[number];
export type HandoffFacts = Record<HandoffFact, string>;

export const HANDOFF_STATUSES = ['pending', 'submitted', 'accepted', 'returned'] as const;
export type HandoffStatus = (typeof HANDOFF_STATUSES)[number];

/** Key in `meta` of the facts a handoff must contain: a string array, all four when unset. */
export const HANDOFF_REQUIRED_KEY = 'handoffRequired';

export const MAX_FACT_LENGTH = 2000;
export const MAX_REASON_LENGTH = 500;

/** A card's handoff as read from its `handoff` map. */
export interface Handoff extends HandoffFacts {
	/** Null for a card that was never handed off. */
	status: HandoffStatus | null;
	/** The reason of the last return, kept only while the status is `returned`. */
	reason: string | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function isFact(value: unknown): value is HandoffFact {
	return typeof value === 'string' && (HANDOFF_FACTS as readonly string[]).includes(value);
}

export function emptyFacts(): HandoffFacts {
	return { needs: '', keyContact: '', goLiveDate: '', scope: '' };
}

/** Reads a handoff map; a missing map or a wrongly typed value reads as empty. */
export function readHandoff(map: unknown): Handoff {
	const handoff: Handoff = { ...emptyFacts(), status: null, reason: null };
	if (!(map instanceof Y.Map)) return handoff;
	for (const fact of HANDOFF_FACTS) {
		const value = map.get(fact);
		if (typeof value === 'string') handoff[fact] = value;
	}
	const status = map.get('status');
	if (typeof status === 'string' && (HANDOFF_STATUSES as readonly string[]).includes(status)) {
		handoff.status = status as HandoffStatus;
	}
	const reason = map.get('reason');
	if (handoff.status === 'returned' && typeof reason === 'string') handoff.reason = reason;
	return handoff;
}

/** Returns the handoff of a card, or an empty one when the card does not exist. */
export function cardHandoff(doc: Y.Doc, cardId: string): Handoff {
	return readHandoff(boardRoots(doc).cards.get(cardId)?.get('handoff'));
}

/** Returns the facts this board requires, in the order of `HANDOFF_FACTS`. */
export function readHandoffRequired(doc: Y.Doc): HandoffFact[] {
	const stored = boardRoots(doc).meta.get(HANDOFF_REQUIRED_KEY);
	if (!Array.isArray(stored)) return [...HANDOFF_FACTS];
	return HANDOFF_FACTS.filter((fact) => stored.includes(fact));
}

export function setHandoffRequired(
	doc: Y.Doc,
	required: readonly string[],
	context: ChangeContext
): void {
	const unknown = required.filter((fact) => !isFact(fact));
	if (unknown.length > 0) {
		throw new BoardError(
			`Unknown handoff facts: ${unknown.join(', ')}. Use ${HANDOFF_FACTS.join(', ')}.`,
			HANDOFF_REQUIRED_KEY
		);
	}
	const value = HANDOFF_FACTS.filter((fact) => required.includes(fact));
	doc.transact(() => boardRoots(doc).meta.set(HANDOFF_REQUIRED_KEY, value), context.origin);
}

/** Returns the required facts that are blank in `facts`. */
export function missingFacts(facts: HandoffFacts, required: readonly HandoffFact[]): HandoffFact[] {
	return required.filter((fact) => facts[fact].trim() === '');
}

/** Trims the facts and throws a `BoardError` naming the first invalid one. */
export function validateFacts(facts: Partial<HandoffFacts>): Partial<HandoffFacts> {
	const clean: Partial<HandoffFacts> = {};
	for (const [key, value] of Object.entries(facts)) {
		if (value === undefined) continue;
		if (!isFact(key)) throw new BoardError(`Unknown handoff fact ${JSON.stringify(key)}.`, key);
		if (typeof value !== 'string' || value.length > MAX_FACT_LENGTH) {
			throw new BoardError(`${key} must be text of at most ${MAX_FACT_LENGTH} characters.`, key);
		}
		const trimmed = value.trim();
		if (key === 'goLiveDate' && trimmed !== '') {
			if (!DATE_ONLY.test(trimmed) || !isIsoDate(trimmed) || !isCalendarDate(trimmed)) {
				throw new BoardError(
					`Go-live date ${JSON.stringify(trimmed)} is invalid: use YYYY-MM-DD.`,
					key
				);
			}
		}
		clean[key] = trimmed;
	}
	return clean;
}

/** True when the date names a real day: `Date.parse` accepts 2025-02-30 and rolls it over. */
function isCalendarDate(value: string): boolean {
	return new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
}

function appendEvent(doc: Y.Doc, event: Omit<BoardEvent, 'id'>): void {
	boardRoots(doc).events.push([{ id: newId(), ...event }]);
}

function requireCardMap(doc: Y.Doc, cardId: string): Y.Map<unknown> {
	const map = boardRoots(doc).cards.get(cardId);
	if (!map) {
		throw new BoardError(
			`Card ${JSON.stringify(cardId)} does not exist: it may have been deleted.`,
			'cardId'
		);
	}
	return map;
}

function stageOf(doc: Y.Doc, stageId: string): Stage | null {
	const map = boardRoots(doc).stages.get(stageId);
	return map ? readStage(stageId, map) : null;
}

/** Returns the card's handoff map, adding one to a card written without it. */
function handoffMap(card: Y.Map<unknown>): Y.Map<unknown> {
	const existing = card.get('handoff');
	if (existing instanceof Y.Map) return existing;
	const created = new Y.Map<unknown>();
	card.set('handoff', created);
	return created;
}

/** Finds the first `won` stage of the sales lane, where a returned handoff goes back to. */
export function wonStage(doc: Y.Doc): Stage | null {
	const stages: Stage[] = [];
	boardRoots(doc).stages.forEach((map, id) => stages.push(readStage(id, map)));
	return (
		stages
			.filter((stage) => stage.lane === 'sales' && stage.kind === 'won')
			.sort(compareStages)[0] ?? null
	);
}

/** True when moving a card between these stages is a handoff: from the sales lane into ops. */
export function isHandoffMove(from: Stage | undefined, to: Stage | undefined): boolean {
	return from?.lane === 'sales' && to?.lane === 'ops';
}

export interface HandoffRequest extends MoveTarget {
	facts: Partial<HandoffFacts>;
}

/**
 * Moves a card from a sales stage into an ops stage and writes the handoff facts. The status is
 * `submitted` when every required fact is filled in and `pending` otherwise. Returns the status.
 */
export function handOff(
	doc: Y.Doc,
	cardId: string,
	request: HandoffRequest,
	context: ChangeContext
): HandoffStatus {
	const map = requireCardMap(doc, cardId);
	const card = readCard(cardId, map);
	const from = stageOf(doc, card.position.stageId);
	const to = stageOf(doc, request.stageId);
	if (!to) {
		throw new BoardError(
			`Stage ${JSON.stringify(request.stageId)} does not exist on this board.`,
			'stageId'
		);
	}
	if (!isHandoffMove(from ?? undefined, to)) {
		throw new BoardError(
			`A handoff moves a card from a sales stage into an ops stage, not from ${JSON.stringify(card.position.stageId)} to ${JSON.stringify(to.id)}.`,
			'stageId'
		);
	}
	const facts = { ...emptyFacts(), ...validateFacts(request.facts) };
	const status: HandoffStatus =
		missingFacts(facts, readHandoffRequired(doc)).length === 0 ? 'submitted' : 'pending';
	const at = isoTime(context);
	doc.transact(() => {
		// A card handed off straight from an open stage is won at the handoff.
		if (map.get('closedAt') == null) map.set('closedAt', at);
		// One time for the move and the handoff event, so history orders them as written.
		moveCard(doc, cardId, request, { ...context, now: new Date(at) });
		const handoff = handoffMap(map);
		for (const fact of HANDOFF_FACTS) handoff.set(fact, facts[fact]);
		handoff.set('status', status);
		handoff.set('reason', null);
		appendEvent(doc, { type: 'handoff', cardId, at, by: context.by, status });
	}, context.origin);
	return status;
}

/**
 * Changes facts of a card already handed off and recomputes `pending` or `submitted`; an accepted
 * or returned handoff keeps its status. Appends an `update` event naming the facts that changed.
 */
export function updateHandoffFacts(
	doc: Y.Doc,
	cardId: string,
	patch: Partial<HandoffFacts>,
	context: ChangeContext
): void {
	const map = requireCardMap(doc, cardId);
	const clean = validateFacts(patch);
	doc.transact(() => {
		const handoff = handoffMap(map);
		const changed: string[] = [];
		for (const [fact, value] of Object.entries(clean)) {
			if ((handoff.get(fact) ?? '') === value) continue;
			handoff.set(fact, value);
			changed.push(`handoff.${fact}`);
		}
		if (changed.length === 0) return;
		const current = readHandoff(handoff);
		if (current.status === 'pending' || current.status === 'submitted') {
			const complete = missingFacts(current, readHandoffRequired(doc)).length === 0;
			const status = complete ? 'submitted' : 'pending';
			if (status !== current.status) handoff.set('status', status);
		}
		appendEvent(doc, {
			type: 'update',
			cardId,
			at: isoTime(context),
			by: context.by,
			fields: changed
		});
	}, context.origin);
}

function requireOpenHandoff(doc: Y.Doc, cardId: string, map: Y.Map<unknown>): Card {
	const card = readCard(cardId, map);
	const handoff = readHandoff(map.get('handoff'));
	const stage = stageOf(doc, card.position.stageId);
	if (stage?.lane !== 'ops' || (handoff.status !== 'pending' && handoff.status !== 'submitted')) {
		throw new BoardError(
			`Card ${JSON.stringify(cardId)} has no open handoff: its status is ${handoff.status ?? 'none'} in stage ${JSON.stringify(card.position.stageId)}.`,
			'status'
		);
	}
	return card;
}

/**
 * Accepts a handoff, which ends its lag. All required facts must be filled in first. The card's
 * position is written again, unchanged: a concurrent return writes the same two keys, and Yjs
 * resolves both conflicts in favour of the same client, so status and stage always agree.
 */
export function acceptHandoff(doc: Y.Doc, cardId: string, context: ChangeContext): void {
	const map = requireCardMap(doc, cardId);
	const card = requireOpenHandoff(doc, cardId, map);
	const missing = missingFacts(cardHandoff(doc, cardId), readHandoffRequired(doc));
	if (missing.length > 0) {
		throw new BoardError(
			`The handoff lacks required facts: ${missing.join(', ')}. Fill them in before accepting.`,
			missing[0]
		);
	}
	doc.transact(() => {
		map.set('position', { ...card.position });
		const handoff = handoffMap(map);
		handoff.set('status', 'accepted');
		handoff.set('reason', null);
		appendEvent(doc, {
			type: 'handoff',
			cardId,
			at: isoTime(context),
			by: context.by,
			status: 'accepted'
		});
	}, context.origin);
}

/** Sends a handoff back to the Won stage; the reason is required and recorded on the event. */
export function returnHandoff(
	doc: Y.Doc,
	cardId: string,
	reason: string,
	context: ChangeContext
): void {
	const trimmed = typeof reason === 'string' ? reason.trim() : '';
	if (trimmed === '') {
		throw new BoardError('Sending a handoff back needs a reason: say what is missing.', 'reason');
	}
	if (trimmed.length > MAX_REASON_LENGTH) {
		throw new BoardError(
			`A reason is at most ${MAX_REASON_LENGTH} characters; this one has ${trimmed.length}.`,
			'reason'
		);
	}
	const map = requireCardMap(doc, cardId);
	requireOpenHandoff(doc, cardId, map);
	const won = wonStage(doc);
	if (!won)
		throw new BoardError('This board has no Won stage to send the card back to.', 'stageId');
	const at = isoTime(context);
	doc.transact(() => {
		moveCard(doc, cardId, { stageId: won.id }, { ...context, now: new Date(at) });
		const handoff = handoffMap(map);
		handoff.set('status', 'returned');
		handoff.set('reason', trimmed);
		appendEvent(doc, {
			type: 'handoff',
			cardId,
			at,
			by: context.by,
			status: 'returned',
			reason: trimmed
		});
	}, context.origin);
}

/**
 * Returns the handoff lag in whole days, from the won date (`closedAt`, else `createdAt`) to `now`. The lag counts
 * while a won card waits in the Won stage or in ops for acceptance, and is null otherwise.
 */
export function handoffLagDays(
	card: Card,
	stage: Stage | undefined,
	handoff: Handoff,
	now: Date
): number | null {
	if (!stage || handoff.status === 'accepted') return null;
	const waiting =
		stage.kind === 'won' ||
		(stage.lane === 'ops' && (handoff.status === 'pending' || handoff.status === 'submitted'));
	if (!waiting) return null;
	// A card created straight in Won has no `closedAt`, and it was won when it was created.
	const won = Date.parse(card.closedAt ?? card.createdAt);
	if (Number.isNaN(won)) return null;
	return Math.max(0, Math.floor((now.getTime() - won) / DAY_MS));
}
