import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { adminToken } from '../../server/auth';
import { createCard, deleteCard } from '../../src/lib/board';
import { keepViewOnly } from '../../src/lib/sync/view-only';
import { startServer, type TestServer } from '../helpers/server';
import { waitUntil } from './support';

const SECRET = 'view-only-test-secret-0123456789abcdefghijklmnop';
let server: TestServer;

async function post(path: string, body: unknown): Promise<Record<string, string>> {
	const response = await fetch(`${server.url}${path}`, {
		method: 'POST',
		headers: { authorization: `Bearer ${adminToken(SECRET)}`, 'content-type': 'application/json' },
		body: JSON.stringify(body)
	});
	expect(response.ok).toBe(true);
	return (await response.json()) as Record<string, string>;
}

function connect(boardId: string, token: string) {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(server.wsUrl, boardId, doc, {
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		params: { token }
	});
	return { doc, provider };
}

beforeAll(async () => {
	server = await startServer({ env: { TANDEM_AUTH: 'required', TANDEM_SECRET: SECRET } });
});

afterAll(async () => {
	await server.dispose();
});

describe('view-only document', () => {
	it('local edit reverts, remote applies', async () => {
		const { id } = await post('/api/boards', { name: 'Watched' });
		const editorLink = await post(`/api/boards/${id}/links`, { role: 'editor' });
		const viewerLink = await post(`/api/boards/${id}/links`, { role: 'viewer' });
		const editor = connect(id, editorLink.token);
		const viewer = connect(id, viewerLink.token);
		const stop = keepViewOnly(viewer.doc);
		try {
			await waitUntil(() => editor.provider.synced && viewer.provider.synced, 'both synced');
			const viewerMeta = viewer.doc.getMap('meta');
			viewerMeta.set('name', 'Renamed by a viewer');
			viewer.doc.getMap('cards').set('c1', new Y.Map());
			await waitUntil(
				() => viewerMeta.get('name') === 'Watched',
				`the viewer rename reverted: ${JSON.stringify(viewerMeta.toJSON())}`
			);
			expect(viewer.doc.getMap('cards').size).toBe(0);

			editor.doc.getMap('meta').set('currency', 'CNY');
			await waitUntil(() => viewerMeta.get('currency') === 'CNY', 'editor change arrived');
			expect(viewerMeta.get('name')).toBe('Watched');
			expect(editor.doc.getMap('cards').size).toBe(0);
		} finally {
			stop();
			editor.provider.destroy();
			viewer.provider.destroy();
		}
	});

	it('cached viewer is not told it wrote', async () => {
		const { id } = await post('/api/boards', { name: 'Cached' });
		const editorLink = await post(`/api/boards/${id}/links`, { role: 'editor' });
		const viewerLink = await post(`/api/boards/${id}/links`, { role: 'viewer' });
		const editor = connect(id, editorLink.token);
		// y-websocket reports a permission-denied auth message with console.warn.
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		let viewer: ReturnType<typeof connect> | null = null;
		try {
			await waitUntil(() => editor.provider.synced, 'editor synced');
			const context = { by: 'editor' };
			createCard(editor.doc, { id: 'kept', title: 'Kept', stageId: 'lead' }, context);
			createCard(editor.doc, { id: 'gone', title: 'Gone', stageId: 'lead' }, context);
			deleteCard(editor.doc, 'gone', context);

			// The viewer starts from a copy of the board, as a browser with an IndexedDB cache does:
			// its sync reply carries the board's delete set, which is no change.
			const cached = new Y.Doc();
			await waitUntil(async () => {
				const probe = connect(id, editorLink.token);
				await waitUntil(() => probe.provider.synced, 'probe synced');
				const ready = probe.doc.getMap('cards').has('kept');
				if (ready) Y.applyUpdate(cached, Y.encodeStateAsUpdate(probe.doc));
				probe.provider.destroy();
				return ready;
			}, 'the server stored the cards');
			const doc = cached;
			const provider = new WebsocketProvider(server.wsUrl, id, doc, {
				WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
				disableBc: true,
				params: { token: viewerLink.token }
			});
			viewer = { doc, provider };
			await waitUntil(() => provider.synced, 'viewer synced');

			// The server handles one connection's messages in order, so once an edit made after the
			// viewer synced reaches it, any denial of its sync reply would have arrived first.
			editor.doc.getMap('meta').set('currency', 'USD');
			await waitUntil(() => doc.getMap('meta').get('currency') === 'USD', 'edit reached viewer');
			const denials = warn.mock.calls.filter((call) =>
				String(call[0]).startsWith('Permission denied')
			);
			expect(denials).toEqual([]);
		} finally {
			warn.mockRestore();
			editor.provider.destroy();
			viewer?.provider.destroy();
		}
	});
});
