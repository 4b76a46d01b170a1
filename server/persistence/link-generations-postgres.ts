/**
 * Share-link generations kept in Postgres, so that every server process on one database applies
 * a rotation. Each process keeps the generations in memory for the synchronous `current` check,
 * and learns of another process's rotation through `LISTEN`/`NOTIFY`, with a periodic reload of
 * the table as a fallback for notifications lost while its listening connection was down.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Logger } from 'pino';
import type { LinkGenerations } from '../auth';

export interface PostgresLinkGenerationsOptions {
	/** Connection string, such as `postgres://tandem@127.0.0.1:5432/tandem`. */
	url: string;
	/** Schema that contains the `link_generations` table, created when missing. */
	schema?: string;
	/** Milliseconds between reloads of the whole table. */
	refreshMs?: number;
	logger: Logger;
}

/** Called when a board's generation rose because another process rotated its links. */
export type RotationListener = (boardId: string, generation: number) => void;

/** The notification channel; one per database, so payloads name their schema. */
export const LINK_GENERATIONS_CHANNEL = 'tandem_link_generations';

const DEFAULT_SCHEMA = 'public';
const DEFAULT_REFRESH_MS = 3_000;
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
/** Serializes schema creation between processes; the same key as the board store's. */
const SCHEMA_LOCK_KEY = 'tandem schema';

interface Notice {
	/** Id of the instance that rotated, so an instance skips its own notifications. */
	sender: string;
	schema: string;
	boardId: string;
	generation: number;
}

