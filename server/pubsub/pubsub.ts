/**
 * Fan-out of board messages between server processes that serve the same boards.
 *
 * Each board has its own channel. A process publishes the Yjs updates and awareness updates its
 * clients send, and receives those of every other process; it never receives its own. Delivery
 * is at most once: a message published while a subscriber is disconnected is lost. The caller
 * must therefore reload its open boards from the store after a reconnect (see `onResubscribed`).
 */

/** Kind of a board message: a Yjs update of the document or an awareness update. */
export type BoardMessageType = 'update' | 'awareness';

export interface BoardMessage {
	type: BoardMessageType;
	/** The update exactly as y-protocols encodes it, without the y-websocket message header. */
	payload: Uint8Array;
}

export type BoardMessageListener = (message: BoardMessage) => void;

export interface PubSub {
	/** Name of the implementation, as printed at start: `redis` or `local`. */
	readonly kind: string;
	/** Random id that tags this process's messages, so it can drop its own echo. */
	readonly processId: string;
	/** Sends a message to the other processes subscribed to the board. */
	publish(boardId: string, message: BoardMessage): Promise<void>;
	/**
	 * Calls `listener` with each message another process publishes for the board, from the time
	 * the returned promise resolves. A board has at most one listener per instance.
	 */
	subscribe(boardId: string, listener: BoardMessageListener): Promise<void>;
	/** Stops delivery for the board; does nothing when it is not subscribed. */
	unsubscribe(boardId: string): Promise<void>;
	/**
	 * Adds a callback run after the subscriptions are restored following a lost connection.
	 * Messages published in between were lost, so open boards must be reloaded from the store.
	 */
	onResubscribed(callback: () => void): void;
	/** Unsubscribes every board and closes the connections; later calls do nothing. */
	close(): Promise<void>;
}
