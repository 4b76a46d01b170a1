/**
 * The number of local changes the server has not confirmed yet.
 *
 * Each local transaction on the document counts as one change. The server handles the messages
 * of a connection in the order they arrive, and it replies to a sync step 1 only after every
 * update it applied before is stored. So once the provider is synced on a connection, this sends a sync
 * step 1 after local changes, and the sync step 2 that answers it confirms every change sent
 * before it. After a reconnect the provider's own handshake sends the offline changes, and the
 * step 1 sent once the provider reports `sync` confirms them the same way.
 *
 * The count is kept in `localStorage` per board, so changes made offline still count after a
 * reload until a server confirms them.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { IndexeddbPersistence } from 'y-indexeddb';
import { messageYjsSyncStep2, writeSyncStep1 } from 'y-protocols/sync';
import type { WebsocketProvider } from 'y-websocket';

/** The y-websocket message type of sync messages. */
const MESSAGE_SYNC = 0;
/** Local changes within this time share one confirmation request. */
export const CONFIRM_DELAY_MS = 250;

/** Where the count is kept across reloads: `localStorage` in the browser. */
export type PendingStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export class PendingChanges {
	/** Local changes made since the last one the server confirmed. */
	count = $state(0);

	#provider: WebsocketProvider;
	#storage: PendingStorage;
	#storageKey: string;
	/** Local changes counted since this object was made, including stored ones. */
	#made = 0;
	/** `#made` at each confirmation request not answered yet, oldest first. */
	#requests: number[] = [];
	#socket: WebSocket | null = null;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#dispose: () => void;

	constructor(
		provider: WebsocketProvider,
		boardId: string,
		storage: PendingStorage = localStorage
	) {
		this.#provider = provider;
		this.#storage = storage;
		this.#storageKey = `tandem.pending.${boardId}`;
		this.#made = readStoredCount(storage, this.#storageKey);
		this.count = this.#made;

		const doc = provider.doc;
		const onUpdate = (_update: Uint8Array, origin: unknown) => {
			// Updates from the server arrive with the provider as origin; y-indexeddb loads the
			// cache with itself as origin. Every other transaction is a change made in this tab.
			if (origin === provider || origin instanceof IndexeddbPersistence) return;
			this.#made += 1;
			this.#setCount(this.count + 1);
			this.#scheduleRequest();
		};
		const onStatus = ({ status }: { status: string }) => {
			if (status === 'connected') this.#watch(provider.ws);
			else this.#watch(null);
		};
		const onSync = (synced: boolean) => {
			if (synced && this.count > 0) this.#scheduleRequest();
		};
		doc.on('update', onUpdate);
		provider.on('status', onStatus);
		provider.on('sync', onSync);
		if (provider.wsconnected) this.#watch(provider.ws);
		this.#dispose = () => {
			doc.off('update', onUpdate);
			provider.off('status', onStatus);
			provider.off('sync', onSync);
			this.#watch(null);
			if (this.#timer !== null) clearTimeout(this.#timer);
		};
	}

	destroy(): void {
		this.#dispose();
	}

	#setCount(count: number): void {
		this.count = count;
		if (count === 0) this.#storage.removeItem(this.#storageKey);
		else this.#storage.setItem(this.#storageKey, String(count));
	}

	#scheduleRequest(): void {
		if (this.#timer !== null) return;
		this.#timer = setTimeout(() => {
			this.#timer = null;
			this.#request();
		}, CONFIRM_DELAY_MS);
	}

	/** Sends a sync step 1 whose answer confirms the changes sent so far on this socket. */
	#request(): void {
		const socket = this.#socket;
		// Before the provider is synced, its own handshake has not sent the offline changes yet;
		// the `sync` event schedules the request then.
		if (socket === null || socket.readyState !== socket.OPEN || !this.#provider.synced) return;
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MESSAGE_SYNC);
		writeSyncStep1(encoder, this.#provider.doc);
		this.#requests.push(this.#made);
		socket.send(encoding.toUint8Array(encoder));
	}

	#watch(socket: WebSocket | null): void {
		if (socket === this.#socket) return;
		this.#socket?.removeEventListener('message', this.#onMessage);
		// Requests on a closed socket are never answered; their changes are sent again on connect.
		this.#requests = [];
		this.#socket = socket;
		socket?.addEventListener('message', this.#onMessage);
	}

	readonly #onMessage = (event: MessageEvent) => {
		if (this.#requests.length === 0 || !(event.data instanceof ArrayBuffer)) return;
		const decoder = decoding.createDecoder(new Uint8Array(event.data));
		if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return;
		if (decoding.readVarUint(decoder) !== messageYjsSyncStep2) return;
		const confirmed = this.#requests.shift()!;
		const unconfirmed = Math.max(0, this.#made - confirmed);
		// Only changes made after the request are left; stored ones from a reload were sent by
		// the handshake before it.
		this.#setCount(Math.min(this.count, unconfirmed));
	};
}

function readStoredCount(storage: PendingStorage, key: string): number {
	const stored = Number(storage.getItem(key));
	return Number.isInteger(stored) && stored > 0 ? stored : 0;
}
