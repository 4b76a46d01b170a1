/** Helpers shared by the integration tests: polling with a deadline and board clients. */
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import * as Y from 'yjs';

/** Polls `check` until it returns true; fails naming `condition` after `timeoutMs`. */
export async function waitUntil(
	check: () => boolean | Promise<boolean>,
	condition: string,
	timeoutMs = 10_000
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await check())) {
		if (Date.now() > deadline)
			throw new Error(`Timed out after ${timeoutMs} ms waiting until ${condition}.`);
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

export interface BoardClient {
	doc: Y.Doc;
	provider: WebsocketProvider;
	destroy(): void;
}

/** Connects a stock y-websocket provider to a board and waits for its first sync. */
export async function connectClient(wsUrl: string, boardId: string): Promise<BoardClient> {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(wsUrl, boardId, doc, {
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		// Providers in one process would otherwise also sync through a BroadcastChannel,
		// bypassing the server under test.
		disableBc: true
	});
	await waitUntil(() => provider.synced, `client of ${boardId} synced`);
	return {
		doc,
		provider,
		destroy() {
			provider.destroy();
			doc.destroy();
		}
	};
}

/** Opens a raw websocket to a board and resolves once it is open. */
export function openSocket(wsUrl: string, boardId: string): Promise<WebSocket> {
	return new Promise((resolve, reject) => {
		const socket = new WebSocket(`${wsUrl}/${boardId}`);
		socket.binaryType = 'arraybuffer';
		socket.once('open', () => resolve(socket));
		socket.once('error', reject);
	});
}

/** Resolves with the close code and reason of a socket. */
export function closeOf(socket: WebSocket): Promise<{ code: number; reason: string }> {
	return new Promise((resolve) => {
		if (socket.readyState === WebSocket.CLOSED) {
			resolve({ code: -1, reason: 'already closed' });
			return;
		}
		socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
	});
}

/** True when both documents have seen the same updates, and so hold the same content. */
export function sameState(a: Y.Doc, b: Y.Doc): boolean {
	return Buffer.from(Y.encodeStateVector(a)).equals(Buffer.from(Y.encodeStateVector(b)));
}

/** Returns the board content of a document as plain JSON, for deep comparison. */
export function docJson(doc: Y.Doc): unknown {
	return {
		meta: doc.getMap('meta').toJSON(),
		stages: doc.getMap('stages').toJSON(),
		cards: doc.getMap('cards').toJSON(),
		events: doc.getArray('events').toJSON(),
		members: doc.getMap('members').toJSON()
	};
}
