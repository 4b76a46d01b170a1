/**
 * SQLite storage (better-sqlite3) in write-ahead-log mode. Writes are synchronous and use
 * `synchronous = FULL`, so an update is on disk when `appendUpdate` returns.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import type { BoardStore, BoardSummary, StoredBoard } from './store';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS boards (
	id TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	card_count INTEGER NOT NULL,
	last_change TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS updates (
	seq INTEGER PRIMARY KEY AUTOINCREMENT,
	board_id TEXT NOT NULL REFERENCES boards (id),
	data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS updates_by_board ON updates (board_id, seq);
`;

interface SummaryRow {
	id: string;
	name: string;
	card_count: number;
	last_change: string;
}

function toSummary(row: SummaryRow): BoardSummary {
	return { id: row.id, name: row.name, cardCount: row.card_count, lastChange: row.last_change };
}

export const DATABASE_FILE = 'tandem.sqlite';

export class SqliteStore implements BoardStore {
	readonly kind = 'sqlite';
	readonly file: string;
	private readonly db: Database.Database;
	private readonly statements;
	private readonly appendTransaction;
	private readonly compactTransaction;

	/** Opens, or creates, `tandem.sqlite` in `dataDir`; creates the folder when missing. */
	constructor(dataDir: string) {
		fs.mkdirSync(dataDir, { recursive: true });
		this.file = path.resolve(dataDir, DATABASE_FILE);
		this.db = new Database(this.file);
		this.db.pragma('journal_mode = WAL');
		this.db.pragma('synchronous = FULL');
		this.db.pragma('foreign_keys = ON');
		this.db.exec(SCHEMA);
		this.statements = {
			upsertBoard: this.db.prepare<[string, string, number, string]>(
				`INSERT INTO boards (id, name, card_count, last_change) VALUES (?, ?, ?, ?)
				 ON CONFLICT (id) DO UPDATE SET
					name = excluded.name, card_count = excluded.card_count, last_change = excluded.last_change`
			),
			insertUpdate: this.db.prepare<[string, Uint8Array]>(
				'INSERT INTO updates (board_id, data) VALUES (?, ?)'
			),
			deleteUpdates: this.db.prepare<[string]>('DELETE FROM updates WHERE board_id = ?'),
			selectUpdates: this.db.prepare<[string], { data: Buffer }>(
				'SELECT data FROM updates WHERE board_id = ? ORDER BY seq'
			),
			selectBoard: this.db.prepare<[string], SummaryRow>('SELECT * FROM boards WHERE id = ?'),
			selectBoards: this.db.prepare<[], SummaryRow>(
				'SELECT * FROM boards ORDER BY last_change DESC, id'
			)
		};
		this.appendTransaction = this.db.transaction((update: Uint8Array, summary: BoardSummary) => {
			const { id, name, cardCount, lastChange } = summary;
			this.statements.upsertBoard.run(id, name, cardCount, lastChange);
			this.statements.insertUpdate.run(id, update);
		});
		this.compactTransaction = this.db.transaction((boardId: string, snapshot: Uint8Array) => {
			this.statements.deleteUpdates.run(boardId);
			this.statements.insertUpdate.run(boardId, snapshot);
		});
	}

	async loadBoard(boardId: string): Promise<StoredBoard | null> {
		if (!this.statements.selectBoard.get(boardId)) return null;
		const updates: Uint8Array[] = [];
		let bytes = 0;
		for (const row of this.statements.selectUpdates.iterate(boardId)) {
			const update = new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength);
			updates.push(update);
			bytes += update.byteLength;
		}
		return { updates, bytes };
	}

	async appendUpdate(boardId: string, update: Uint8Array, summary: BoardSummary): Promise<void> {
		if (summary.id !== boardId) {
			throw new Error(`Summary of board ${summary.id} passed with an update of board ${boardId}.`);
		}
		this.appendTransaction(update, summary);
	}

	async compact(boardId: string, snapshot: Uint8Array): Promise<void> {
		if (!this.statements.selectBoard.get(boardId)) {
			throw new Error(`Cannot compact board ${JSON.stringify(boardId)}: not stored.`);
		}
		this.compactTransaction(boardId, snapshot);
	}

	async getBoard(boardId: string): Promise<BoardSummary | null> {
		const row = this.statements.selectBoard.get(boardId);
		return row ? toSummary(row) : null;
	}

	async listBoards(): Promise<BoardSummary[]> {
		return this.statements.selectBoards.all().map(toSummary);
	}

	async close(): Promise<void> {
		if (this.db.open) this.db.close();
	}
}
