/**
 * The board as the retrospective pages read it: a snapshot, the retrospectives and, on a session
 * page, the chosen one in full, refreshed as the document changes.
 */
import { readBoard, type BoardSnapshot } from '$lib/board';
import { connectBoard, type BoardConnection } from '$lib/sync/connection';
import { readRetro, readRetros, type RetroSummary, type RetroView } from '$lib/retro';

/** Delay that coalesces a burst of document updates into one read. */
const REFRESH_MS = 50;

export class LiveRetro {
	readonly connection: BoardConnection;
	board = $state.raw<BoardSnapshot | null>(null);
	retros = $state.raw<RetroSummary[]>([]);
	/** The session with id `retroId`; null without one or before the board has loaded. */
	view = $state.raw<RetroView | null>(null);
	/** True once the board came from the cache with stages, or from the server. */
	loaded = $state(false);
	readonly #retroId: string | null;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#destroyed = false;

	constructor(boardId: string, retroId: string | null) {
		this.#retroId = retroId;
		this.connection = connectBoard(boardId);
		const { doc } = this.connection;
		doc.on('update', this.#scheduleRefresh);
		void this.connection.cached.then(() => {
			if (this.#destroyed) return;
			this.refresh();
			if (this.board && this.board.stages.length > 0) this.loaded = true;
		});
		void this.connection.synced.then(() => {
			if (this.#destroyed) return;
			this.refresh();
			this.loaded = true;
		});
	}

	get doc() {
		return this.connection.doc;
	}

	refresh(): void {
		if (this.#timer !== null) clearTimeout(this.#timer);
		this.#timer = null;
		const { doc } = this.connection;
		this.board = readBoard(doc);
		this.retros = readRetros(doc);
		this.view = this.#retroId === null ? null : readRetro(doc, this.#retroId);
	}

	readonly #scheduleRefresh = () => {
		if (this.#timer !== null || this.#destroyed) return;
		this.#timer = setTimeout(() => this.refresh(), REFRESH_MS);
	};

	destroy(): void {
		this.#destroyed = true;
		if (this.#timer !== null) clearTimeout(this.#timer);
		this.connection.doc.off('update', this.#scheduleRefresh);
		this.connection.destroy();
	}
}
