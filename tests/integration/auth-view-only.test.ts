import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { adminToken } from '../../server/auth';
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
});
