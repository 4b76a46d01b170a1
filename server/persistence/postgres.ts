/**
 * Postgres storage (pg) for deployments where several server processes share boards.
 *
 * Two tables: `boards` contains each board's summary and `board_updates` its updates, in the order
 * of an identity column `seq`. Every write that touches a board first locks its `boards` row, so
 * an append and a compaction of the same board never interleave, even across processes.
 */
import pg from 'pg';
import type { Logger } from 'pino';
import * as Y from 'yjs';
import type { BoardStore, BoardSummary, StoredBoard } from './store';

export interface PostgresStoreOptions {
	/** Connection string, such as `postgres://tandem@127.0.0.1:5432/tandem`. */
	url: string;
	/** Schema that contains the tables, created when missing. */
	schema?: string;
	/** Largest number of pooled connections. */
	maxConnections?: number;
	logger: Logger;
}

const DEFAULT_SCHEMA = 'public';
const DEFAULT_MAX_CONNECTIONS = 10;
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Serializes schema creation between processes that start at the same time. */
const SCHEMA_LOCK_KEY = 'tandem schema';

interface SummaryRow {
	id: string;
	name: string;
	card_count: number;
	last_change: Date;
}

function toSummary(row: SummaryRow): BoardSummary {
	return {
		id: row.id,
		name: row.name,
		cardCount: row.card_count,
		lastChange: row.last_change.toISOString()
	};
}

