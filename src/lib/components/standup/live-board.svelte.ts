/**
 * The board as the stand-up page reads it: a snapshot and the recorded stand-ups, refreshed as
 * the document changes, and the presenter other clients publish in awareness.
 */
import { boardRoots, readBoard, SYSTEM_MEMBER, seedBoard, type BoardSnapshot } from '$lib/board';
import { connectBoard, type BoardConnection } from '$lib/sync/connection';
import { findPresenter, readStandups, type Presenter, type StandupRecord } from '$lib/standup';

/** Delay that coalesces a burst of document updates into one snapshot. */
const REFRESH_MS = 100;

export class LiveBoard {
	readonly connection: BoardConnection;
	board = $state.raw<BoardSnapshot | null>(null);
	standups = $state.raw<StandupRecord[]>([]);
	/** Another client presenting a stand-up on this board, if any. */
	presenter = $state.raw<Presenter | null>(null);
	/** True once the board came from the cache with stages, or from the server. */
	loaded = $state(false);
	#timer: ReturnType<typeof setTimeout> | null = null;
	#destroyed = false;

	constructor(boardId: string) {
		this.connection = connectBoard(boardId);
		const { doc, provider } = this.connection;
		doc.on('update', this.#scheduleRefresh);
		provider.awareness.on('change', this.#readPresenter);
		void this.connection.cached.then(() => {
			if (this.#destroyed) return;
			this.refresh();
			if (this.board && this.board.stages.length > 0) this.loaded = true;
		});
		void this.connection.synced.then(() => {
			if (this.#destroyed) return;
			if (boardRoots(doc).stages.size === 0) {
				seedBoard(doc, { name: boardId }, { by: SYSTEM_MEMBER });
			}
			this.refresh();
			this.loaded = true;
		});
		this.#readPresenter();
	}

	refresh(): void {
		if (this.#timer !== null) clearTimeout(this.#timer);
		this.#timer = null;
		this.board = readBoard(this.connection.doc);
		this.standups = readStandups(this.connection.doc);
	}

	readonly #scheduleRefresh = () => {
		if (this.#timer !== null || this.#destroyed) return;
		this.#timer = setTimeout(() => this.refresh(), REFRESH_MS);
	};

	readonly #readPresenter = () => {
		const { awareness } = this.connection.provider;
		this.presenter = findPresenter(awareness.getStates(), awareness.clientID);
	};

	destroy(): void {
		this.#destroyed = true;
		if (this.#timer !== null) clearTimeout(this.#timer);
		this.connection.doc.off('update', this.#scheduleRefresh);
		this.connection.provider.awareness.off('change', this.#readPresenter);
		this.connection.destroy();
	}
}
