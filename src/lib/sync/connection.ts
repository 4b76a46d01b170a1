/**
 * The client's link to one board: a `Y.Doc` cached in IndexedDB and synced with the server
 * through a stock y-websocket `WebsocketProvider` at `/ws/:boardId`.
 */
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { roleFor, tokenFor } from './auth';
import { keepViewOnly } from './view-only';

export interface BoardConnection {
	boardId: string;
	doc: Y.Doc;
	provider: WebsocketProvider;
	cache: IndexeddbPersistence;
	/** Resolves once the local cache is loaded; the board can be shown from then on. */
	cached: Promise<void>;
	/** Resolves after the first full sync with the server. */
	synced: Promise<void>;
	destroy(): void;
}

/** Returns the websocket base URL of the server that served this page. */
export function websocketBase(location: Location = window.location): string {
	const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
	return `${protocol}//${location.host}/ws`;
}

export function connectBoard(boardId: string): BoardConnection {
	const doc = new Y.Doc();
	const cache = new IndexeddbPersistence(`tandem-board-${boardId}`, doc);
	const token = tokenFor(boardId);
	const provider = new WebsocketProvider(websocketBase(), boardId, doc, {
		params: token ? { token } : {}
	});
	const stopViewOnly = roleFor(boardId) === 'viewer' ? keepViewOnly(doc) : () => {};
	const cached = cache.whenSynced.then(() => undefined);
	const synced = new Promise<void>((resolve) => {
		if (provider.synced) resolve();
		else provider.once('sync', () => resolve());
	});
	return {
		boardId,
		doc,
		provider,
		cache,
		cached,
		synced,
		destroy() {
			stopViewOnly();
			provider.destroy();
			void cache.destroy();
			doc.destroy();
		}
	};
}
