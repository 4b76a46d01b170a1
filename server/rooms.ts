/**
 * The open boards. A board is loaded from the store on first use, shared by every connection
 * and API request that uses it, and unloaded a grace period after the last one lets go, once
 * its pending writes are stored.
 */
import type { Logger } from 'pino';
import { applyAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { seedBoard, SYSTEM_MEMBER } from '../src/lib/board';
import type { BoardStore } from './persistence/store';
import type { BoardMessage, PubSub } from './pubsub/pubsub';
import type { ConnectionLimits } from './limits';
import { REMOTE_ORIGIN, Room, type CompactionLimits } from './room';

/** The board does not exist and the caller did not ask to create it. */
export class BoardNotFoundError extends Error {
	constructor(readonly boardId: string) {
		super(`Board ${JSON.stringify(boardId)} not found.`);
		this.name = 'BoardNotFoundError';
	}
}

export interface OpenOptions {
	/** Creates and seeds the board with this name when it does not exist. */
	createWithName?: string;
}

export interface RoomsOptions {
	graceMs: number;
	compaction: CompactionLimits;
	/** Limits of each websocket connection to these boards. */
	connections: ConnectionLimits;
}

/** Called with a room that must close its connections, as after a failed write. */
export type OnRoomEvicted = (room: Room) => void;

/** Origin of the transaction that applies stored updates, so they are not stored again. */
const LOAD_ORIGIN = Symbol('load');

export class Rooms {
	private readonly rooms = new Map<string, Promise<Room>>();
	private readonly unloadTimers = new Map<string, NodeJS.Timeout>();
	private readonly evictionListeners = new Set<OnRoomEvicted>();

	constructor(
		private readonly store: BoardStore,
		private readonly pubsub: PubSub,
		private readonly options: RoomsOptions,
		private readonly logger: Logger
	) {
		pubsub.onResubscribed(() => {
			void this.reloadAll();
		});
	}

	get connectionLimits(): ConnectionLimits {
		return this.options.connections;
	}

	get openCount(): number {
		return this.rooms.size;
	}

	onEvicted(listener: OnRoomEvicted): void {
		this.evictionListeners.add(listener);
	}

	/**
	 * Returns the loaded room of a board, loading it first when needed, and counts the caller as
	 * a user until it calls `release`. Throws `BoardNotFoundError` for a board that does not
	 * exist unless `createWithName` is given.
	 */
	async acquire(boardId: string, options: OpenOptions = {}): Promise<Room> {
		this.cancelUnload(boardId);
		let loading = this.rooms.get(boardId);
		if (!loading) {
			loading = this.load(boardId, options);
			this.rooms.set(boardId, loading);
			const failed = loading;
			failed.catch(() => {
				if (this.rooms.get(boardId) === failed) this.rooms.delete(boardId);
			});
		}
		const room = await loading;
		if (room.doc.isDestroyed) {
			// Unloaded while this caller waited; load it again.
			return this.acquire(boardId, options);
		}
		if (room.failed)
			throw new Error(`Board ${JSON.stringify(boardId)} is closing after a failure.`);
		if (isUnseeded(room) && options.createWithName !== undefined) {
			seedBoard(room.doc, { name: options.createWithName }, { by: SYSTEM_MEMBER });
		}
		room.users++;
		return room;
	}

	/** Lets go of a room; the last user to let go starts the grace period before unloading. */
	release(room: Room): void {
		room.users--;
		this.scheduleUnload(room);
	}

	private scheduleUnload(room: Room): void {
		if (room.users > 0 || this.rooms.get(room.boardId) === undefined) return;
		this.cancelUnload(room.boardId);
		const timer = setTimeout(() => {
			this.unloadTimers.delete(room.boardId);
			void this.unload(room);
		}, this.options.graceMs);
		this.unloadTimers.set(room.boardId, timer);
	}

	private cancelUnload(boardId: string): void {
		const timer = this.unloadTimers.get(boardId);
		if (timer) clearTimeout(timer);
		this.unloadTimers.delete(boardId);
	}

	private async load(boardId: string, options: OpenOptions): Promise<Room> {
		const started = performance.now();
		const doc = new Y.Doc({ gc: true });
		let room: Room | null = null;

		// Subscribe before reading the store, so an update another process stores meanwhile
		// arrives through the subscription if it is not in what was read.
		await this.pubsub.subscribe(boardId, (message) =>
			this.receiveRemote(boardId, doc, room, message)
		);

		let stored;
		try {
			stored = await this.store.loadBoard(boardId);
			if (!stored && options.createWithName === undefined) throw new BoardNotFoundError(boardId);
		} catch (error) {
			this.unsubscribe(boardId);
			doc.destroy();
			throw error;
		}

		if (stored) {
			const updates = stored.updates;
			doc.transact(() => {
				for (const update of updates) Y.applyUpdate(doc, update);
			}, LOAD_ORIGIN);
		}

		room = new Room(
			boardId,
			doc,
			this.store,
			this.pubsub,
			this.options.compaction,
			this.logger,
			(failed) => this.evict(failed),
			{ updates: stored?.updates.length ?? 0, bytes: stored?.bytes ?? 0 }
		);
		if (stored) room.scheduleCompaction();

		this.logger.info(
			{
				boardId,
				updates: stored?.updates.length ?? 0,
				bytes: stored?.bytes ?? 0,
				ms: Math.round(performance.now() - started)
			},
			stored ? 'board loaded' : 'new board opened'
		);
		return room;
	}

	/**
	 * Unloads a room unless a user came back. A write still pending after the flush, such as a
	 * compaction, postpones the unload by another grace period.
	 */
	private async unload(room: Room): Promise<void> {
		try {
			await room.flushed();
		} catch (error) {
			this.logger.error({ err: error, boardId: room.boardId }, 'board flush before unload failed');
		}
		const current = await this.rooms.get(room.boardId)?.catch(() => null);
		// No await between these checks and the delete, so no user can arrive in between.
		if (current !== room || room.users > 0) return;
		if (room.hasPendingWrites) {
			this.scheduleUnload(room);
			return;
		}
		this.rooms.delete(room.boardId);
		this.unsubscribe(room.boardId);
		room.destroy();
		this.logger.info({ boardId: room.boardId }, 'board unloaded');
	}

	/** Drops a room whose writes failed: its clients reconnect and resend what was not stored. */
	private evict(room: Room): void {
		this.cancelUnload(room.boardId);
		this.rooms.delete(room.boardId);
		this.unsubscribe(room.boardId);
		for (const listener of this.evictionListeners) listener(room);
		room.destroy();
		this.logger.warn({ boardId: room.boardId }, 'board evicted after a failed write');
	}

	/** Applies a message from another process to a board's document or awareness. */
	private receiveRemote(
		boardId: string,
		doc: Y.Doc,
		room: Room | null,
		message: BoardMessage
	): void {
		if (doc.isDestroyed) return;
		try {
			if (message.type === 'update') Y.applyUpdate(doc, message.payload, REMOTE_ORIGIN);
			// Awareness before the room exists has no local client to reach; the sender renews it.
			else if (room) applyAwarenessUpdate(room.awareness, message.payload, REMOTE_ORIGIN);
		} catch (error) {
			this.logger.error({ err: error, boardId, type: message.type }, 'remote board message failed');
		}
	}

	private unsubscribe(boardId: string): void {
		this.pubsub.unsubscribe(boardId).catch((error: unknown) => {
			this.logger.error({ err: error, boardId }, 'board unsubscribe failed');
		});
	}

	/**
	 * Reads every loaded board from the store again, after the fan-out lost messages while
	 * disconnected. Yjs skips what a document has, so only the missed updates are applied.
	 */
	private async reloadAll(): Promise<void> {
		const rooms = await Promise.allSettled(this.rooms.values());
		for (const result of rooms) {
			if (result.status !== 'fulfilled' || result.value.doc.isDestroyed) continue;
			const room = result.value;
			try {
				const stored = await this.store.loadBoard(room.boardId);
				if (!stored || room.doc.isDestroyed) continue;
				room.doc.transact(() => {
					for (const update of stored.updates) Y.applyUpdate(room.doc, update);
				}, REMOTE_ORIGIN);
				this.logger.info({ boardId: room.boardId }, 'board reloaded after fan-out reconnect');
			} catch (error) {
				this.logger.error({ err: error, boardId: room.boardId }, 'board reload failed');
			}
		}
	}

	/** Stores every pending write and unloads every room; returns the ids of the boards. */
	async closeAll(): Promise<string[]> {
		for (const timer of this.unloadTimers.values()) clearTimeout(timer);
		this.unloadTimers.clear();
		const rooms = await Promise.allSettled(this.rooms.values());
		const closed: string[] = [];
		for (const result of rooms) {
			if (result.status !== 'fulfilled') continue;
			const room = result.value;
			await room.flushed();
			room.destroy();
			closed.push(room.boardId);
		}
		this.rooms.clear();
		return closed;
	}
}

/** True for a new board that is not seeded yet: its metadata is empty. */
function isUnseeded(room: Room): boolean {
	return room.doc.getMap('meta').size === 0;
}
