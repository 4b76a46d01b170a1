/** A store that keeps boards in memory only; for tests and throwaway servers. */
import type { BoardStore, BoardSummary, StoredBoard } from './store';

interface MemoryBoard {
	summary: BoardSummary;
	updates: Uint8Array[];
}

export class MemoryStore implements BoardStore {
	readonly kind = 'memory';
	private readonly boards = new Map<string, MemoryBoard>();

	async loadBoard(boardId: string): Promise<StoredBoard | null> {
		const board = this.boards.get(boardId);
		if (!board) return null;
		const bytes = board.updates.reduce((sum, update) => sum + update.byteLength, 0);
		return { updates: [...board.updates], bytes };
	}

	async appendUpdate(boardId: string, update: Uint8Array, summary: BoardSummary): Promise<void> {
		const board = this.boards.get(boardId);
		// Copy: the caller may reuse the buffer the update came in.
		const copy = update.slice();
		if (board) {
			board.updates.push(copy);
			board.summary = { ...summary };
		} else {
			this.boards.set(boardId, { summary: { ...summary }, updates: [copy] });
		}
	}

	async compact(boardId: string, snapshot: Uint8Array): Promise<void> {
		const board = this.boards.get(boardId);
		if (!board) throw new Error(`Cannot compact board ${JSON.stringify(boardId)}: not stored.`);
		board.updates = [snapshot.slice()];
	}

	async getBoard(boardId: string): Promise<BoardSummary | null> {
		const board = this.boards.get(boardId);
		return board ? { ...board.summary } : null;
	}

	async listBoards(): Promise<BoardSummary[]> {
		return [...this.boards.values()]
			.map((board) => ({ ...board.summary }))
			.sort((a, b) => (a.lastChange < b.lastChange ? 1 : a.lastChange > b.lastChange ? -1 : 0));
	}

	async close(): Promise<void> {
		this.boards.clear();
	}
}