/** Views a `bytea` value as a plain `Uint8Array` without copying it. */
function toBytes(data: Buffer): Uint8Array {
	return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function describeError(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/**
 * Returns an update that contains `snapshot` and every update in `stored`. In the usual case the
 * snapshot already contains them all and is returned as is. Another process may have stored an
 * update that had not reached this process's document when it encoded the snapshot. Then the
 * result is the snapshot merged with that update, so compaction loses nothing.
 */
export function coverStoredUpdates(snapshot: Uint8Array, stored: Uint8Array[]): Uint8Array {
	const doc = new Y.Doc({ gc: true });
	try {
		Y.applyUpdate(doc, snapshot);
		let changed = false;
		const markChanged = () => {
			changed = true;
		};
		doc.on('update', markChanged);
		for (const update of stored) Y.applyUpdate(doc, update);
		doc.off('update', markChanged);
		// Pending structs wait for an update the snapshot lacks, and they too must be kept.
		const pending = doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
		return changed || pending ? Y.encodeStateAsUpdate(doc) : snapshot;
	} finally {
		doc.destroy();
	}
}

export class PostgresStore implements BoardStore {
	readonly kind = 'postgres';
	readonly schema: string;
	private readonly pool: pg.Pool;
	private readonly tables: { boards: string; updates: string; index: string };
	private closed = false;

	private constructor(options: PostgresStoreOptions, schema: string) {
		this.schema = schema;
		const quoted = pg.escapeIdentifier(schema);
		this.tables = {
			boards: `${quoted}.boards`,
			updates: `${quoted}.board_updates`,
			index: 'board_updates_by_board'
		};
		this.pool = new pg.Pool({
			connectionString: options.url,
			max: options.maxConnections ?? DEFAULT_MAX_CONNECTIONS
		});
		// An idle pooled connection that breaks emits `error`; without a listener it would end
		// the process. The pool replaces the connection on the next query.
		this.pool.on('error', (error) => {
			options.logger.error({ err: error, schema }, 'idle Postgres connection failed');
		});
	}

	/**
	 * Connects to Postgres and creates the schema, tables and index when missing. Throws when the
	 * server cannot be reached or the schema name is invalid.
	 */
	static async open(options: PostgresStoreOptions): Promise<PostgresStore> {
		const schema = options.schema ?? DEFAULT_SCHEMA;
		if (!SCHEMA_NAME.test(schema)) {
			throw new Error(
				`Postgres schema name must be lower-case letters, digits and underscores, starting with a letter or underscore, not ${JSON.stringify(schema)}.`
			);
		}
		const store = new PostgresStore(options, schema);
		try {
			await store.createSchema();
		} catch (error) {
			await store.pool.end();
			throw new Error(
				`Postgres store could not create schema ${JSON.stringify(schema)}: ${describeError(error)}`,
				{ cause: error }
			);
		}
		return store;
	}

	private async createSchema(): Promise<void> {
		const { boards, updates, index } = this.tables;
		await this.transaction(async (client) => {
			await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [SCHEMA_LOCK_KEY]);
			// CREATE SCHEMA checks the CREATE privilege on the database even when the schema exists,
			// so it runs only for a missing schema.
			const existing = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [
				this.schema
			]);
			if (existing.rowCount === 0) {
				await client.query(`CREATE SCHEMA IF NOT EXISTS ${pg.escapeIdentifier(this.schema)}`);
			}
			await client.query(
				`CREATE TABLE IF NOT EXISTS ${boards} (
					id text PRIMARY KEY,
					name text NOT NULL,
					card_count integer NOT NULL,
					last_change timestamptz NOT NULL
				)`
			);
			await client.query(
				`CREATE TABLE IF NOT EXISTS ${updates} (
					seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
					board_id text NOT NULL REFERENCES ${boards} (id),
					data bytea NOT NULL
				)`
			);
			await client.query(`CREATE INDEX IF NOT EXISTS ${index} ON ${updates} (board_id, seq)`);
		});
	}

	/** Runs `work` in one transaction on one pooled connection; rolls back when it throws. */
	private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
		const client = await this.pool.connect();
		let broken: Error | undefined;
		try {
			await client.query('BEGIN');
			const result = await work(client);
			await client.query('COMMIT');
			return result;
		} catch (error) {
			try {
				await client.query('ROLLBACK');
			} catch (rollbackError) {
				// The connection is unusable; release it as broken so the pool discards it.
				broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
			}
			throw error;
		} finally {
			client.release(broken);
		}
	}

	/** Runs one store operation, naming the operation and the board in any error it throws. */
	private async run<T>(operation: string, boardId: string, work: () => Promise<T>): Promise<T> {
		if (this.closed) {
			throw new Error(
				`Postgres ${operation} of board ${JSON.stringify(boardId)} failed: the store is closed.`
			);
		}
		try {
			return await work();
		} catch (error) {
			throw new Error(
				`Postgres ${operation} of board ${JSON.stringify(boardId)} failed: ${describeError(error)}`,
				{ cause: error }
			);
		}
	}

	async loadBoard(boardId: string): Promise<StoredBoard | null> {
		return this.run('loadBoard', boardId, async () => {
			// One statement sees one consistent state, so a concurrent compaction is either wholly
			// visible or not at all. A stored board always has at least one update.
			const result = await this.pool.query<{ data: Buffer }>(
				`SELECT data FROM ${this.tables.updates} WHERE board_id = $1 ORDER BY seq`,
				[boardId]
			);
			if (result.rows.length === 0) return null;
			const updates = result.rows.map((row) => toBytes(row.data));
			const bytes = updates.reduce((sum, update) => sum + update.byteLength, 0);
			return { updates, bytes };
		});
	}

	async appendUpdate(boardId: string, update: Uint8Array, summary: BoardSummary): Promise<void> {
		return this.run('appendUpdate', boardId, async () => {
			if (summary.id !== boardId) {
				throw new Error(`the summary is of board ${JSON.stringify(summary.id)}.`);
			}
			if (Number.isNaN(Date.parse(summary.lastChange))) {
				throw new Error(
					`summary lastChange must be an ISO 8601 time, not ${JSON.stringify(summary.lastChange)}.`
				);
			}
			await this.transaction(async (client) => {
				// The upsert locks the board's row until commit, which orders this append against
				// a compaction of the same board.
				await client.query(
					`INSERT INTO ${this.tables.boards} (id, name, card_count, last_change)
					 VALUES ($1, $2, $3, $4)
					 ON CONFLICT (id) DO UPDATE SET
						name = excluded.name, card_count = excluded.card_count, last_change = excluded.last_change`,
					[boardId, summary.name, summary.cardCount, summary.lastChange]
				);
				await client.query(`INSERT INTO ${this.tables.updates} (board_id, data) VALUES ($1, $2)`, [
					boardId,
					update
				]);
			});
		});
	}

	/**
	 * Replaces the board's stored updates with `snapshot`. Updates stored by another process
	 * that the snapshot does not contain are merged into it rather than dropped.
	 */
	async compact(boardId: string, snapshot: Uint8Array): Promise<void> {
		return this.run('compact', boardId, async () => {
			await this.transaction(async (client) => {
				const locked = await client.query(
					`SELECT id FROM ${this.tables.boards} WHERE id = $1 FOR UPDATE`,
					[boardId]
				);
				if (locked.rowCount === 0) throw new Error('the board is not stored.');
				// Appends wait on the row lock taken above, so these rows are all there are until
				// commit.
				const stored = await client.query<{ data: Buffer }>(
					`SELECT data FROM ${this.tables.updates} WHERE board_id = $1 ORDER BY seq`,
					[boardId]
				);
				const merged = coverStoredUpdates(
					snapshot,
					stored.rows.map((row) => toBytes(row.data))
				);
				await client.query(`DELETE FROM ${this.tables.updates} WHERE board_id = $1`, [boardId]);
				await client.query(`INSERT INTO ${this.tables.updates} (board_id, data) VALUES ($1, $2)`, [
					boardId,
					merged
				]);
			});
		});
	}

	async getBoard(boardId: string): Promise<BoardSummary | null> {
		return this.run('getBoard', boardId, async () => {
			const result = await this.pool.query<SummaryRow>(
				`SELECT id, name, card_count, last_change FROM ${this.tables.boards} WHERE id = $1`,
				[boardId]
			);
			return result.rows.length === 0 ? null : toSummary(result.rows[0]);
		});
	}

	async listBoards(): Promise<BoardSummary[]> {
		if (this.closed) throw new Error('Postgres listBoards failed: the store is closed.');
		try {
			const result = await this.pool.query<SummaryRow>(
				`SELECT id, name, card_count, last_change FROM ${this.tables.boards}
				 ORDER BY last_change DESC, id`
			);
			return result.rows.map(toSummary);
		} catch (error) {
			throw new Error(`Postgres listBoards failed: ${describeError(error)}`, { cause: error });
		}
	}

	/** Waits for running queries and closes every pooled connection; later calls do nothing. */
	async close(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		await this.pool.end();
	}
}
