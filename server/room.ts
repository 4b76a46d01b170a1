/**
 * One open board: its `Y.Doc`, the awareness of its clients, the connections to fan out to, and
 * the queue that stores each update before relaying it.
 */
import type { Logger } from 'pino';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { boardRoots, readMeta } from '../src/lib/board';
import type { BoardStore, BoardSummary } from './persistence/store';
import { metrics } from './metrics';
import { encodeAwareness, encodeUpdate } from './protocol';
import type { BoardMessage, PubSub } from './pubsub/pubsub';

/**
 * Origin of updates and awareness changes received from another server process. That process
 * stored them already, so they are relayed to this process's clients but neither stored nor
 * published again.
 */
export const REMOTE_ORIGIN = Symbol('remote process');

/** The part of a client connection that a room uses. */
export interface RoomClient {
	readonly id: string;
	send(message: Uint8Array): void;
}

export interface CompactionLimits {
	/** Updates stored since the last compaction that trigger the next one. */
	afterUpdates: number;
	/** Bytes stored since the last compaction that trigger the next one. */
	afterBytes: number;
}

/** Called when an update could not be stored: the room's state is no longer safe to serve. */
export type OnStoreFailure = (room: Room, error: unknown) => void;

export class Room {
	readonly awareness: awarenessProtocol.Awareness;
	/** Each client with the awareness client ids it controls, removed when it leaves. */
	private readonly clients = new Map<RoomClient, Set<number>>();
	/** Tail of the write queue: every store call runs after the previous one. */
	private writes: Promise<void> = Promise.resolve();
	private pendingWrites = 0;
	private updatesSinceCompaction: number;
	private bytesSinceCompaction: number;
	/** Number of users (connections and API requests) holding the room open. */
	users = 0;
	failed = false;

	constructor(
		readonly boardId: string,
		readonly doc: Y.Doc,
		private readonly store: BoardStore,
		private readonly pubsub: PubSub,
		private readonly limits: CompactionLimits,
		private readonly logger: Logger,
		private readonly onStoreFailure: OnStoreFailure,
		stored: { updates: number; bytes: number }
	) {
		this.updatesSinceCompaction = stored.updates;
		this.bytesSinceCompaction = stored.bytes;
		this.awareness = new awarenessProtocol.Awareness(doc);
		this.awareness.setLocalState(null);
		doc.on('update', this.handleUpdate);
		this.awareness.on('update', this.handleAwareness);
		metrics.boardsLoaded.inc();
	}

	get clientCount(): number {
		return this.clients.size;
	}

	get hasPendingWrites(): boolean {
		return this.pendingWrites > 0;
	}

	summary(): BoardSummary {
		const { meta, cards } = boardRoots(this.doc);
		const name = readMeta(meta).name;
		return {
			id: this.boardId,
			name: name === '' ? this.boardId : name,
			cardCount: cards.size,
			lastChange: new Date().toISOString()
		};
	}

	addClient(client: RoomClient): void {
		this.clients.set(client, new Set());
	}

	/** Removes a client and the awareness states it controlled, telling the others. */
	removeClient(client: RoomClient): void {
		const controlled = this.clients.get(client);
		if (!controlled) return;
		this.clients.delete(client);
		if (controlled.size > 0) {
			awarenessProtocol.removeAwarenessStates(this.awareness, [...controlled], null);
		}
	}

	/** Returns every client's awareness state encoded as one message, or null when there is none. */
	awarenessMessage(): Uint8Array | null {
		const clients = [...this.awareness.getStates().keys()];
		return clients.length === 0 ? null : encodeAwareness(this.awareness, clients);
	}

	/**
	 * Resolves once every update applied to the document so far is stored. Loops because updates
	 * may arrive while it waits. When it resolves, every update in the document is stored.
	 */
	async flushed(): Promise<void> {
		let tail = this.writes;
		await tail;
		while (tail !== this.writes) {
			tail = this.writes;
			await tail;
		}
	}