function describeError(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

function parseNotice(payload: string | undefined): Notice | null {
	if (payload === undefined) return null;
	let body: { p?: unknown; s?: unknown; b?: unknown; g?: unknown };
	try {
		body = JSON.parse(payload) as typeof body;
	} catch (error) {
		if (error instanceof SyntaxError) return null;
		throw error;
	}
	if (
		typeof body.p !== 'string' ||
		typeof body.s !== 'string' ||
		typeof body.b !== 'string' ||
		!Number.isInteger(body.g)
	) {
		return null;
	}
	return { sender: body.p, schema: body.s, boardId: body.b, generation: body.g as number };
}

export class PostgresLinkGenerations implements LinkGenerations {
	readonly schema: string;
	/** Random id of this instance, also in the `application_name` of its listening connection. */
	readonly instanceId = randomUUID();
	private readonly table: string;
	private readonly pool: pg.Pool;
	private readonly generations = new Map<string, number>();
	private readonly listeners: RotationListener[] = [];
	private readonly refreshMs: number;
	private readonly logger: Logger;
	private readonly url: string;
	private listener: pg.Client | null = null;
	private refreshTimer: NodeJS.Timeout | null = null;
	private reconnectTimer: NodeJS.Timeout | null = null;
	private refreshing: Promise<void> | null = null;
	private closed = false;

	private constructor(options: PostgresLinkGenerationsOptions, schema: string) {
		this.schema = schema;
		this.table = `${pg.escapeIdentifier(schema)}.link_generations`;
		this.url = options.url;
		this.logger = options.logger;
		this.refreshMs = options.refreshMs ?? DEFAULT_REFRESH_MS;
		this.pool = new pg.Pool({ connectionString: options.url, max: 2 });
		// An idle pooled connection that breaks emits `error`; without a listener it would end
		// the process. The pool replaces the connection on the next query.
		this.pool.on('error', (error) => {
			this.logger.error({ err: error, schema }, 'idle Postgres connection failed');
		});
	}

	/**
	 * Connects, creates the schema and table when missing, loads every generation, and starts
	 * listening. Rejects when Postgres cannot be reached or the schema name is invalid.
	 */
	static async open(options: PostgresLinkGenerationsOptions): Promise<PostgresLinkGenerations> {
		const schema = options.schema ?? DEFAULT_SCHEMA;
		if (!SCHEMA_NAME.test(schema)) {
			throw new Error(
				`Postgres schema name must be lower-case letters, digits and underscores, starting with a letter or underscore, not ${JSON.stringify(schema)}.`
			);
		}
		const generations = new PostgresLinkGenerations(options, schema);
		try {
			await generations.createTable();
			// Listening starts before the load, so a rotation between the two is not missed.
			await generations.listen();
			await generations.refresh();
		} catch (error) {
			await generations.close();
			throw new Error(
				`Postgres link generations could not be opened in schema ${JSON.stringify(schema)}: ${describeError(error)}`,
				{ cause: error }
			);
		}
		generations.refreshTimer = setInterval(() => {
			generations.refresh().catch((error: unknown) => {
				generations.logger.warn(
					{ err: error, schema },
					'Postgres reload of link generations failed; retrying'
				);
			});
		}, generations.refreshMs);
		generations.refreshTimer.unref();
		return generations;
	}

	current(boardId: string): number {
		return this.generations.get(boardId) ?? 0;
	}

	/**
	 * Raises the board's generation in Postgres and notifies the other processes, in one statement.
	 * The local generation changes only after the statement commits.
	 */
	async rotate(boardId: string): Promise<number> {
		if (this.closed) {
			throw new Error(
				`Postgres rotate of board ${JSON.stringify(boardId)} failed: the link generations are closed.`
			);
		}
		let generation: number;
		try {
			const result = await this.pool.query<{ generation: number }>(
				`WITH raised AS (
					INSERT INTO ${this.table} (board_id, generation) VALUES ($1, 1)
					ON CONFLICT (board_id) DO UPDATE SET generation = link_generations.generation + 1
					RETURNING generation
				)
				SELECT generation,
					pg_notify($2, json_build_object('p', $4::text, 's', $3::text, 'b', $1::text, 'g', generation)::text)
				FROM raised`,
				[boardId, LINK_GENERATIONS_CHANNEL, this.schema, this.instanceId]
			);
			generation = result.rows[0].generation;
		} catch (error) {
			throw new Error(
				`Postgres rotate of board ${JSON.stringify(boardId)} failed: ${describeError(error)}`,
				{ cause: error }
			);
		}
		this.raise(boardId, generation, false);
		return generation;
	}

	/** Registers `listener` for rotations made by other processes. */
	onRotated(listener: RotationListener): void {
		this.listeners.push(listener);
	}

	/** Reloads every generation from the table; overlapping calls share one query. */
	refresh(): Promise<void> {
		this.refreshing ??= (async () => {
			try {
				const result = await this.pool.query<{ board_id: string; generation: number }>(
					`SELECT board_id, generation FROM ${this.table}`
				);
				for (const row of result.rows) this.raise(row.board_id, row.generation, true);
			} catch (error) {
				throw new Error(`Postgres reload of link generations failed: ${describeError(error)}`, {
					cause: error
				});
			} finally {
				this.refreshing = null;
			}
		})();
		return this.refreshing;
	}

	/** Stops listening and reloading and closes every connection; later calls do nothing. */
	async close(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		if (this.refreshTimer) clearInterval(this.refreshTimer);
		if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
		const listener = this.listener;
		this.listener = null;
		if (listener) {
			listener.removeAllListeners('end');
			await listener.end();
		}
		await this.pool.end();
	}

	/** Sets a board's generation if `generation` is higher, telling listeners when `notify`. */
	private raise(boardId: string, generation: number, notify: boolean): void {
		if (generation <= this.current(boardId)) return;
		this.generations.set(boardId, generation);
		if (!notify) return;
		for (const listener of this.listeners) {
			try {
				listener(boardId, generation);
			} catch (error) {
				this.logger.error({ err: error, boardId, generation }, 'link rotation listener failed');
			}
		}
	}

	private async createTable(): Promise<void> {
		const client = await this.pool.connect();
		let broken: Error | undefined;
		try {
			await client.query('BEGIN');
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
				`CREATE TABLE IF NOT EXISTS ${this.table} (
					board_id text PRIMARY KEY,
					generation integer NOT NULL
				)`
			);
			await client.query('COMMIT');
		} catch (error) {
			await client.query('ROLLBACK').catch((rollbackError: unknown) => {
				broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
			});
			throw error;
		} finally {
			client.release(broken);
		}
	}

	/** Opens the dedicated connection that receives notifications of rotations. */
	private async listen(): Promise<void> {
		const client = new pg.Client({
			connectionString: this.url,
			application_name: `tandem links ${this.instanceId}`
		});
		client.on('notification', (message) => {
			const notice = parseNotice(message.payload);
			if (notice === null) {
				this.logger.warn({ payload: message.payload }, 'link generation notification dropped');
				return;
			}
			if (notice.schema === this.schema && notice.sender !== this.instanceId)
				this.raise(notice.boardId, notice.generation, true);
		});
		// A broken connection emits `error` and then `end`; `end` schedules the reconnection.
		client.on('error', (error) => {
			this.logger.warn({ err: error, schema: this.schema }, 'Postgres listen connection failed');
		});
		client.on('end', () => {
			if (this.listener !== client || this.closed) return;
			this.listener = null;
			this.scheduleReconnect();
		});
		await client.connect();
		try {
			await client.query(`LISTEN ${LINK_GENERATIONS_CHANNEL}`);
		} catch (error) {
			await client.end();
			throw error;
		}
		if (this.closed) {
			await client.end();
			return;
		}
		this.listener = client;
	}

	/** Reconnects the listening connection after `refreshMs`, then reloads what it missed. */
	private scheduleReconnect(): void {
		if (this.closed || this.reconnectTimer) return;
		this.reconnectTimer = setTimeout(() => {
			this.reconnectTimer = null;
			this.listen()
				.then(() => this.refresh())
				.then(() =>
					this.logger.info({ schema: this.schema }, 'Postgres listen connection restored')
				)
				.catch((error: unknown) => {
					this.logger.warn(
						{ err: error, schema: this.schema },
						'Postgres listen reconnection failed; retrying'
					);
					this.scheduleReconnect();
				});
		}, this.refreshMs);
		this.reconnectTimer.unref();
	}
}
