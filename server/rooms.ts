/**
 * The open boards. A board is loaded from the store on first use, shared by every connection
 * and API request that uses it, and unloaded a grace period after the last one lets go, once
 * its pending writes are stored.
 */
import type { Logger } from 'pino';
import * as Y from 'yjs';
import { seedBoard, SYSTEM_MEMBER } from '../src/lib/board';
import type { BoardStore } from './persistence/store';
import { Room, type CompactionLimits } from './room';

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
		private readonly options: RoomsOptions,
		private readonly logger: Logger
	) {}

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
			loading.catch(() => this.rooms.delete(boardId));
		}
		let room = await loading;
		if (room.doc.isDestroyed) {
			// Unloaded while this caller waited; load it again.
			return this.acquire(boardId, options);
		}
		if (room.failed)
			throw new Error(`Board ${JSON.stringify(boardId)} is closing after a failure.`);
		if (isUnseeded(room) && options.createWithName !== undefined) {
			room = seed(room, options.createWithName);
		}
		room.users++;
		return room;
	}

	/** Lets go of a room; the last user to let go starts the grace period before unloading. */
	release(room: Room): void {
		room.users--;
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
		const stored = await this.store.loadBoard(boardId);
		if (!stored && options.createWithName === undefined) throw new BoardNotFoundError(boardId);
		const doc = new Y.Doc({ gc: true });
		if (stored) {
			doc.transact(() => {
				for (const update of stored.updates) Y.applyUpdate(doc, update);
			}, LOAD_ORIGIN);
		}
		const room = new Room(
			boardId,
			doc,
			this.store,
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
			stored ? 'board loaded' : 'board opened new'
		);
		return room;
	}

	/** Unloads a room unless a user came back or a write is pending; then retries later. */
	private async unload(room: Room): Promise<void> {
		try {
			await room.flushed();
		} catch (error) {
			this.logger.error({ err: error, boardId: room.boardId }, 'board flush before unload failed');
		}
		const current = await this.rooms.get(room.boardId)?.catch(() => null);
		// No await between these checks and the delete, so no user can arrive in between.
		if (current !== room || room.users > 0 || room.hasPendingWrites) return;
		this.rooms.delete(room.boardId);
		room.destroy();
		this.logger.info({ boardId: room.boardId }, 'board unloaded');
	}

	/** Drops a room whose writes failed: its clients reconnect and resend what was not stored. */
	private evict(room: Room): void {
		this.cancelUnload(room.boardId);
		this.rooms.delete(room.boardId);
		for (const listener of this.evictionListeners) listener(room);
		room.destroy();
		this.logger.warn({ boardId: room.boardId }, 'board evicted after a failed write');
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

/** True for a board opened new and not seeded yet: it has no stages and no name. */
function isUnseeded(room: Room): boolean {
	return room.doc.getMap('meta').size === 0;
}

function seed(room: Room, name: string): Room {
	seedBoard(room.doc, { name }, { by: SYSTEM_MEMBER });
	return room;
}
