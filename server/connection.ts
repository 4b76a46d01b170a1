/**
 * One websocket client of a board: decodes its frames, applies them to the board's room in the
 * order they arrived, and closes only this connection when a frame is bad.
 */
import type { Logger } from 'pino';
import { applyAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { newId } from '../src/lib/board';
import { CloseCode, closeCodeName, type CloseCodeValue } from '../src/lib/sync/close-codes';
import {
	applyClientUpdate,
	checkStateVector,
	decodeMessage,
	encodeSyncStep1,
	encodeSyncStep2,
	ProtocolError,
	type ClientMessage
} from './protocol';
import { bufferedBytes, ConnectionRateLimit, type ConnectionLimits } from './limits';
import { LogBudget } from './log-budget';
import { metrics } from './metrics';
import { encodePermissionDenied } from './auth';
import type { Room, RoomClient } from './room';
import type { Rooms } from './rooms';

/** The parts of a websocket a connection uses; `WSContext` from Hono provides them. */
export interface Socket {
	readonly readyState: number;
	send(data: Uint8Array<ArrayBuffer>): void;
	close(code?: number, reason?: string): void;
	/** The underlying `ws` socket, read for the bytes queued to the client. */
	readonly raw?: unknown;
}

const OPEN = 1;
/** RFC 6455 limits a close reason to 123 bytes of UTF-8. */
const MAX_CLOSE_REASON_BYTES = 123;

export class BoardConnection implements RoomClient {
	readonly id = newId().slice(0, 10);
	private room: Room | null = null;
	/** Each received frame is handled after the previous one, and after the board is loaded. */
	private queue: Promise<void> = Promise.resolve();
	private closed = false;
	private opened = false;
	private readonly logger: Logger;
	private readonly limits: ConnectionLimits;
	private readonly rateLimit: ConnectionRateLimit;
	/** Whether the connection is a viewer's: its document updates are dropped, with a permission-denied message in reply. */
	readonly readOnly: boolean;
	/** Opened with the admin token, so a rotation of the board's links leaves it open. */
	readonly admin: boolean;
	/** Shared by the server's connections, so many bad clients cannot flood the log. */
	private readonly rejectionLog: LogBudget;

	constructor(
		readonly boardId: string,
		private readonly socket: Socket,
		private readonly rooms: Rooms,
		logger: Logger,
		private readonly onGone: (connection: BoardConnection) => void,
		options: { readOnly?: boolean; admin?: boolean; rejectionLog?: LogBudget } = {}
	) {
		this.rejectionLog = options.rejectionLog ?? new LogBudget();
		this.readOnly = options.readOnly ?? false;
		this.admin = options.admin ?? false;
		this.logger = logger.child({ boardId, connectionId: this.id });
		this.limits = rooms.connectionLimits;
		this.rateLimit = new ConnectionRateLimit(this.limits);
	}

	get currentRoom(): Room | null {
		return this.room;
	}

	/** Loads the board (creating it when new) and starts the handshake. */
	open(): void {
		this.logger.info('client connected');
		this.opened = true;
		metrics.connectionsOpen.inc();
		this.queue = this.rooms.acquire(this.boardId, { createWithName: this.boardId }).then(
			(room) => {
				if (this.closed) {
					this.rooms.release(room);
					return;
				}
				this.room = room;
				room.addClient(this);
				this.send(encodeSyncStep1(room.doc));
				const awareness = room.awarenessMessage();
				if (awareness) this.send(awareness);
			},
			(error: unknown) => {
				this.logger.error({ err: error }, 'board load failed');
				metrics.errors.inc({ kind: 'board_load' });
				this.close(CloseCode.BOARD_UNAVAILABLE, 'The board could not be loaded; retry later.');
			}
		);
	}

	receive(data: ArrayBuffer | string): void {
		if (this.closed) return;
		const byteLength = typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
		metrics.framesReceived.inc();
		metrics.bytesReceived.inc({}, byteLength);
		const exceeded = this.rateLimit.admit(byteLength);
		if (exceeded) {
			this.rejectRateLimited(exceeded);
			return;
		}
		let message: ClientMessage;
		try {
			message = decodeMessage(data);
		} catch (error) {
			this.fail(error);
			return;
		}
		this.queue = this.queue.then(() => this.handle(message)).catch((error) => this.fail(error));
	}

	private async handle(message: ClientMessage): Promise<void> {
		const room = this.room;
		if (this.closed || !room) return;
		switch (message.type) {
			case 'sync-step-1':
				checkStateVector(message.stateVector);
				await room.flushed();
				if (!this.closed) this.send(encodeSyncStep2(room.doc, message.stateVector));
				return;
			case 'sync-step-2':
			case 'update':
				if (this.readOnly) {
					this.denyUpdate(room.doc, message.update);
					return;
				}
				applyClientUpdate(room.doc, message.update, this);
				return;
			case 'awareness':
				applyAwareness(room, message.update, this);
				return;
			case 'query-awareness': {
				const awareness = room.awarenessMessage();
				if (awareness) this.send(awareness);
				return;
			}
			case 'auth':
				this.logger.debug({ reason: message.reason }, 'auth message from a client ignored');
				return;
		}
	}

	/** Drops a viewer's update, and sends permission-denied unless the update would change nothing. */
	private denyUpdate(doc: Y.Doc, update: Uint8Array): void {
		if (!changesDocument(doc, update)) return;
		this.logger.debug('update from a view-only connection dropped');
		this.send(encodePermissionDenied('This link is view only; changes are not saved.'));
	}

	/** Closes a connection over its rate limit. It closes at once, so it logs this only once. */
	private rejectRateLimited(exceeded: 'messages' | 'bytes'): void {
		const { messagesPerSecond, bytesPerSecond } = this.limits;
		this.logRejection(
			{ closeCode: CloseCode.RATE_LIMITED, exceeded, messagesPerSecond, bytesPerSecond },
			`connection closed: rate limit of ${messagesPerSecond} messages and ${bytesPerSecond} bytes per second exceeded`
		);
		metrics.rejectedFrames.inc({ reason: 'rate_limited' });
		this.close(
			CloseCode.RATE_LIMITED,
			`Too many ${exceeded} per second; the limit is ${exceeded === 'messages' ? messagesPerSecond : bytesPerSecond}.`
		);
	}

	/**
	 * Sends a message unless the client has not read what was queued before. The check runs before
	 * queuing, so one message larger than the cap, such as the first sync of a big board, is sent.
	 */
	send(message: Uint8Array): void {
		if (this.closed || this.socket.readyState !== OPEN) return;
		const queued = bufferedBytes(this.socket.raw);
		if (queued > this.limits.maxBufferedBytes) {
			this.logger.warn(
				{
					closeCode: CloseCode.SLOW_CONSUMER,
					queuedBytes: queued,
					limit: this.limits.maxBufferedBytes
				},
				'connection closed: the client does not read what the server sends'
			);
			metrics.errors.inc({ kind: 'slow_consumer' });
			this.close(
				CloseCode.SLOW_CONSUMER,
				`The client fell behind by more than ${this.limits.maxBufferedBytes} bytes; reconnect.`
			);
			return;
		}
		metrics.bytesRelayed.inc({}, message.byteLength);
		try {
			this.socket.send(message as Uint8Array<ArrayBuffer>);
		} catch (error) {
			this.logger.error({ err: error }, 'websocket send failed');
			metrics.errors.inc({ kind: 'send' });
			this.close(CloseCode.INTERNAL_ERROR, 'Sending to this connection failed.');
		}
	}

	/** Logs why a connection was rejected, within the server's budget for such lines. */
	private logRejection(details: Record<string, unknown>, message: string): void {
		const { allowed, suppressed } = this.rejectionLog.take();
		if (!allowed) return;
		this.logger.warn(
			suppressed > 0 ? { ...details, suppressedBefore: suppressed } : details,
			message
		);
	}

	private fail(error: unknown): void {
		if (this.closed) return;
		if (error instanceof ProtocolError) {
			metrics.rejectedFrames.inc({ reason: closeCodeName(error.closeCode).toLowerCase() });
			this.logRejection(
				{ closeCode: error.closeCode, closeName: closeCodeName(error.closeCode) },
				`connection closed: ${error.message}`
			);
			this.close(error.closeCode, error.message);
			return;
		}
		this.logger.error({ err: error }, 'message handling failed');
		metrics.errors.inc({ kind: 'message_handling' });
		this.close(CloseCode.INTERNAL_ERROR, 'The server failed to handle a message.');
	}

	/** Closes the socket with a code and reason, and leaves the room at once. */
	close(code: CloseCodeValue, reason: string): void {
		if (this.socket.readyState === OPEN) this.socket.close(code, truncateReason(reason));
		this.detach();
	}

	/** Called once the socket is closed, from either side; `code` is the close code, when known. */
	detach(code?: number): void {
		if (this.closed) return;
		this.closed = true;
		if (this.opened) metrics.connectionsOpen.dec();
		// ws closes a connection whose frame passes the size limit before the frame reaches here.
		if (code === CloseCode.MESSAGE_TOO_BIG)
			metrics.rejectedFrames.inc({ reason: 'message_too_big' });
		const room = this.room;
		this.room = null;
		if (room) {
			room.removeClient(this);
			this.rooms.release(room);
		}
		this.onGone(this);
		this.logger.info({ closeCode: code }, 'client disconnected');
	}
}

function applyAwareness(room: Room, update: Uint8Array, origin: BoardConnection): void {
	try {
		applyAwarenessUpdate(room.awareness, update, origin);
	} catch (error) {
		throw new ProtocolError(
			`Awareness update cannot be read: ${(error as Error).message}.`,
			CloseCode.MALFORMED_MESSAGE
		);
	}
}

/**
 * Returns whether applying `update` would change `doc`, because it carries an item the document
 * lacks or deletes an item the document still has. A client that opens a board from its cache
 * replies to sync step 1 with its whole delete set, which changes nothing and is no write.
 */
function changesDocument(doc: Y.Doc, update: Uint8Array): boolean {
	let decoded: ReturnType<typeof Y.decodeUpdate>;
	try {
		decoded = Y.decodeUpdate(update);
	} catch (error) {
		// An update that does not decode is dropped like any other write, with permission-denied sent.
		if (error instanceof Error) return true;
		throw error;
	}
	const known = Y.decodeStateVector(Y.encodeStateVector(doc));
	for (const struct of decoded.structs) {
		if (struct.id.clock + struct.length > (known.get(struct.id.client) ?? 0)) return true;
	}
	if (decoded.ds.clients.size === 0) return false;
	const deleted = Y.createDeleteSetFromStructStore(doc.store);
	for (const [client, ranges] of decoded.ds.clients) {
		for (const range of ranges) {
			for (let clock = range.clock; clock < range.clock + range.len; clock++) {
				if (!Y.isDeleted(deleted, Y.createID(client, clock))) return true;
			}
		}
	}
	return false;
}

function truncateReason(reason: string): string {
	const bytes = new TextEncoder().encode(reason);
	if (bytes.length <= MAX_CLOSE_REASON_BYTES) return reason;
	let cut = reason.slice(0, MAX_CLOSE_REASON_BYTES);
	while (new TextEncoder().encode(cut).length > MAX_CLOSE_REASON_BYTES) cut = cut.slice(0, -1);
	return cut;
}
