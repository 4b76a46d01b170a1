/**
 * Undo and redo of this tab's own changes to a board.
 *
 * A `Y.UndoManager` watches the cards, the stages and the event log, and records only
 * transactions whose origin is `LOCAL_ORIGIN`, so it never reverts a colleague's change. Where a
 * colleague has since written the same key (moved the same card, say), Yjs keeps their value:
 * undo then leaves the card where they put it, never without a stage. A card another replica
 * deleted stays deleted, because Yjs does not restore content inside a deleted parent.
 *
 * The event log is undone with the change that appended it: undoing a move removes its `move`
 * event, and redoing it adds the event back, so the history never claims a move that the board
 * does not show.
 */
import * as Y from 'yjs';
import { boardRoots } from '$lib/board';
import { LOCAL_ORIGIN } from './identity';

/**
 * Text edits closer together than this, in milliseconds, undo as one step. Every other change
 * (a move, a new card, a field) is one step of its own however quickly the next one follows.
 */
export const CAPTURE_TIMEOUT = 500;

export interface UndoOptions {
	/** The origin to record; defaults to this tab's `LOCAL_ORIGIN`. */
	origin?: unknown;
	captureTimeout?: number;
}

export interface UndoState {
	canUndo: boolean;
	canRedo: boolean;
}

export class BoardUndo {
	readonly manager: Y.UndoManager;
	#listeners = new Set<(state: UndoState) => void>();
	#doc: Y.Doc;
	#onTransaction: (transaction: Y.Transaction) => void;

	constructor(doc: Y.Doc, options: UndoOptions = {}) {
		const { cards, stages, events } = boardRoots(doc);
		const origin = options.origin ?? LOCAL_ORIGIN;
		this.#doc = doc;
		this.manager = new Y.UndoManager([cards, stages, events], {
			trackedOrigins: new Set([origin]),
			captureTimeout: options.captureTimeout ?? CAPTURE_TIMEOUT
		});
		// Registered after the manager's own handler, so it closes the step just recorded.
		this.#onTransaction = (transaction) => {
			if (transaction.origin !== origin) return;
			for (const type of transaction.changed.keys()) {
				if (!(type instanceof Y.Text)) return this.manager.stopCapturing();
			}
		};
		doc.on('afterTransaction', this.#onTransaction);
		let last = this.state();
		const notify = () => {
			const state = this.state();
			if (state.canUndo === last.canUndo && state.canRedo === last.canRedo) return;
			last = state;
			for (const listener of this.#listeners) listener(state);
		};
		this.manager.on('stack-item-added', notify);
		this.manager.on('stack-item-popped', notify);
		this.manager.on('stack-cleared', notify);
	}

	state(): UndoState {
		return { canUndo: this.manager.canUndo(), canRedo: this.manager.canRedo() };
	}

	/** Reverts the last local step; returns false when there was nothing to undo. */
	undo(): boolean {
		return this.manager.undo() !== null;
	}

	redo(): boolean {
		return this.manager.redo() !== null;
	}

	/** Ends the current step, so the next change starts a new one even inside the capture time. */
	stopCapturing(): void {
		this.manager.stopCapturing();
	}

	/** Calls `listener` with the new state whenever undo or redo becomes possible or impossible. */
	onChange(listener: (state: UndoState) => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	destroy(): void {
		this.#listeners.clear();
		this.#doc.off('afterTransaction', this.#onTransaction);
		this.manager.destroy();
	}
}

/** True when a key press should undo (Ctrl/Cmd+Z). */
export function isUndoKey(event: KeyboardEvent): boolean {
	const modifier = event.ctrlKey === true || event.metaKey === true;
	return modifier && event.shiftKey !== true && event.key.toLowerCase() === 'z';
}

/** True when a key press should redo (Ctrl/Cmd+Shift+Z or Ctrl+Y). */
export function isRedoKey(event: KeyboardEvent): boolean {
	const key = event.key.toLowerCase();
	const modifier = event.ctrlKey === true || event.metaKey === true;
	if (modifier && event.shiftKey === true && key === 'z') return true;
	return event.ctrlKey === true && event.shiftKey !== true && key === 'y';
}
