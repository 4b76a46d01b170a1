/** Access to the top-level types of a board document, and id and time helpers for operations. */
import * as Y from 'yjs';
import { ROOT } from './schema';

export interface BoardRoots {
	meta: Y.Map<unknown>;
	stages: Y.Map<Y.Map<unknown>>;
	cards: Y.Map<Y.Map<unknown>>;
	events: Y.Array<unknown>;
	members: Y.Map<unknown>;
	retros: Y.Map<Y.Map<unknown>>;
}

export function boardRoots(doc: Y.Doc): BoardRoots {
	return {
		meta: doc.getMap(ROOT.meta),
		stages: doc.getMap(ROOT.stages),
		cards: doc.getMap(ROOT.cards),
		events: doc.getArray(ROOT.events),
		members: doc.getMap(ROOT.members),
		retros: doc.getMap(ROOT.retros)
	};
}

/** Who makes a change and when; every operation records both on the event it appends. */
export interface ChangeContext {
	/** Member id of the person making the change. */
	by: string;
	/** The time of the change; defaults to the current time. */
	now?: Date;
	/** Transaction origin, so an undo manager can tell local changes from remote ones. */
	origin?: unknown;
}

const ID_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** Returns a random 16-character id; uses `crypto.getRandomValues`, which works on plain HTTP too. */
export function newId(): string {
	const bytes = new Uint8Array(16);
	globalThis.crypto.getRandomValues(bytes);
	let id = '';
	for (const byte of bytes) id += ID_ALPHABET[byte % ID_ALPHABET.length];
	return id;
}

export function isoTime(context: ChangeContext): string {
	return (context.now ?? new Date()).toISOString();
}
