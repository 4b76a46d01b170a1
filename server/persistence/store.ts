/**
 * Storage of boards, behind one small interface so the room code knows nothing of SQL.
 *
 * A board is stored as a list of Yjs updates. Applying them in order, to an empty `Y.Doc`,
 * rebuilds the board. Compaction replaces the list with one update that encodes the whole
 * document. A board exists once its first update is stored.
 */

/** What the board list shows of a board, kept beside its updates. */
export interface BoardSummary {
	id: string;
	name: string;
	/** Cards on the board, archived ones included. */
	cardCount: number;
	/** ISO 8601 time of the last stored update. */
	lastChange: string;
}

export interface StoredBoard {
	/** The updates in the order they were stored; the first is the snapshot after a compaction. */
	updates: Uint8Array[];
	/** Total size of `updates`, in bytes. */
	bytes: number;
}

export interface BoardStore {
	/** Name of the backend, as printed at start: `sqlite` or `memory`. */
	readonly kind: string;
	/** Returns the stored updates of a board, or null when the board does not exist. */
	loadBoard(boardId: string): Promise<StoredBoard | null>;
	/** Stores one update and the board's new summary in one transaction; creates the board. */
	appendUpdate(boardId: string, update: Uint8Array, summary: BoardSummary): Promise<void>;
	/** Replaces every stored update of the board with `snapshot`, in one transaction. */
	compact(boardId: string, snapshot: Uint8Array): Promise<void>;
	getBoard(boardId: string): Promise<BoardSummary | null>;
	/** Returns all boards, the most recently changed first. */
	listBoards(): Promise<BoardSummary[]>;
	close(): Promise<void>;
}