	/** Compacts when the stored updates pass a limit; runs in the write queue. */
	private async compactIfDue(): Promise<void> {
		const { afterUpdates, afterBytes } = this.limits;
		if (this.updatesSinceCompaction < afterUpdates && this.bytesSinceCompaction < afterBytes)
			return;
		const snapshot = Y.encodeStateAsUpdate(this.doc);
		const replaced = this.updatesSinceCompaction;
		const started = performance.now();
		await this.store.compact(this.boardId, snapshot);
		metrics.storeWriteSeconds.observe((performance.now() - started) / 1_000);
		this.updatesSinceCompaction = 0;
		this.bytesSinceCompaction = 0;
		this.logger.info(
			{ boardId: this.boardId, replaced, snapshotBytes: snapshot.byteLength },
			'board compacted'
		);
	}

	/** Queues a compaction check, as after loading a board with many stored updates. */
	scheduleCompaction(): void {
		this.enqueue(() => this.compactIfDue());
	}

	private enqueue(task: () => Promise<void>): void {
		this.pendingWrites++;
		this.writes = this.writes
			.then(task)
			.catch((error: unknown) => {
				this.logger.error({ err: error, boardId: this.boardId }, 'board store write failed');
				metrics.errors.inc({ kind: 'store_write' });
				if (!this.failed) {
					this.failed = true;
					this.onStoreFailure(this, error);
				}
			})
			.finally(() => {
				this.pendingWrites--;
			});
	}

	private readonly handleUpdate = (update: Uint8Array, origin: unknown): void => {
		if (origin === REMOTE_ORIGIN) {
			this.broadcast(encodeUpdate(update), origin);
			return;
		}
		const summary = this.summary();
		this.enqueue(async () => {
			// After a failed write the room is being closed: storing later updates out of order
			// would skip the lost one, and relaying them would show clients unstored state.
			if (this.failed) return;
			const started = performance.now();
			await this.store.appendUpdate(this.boardId, update, summary);
			metrics.storeWriteSeconds.observe((performance.now() - started) / 1_000);
			metrics.updatesRelayed.inc();
			this.updatesSinceCompaction++;
			this.bytesSinceCompaction += update.byteLength;
			this.broadcast(encodeUpdate(update), origin);
			this.publish({ type: 'update', payload: update });
			await this.compactIfDue();
		});
	};

	private readonly handleAwareness = (
		changes: { added: number[]; updated: number[]; removed: number[] },
		origin: unknown
	): void => {
		const changed = [...changes.added, ...changes.updated, ...changes.removed];
		const controlled = this.clients.get(origin as RoomClient);
		if (controlled) {
			for (const id of [...changes.added, ...changes.updated]) controlled.add(id);
			for (const id of changes.removed) controlled.delete(id);
		}
		this.broadcast(encodeAwareness(this.awareness, changed), origin);
		if (origin !== REMOTE_ORIGIN) {
			const payload = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
			this.publish({ type: 'awareness', payload });
		}
	};

	/**
	 * Sends a stored update or an awareness change to the other server processes. A failure is
	 * logged and not retried: the update is stored, so other processes get it when they next
	 * load the board.
	 */
	private publish(message: BoardMessage): void {
		this.pubsub.publish(this.boardId, message).catch((error: unknown) => {
			this.logger.error(
				{ err: error, boardId: this.boardId, type: message.type },
				'board publish failed'
			);
		});
	}

	/** Sends a message to every client except `origin`, the client it came from. */
	private broadcast(message: Uint8Array, origin: unknown): void {
		for (const client of this.clients.keys()) {
			if (client !== origin) client.send(message);
		}
	}

	destroy(): void {
		if (this.doc.isDestroyed) return;
		metrics.boardsLoaded.dec();
		this.doc.off('update', this.handleUpdate);
		this.awareness.off('update', this.handleAwareness);
		this.awareness.destroy();
		this.doc.destroy();
	}
}
