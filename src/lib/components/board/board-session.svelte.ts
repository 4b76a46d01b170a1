/**
 * Everything one open board needs on the client: the connection, the reactive view, the
 * connection status and the drag state, with the loading phase the page shows.
 */
import { SYSTEM_MEMBER, seedBoard, type ReportInvalid } from '$lib/board';
import { BoardView } from '$lib/sync/board-view.svelte';
import { connectBoard, type BoardConnection } from '$lib/sync/connection';
import { localContext } from '$lib/sync/identity';
import { BoardPresence, localPresenceUser } from '$lib/sync/presence.svelte';
import { ConnectionStatus } from '$lib/sync/status.svelte';
import { BoardUndo, type UndoState } from '$lib/sync/undo';
import { BoardDrag } from './drag.svelte';

/** `cache`: reading IndexedDB; `server`: the cache had no board, waiting for the first sync. */
export type LoadPhase = 'cache' | 'server' | 'ready';

export class BoardSession {
	phase = $state<LoadPhase>('cache');
	readonly connection: BoardConnection;
	readonly view: BoardView;
	readonly status: ConnectionStatus;
	readonly drag: BoardDrag;
	readonly undo: BoardUndo;
	readonly presence: BoardPresence;
	/** Whether the toolbar's undo and redo buttons have a step to act on. */
	undoState = $state<UndoState>({ canUndo: false, canRedo: false });
	#destroyed = false;

	constructor(boardId: string, report: ReportInvalid) {
		this.connection = connectBoard(boardId);
		this.view = new BoardView(this.connection.doc, report);
		this.status = new ConnectionStatus(this.connection.provider);
		this.drag = new BoardDrag(this.view, localContext);
		this.undo = new BoardUndo(this.connection.doc);
		this.presence = new BoardPresence(this.connection.provider.awareness, localPresenceUser());
		this.undo.onChange((state) => (this.undoState = state));
		void this.connection.cached.then(() => {
			if (this.#destroyed || this.phase === 'ready') return;
			this.phase = this.view.stages.length > 0 ? 'ready' : 'server';
		});
		void this.connection.synced.then(() => {
			if (this.#destroyed) return;
			// The server seeds new boards; a board that reached the client without stages gets the
			// default ones, whose fixed ids make seeding on several clients at once safe.
			if (this.view.stages.length === 0) {
				seedBoard(this.connection.doc, { name: boardId }, { by: SYSTEM_MEMBER });
			}
			this.phase = 'ready';
		});
	}

	destroy(): void {
		this.#destroyed = true;
		this.drag.destroy();
		this.undo.destroy();
		this.presence.destroy();
		this.status.destroy();
		this.view.destroy();
		this.connection.destroy();
	}
}
