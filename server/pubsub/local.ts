/**
 * In-process fan-out. Every `LocalPubSub` attached to one `LocalHub` behaves like a separate
 * process on one Redis server. A single server process uses a hub of its own, so nothing is
 * fanned out. Delivery is asynchronous, like a network hop, and in publish order.
 */
import { newProcessId } from './envelope';
import type { BoardMessage, BoardMessageListener, PubSub } from './pubsub';

export class LocalHub {
	readonly members = new Set<LocalPubSub>();
}

export class LocalPubSub implements PubSub {
	readonly kind = 'local';
	readonly processId = newProcessId();
	private readonly listeners = new Map<string, BoardMessageListener>();
	private closed = false;

	constructor(private readonly hub: LocalHub = new LocalHub()) {
		hub.members.add(this);
	}

	async publish(boardId: string, message: BoardMessage): Promise<void> {
		if (this.closed) {
			throw new Error(`Cannot publish to board ${JSON.stringify(boardId)}: the pub/sub is closed.`);
		}
		for (const member of this.hub.members) {
			if (member === this) continue;
			// A copy per receiver, as a network would give, so no one shares the sender's buffer.
			const copy: BoardMessage = { type: message.type, payload: message.payload.slice() };
			queueMicrotask(() => member.deliver(boardId, copy));
		}
	}

	private deliver(boardId: string, message: BoardMessage): void {
		this.listeners.get(boardId)?.(message);
	}

	async subscribe(boardId: string, listener: BoardMessageListener): Promise<void> {
		if (this.closed) {
			throw new Error(
				`Cannot subscribe to board ${JSON.stringify(boardId)}: the pub/sub is closed.`
			);
		}
		if (this.listeners.has(boardId)) {
			throw new Error(
				`Board ${JSON.stringify(boardId)} is already subscribed; unsubscribe it first.`
			);
		}
		this.listeners.set(boardId, listener);
	}

	async unsubscribe(boardId: string): Promise<void> {
		this.listeners.delete(boardId);
	}

	onResubscribed(): void {
		// A hub has no connection to lose, so there is never a resubscription to report.
	}

	async close(): Promise<void> {
		this.closed = true;
		this.listeners.clear();
		this.hub.members.delete(this);
	}
}
