import * as decoding from 'lib0/decoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { adminToken, signToken } from '../../server/auth';
import { CloseCode } from '../../src/lib/sync/close-codes';
import { startServer, type TestServer } from '../helpers/server';
import { closeOf, waitUntil } from './support';

const SECRET = 'integration-test-secret-0123456789abcdefghijklmnop';
let server: TestServer;
let admin: string;

function api(path: string, init: RequestInit & { token?: string } = {}): Promise<Response> {
	const headers = new Headers(init.headers);
	if (init.token) headers.set('authorization', `Bearer ${init.token}`);
	return fetch(`${server.url}${path}`, { ...init, headers });
}

async function createBoard(name: string): Promise<string> {
	const response = await api('/api/boards', {
		method: 'POST',
		token: admin,
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ name })
	});
	expect(response.status).toBe(201);
	return ((await response.json()) as { id: string }).id;
}

async function mintLink(boardId: string, role: string, expiresInDays?: number) {
	const response = await api(`/api/boards/${boardId}/links`, {
		method: 'POST',
		token: admin,
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ role, expiresInDays })
	});
	expect(response.status).toBe(201);
	return (await response.json()) as { url: string; token: string };
}

async function errorOf(response: Response): Promise<string> {
	return ((await response.json()) as { error: string }).error;
}

function socketTo(boardId: string, token?: string): WebSocket {
	const query = token === undefined ? '' : `?token=${encodeURIComponent(token)}`;
	const socket = new WebSocket(`${server.wsUrl}/${boardId}${query}`);
	socket.binaryType = 'arraybuffer';
	return socket;
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
	admin = adminToken(SECRET);
});

afterAll(async () => {
	await server.dispose();
});

describe('REST access', () => {
	it('no token is rejected', async () => {
		const board = await createBoard('No token');
		const response = await api(`/api/boards/${board}`);
		expect(response.status).toBe(401);
		expect(await errorOf(response)).toMatch(/needs an access token/);
		expect((await api('/api/boards')).status).toBe(401);
	});

	it('board creation needs admin', async () => {
		const board = await createBoard('Admin only');
		const { token } = await mintLink(board, 'editor');
		const response = await api('/api/boards', {
			method: 'POST',
			token,
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ name: 'Sneaky' })
		});
		expect(response.status).toBe(403);
		expect(await errorOf(response)).toMatch(/admin link/);
	});

	it('wrong signature is rejected', async () => {
		const board = await createBoard('Forged');
		const forged = signToken('another-secret-of-enough-length-0123456789', {
			boardId: board,
			role: 'editor',
			expiresAt: Math.floor(Date.now() / 1000) + 3_600,
			generation: 0
		});
		const response = await api(`/api/boards/${board}?token=${forged}`);
		expect(response.status).toBe(401);
		expect(await errorOf(response)).toMatch(/wrong signature/);
	});

	it('malformed token is rejected', async () => {
		const board = await createBoard('Malformed');
		const response = await api(`/api/boards/${board}`, { token: 'not-a-token' });
		expect(response.status).toBe(401);
		expect(await errorOf(response)).toMatch(/malformed/);
	});

	it('expired token is rejected', async () => {
		const board = await createBoard('Expired');
		const expired = signToken(SECRET, {
			boardId: board,
			role: 'editor',
			expiresAt: Math.floor(Date.now() / 1000) - 1,
			generation: 0
		});
		const response = await api(`/api/boards/${board}`, { token: expired });
		expect(response.status).toBe(401);
		expect(await errorOf(response)).toMatch(/expired/);
	});

	it('link of another board is rejected', async () => {
		const first = await createBoard('First');
		const second = await createBoard('Second');
		const { token } = await mintLink(first, 'editor');
		const response = await api(`/api/boards/${second}`, { token });
		expect(response.status).toBe(403);
		expect(await errorOf(response)).toMatch(/another board/);
	});

	it('viewer reads, cannot import', async () => {
		const board = await createBoard('Viewer REST');
		const link = await mintLink(board, 'viewer', 1);
		expect(link.url).toBe(`${server.url}/boards/${board}?token=${link.token}`);
		expect((await api(`/api/boards/${board}`, { token: link.token })).status).toBe(200);
		expect((await api(`/api/boards/${board}/kpis`, { token: link.token })).status).toBe(200);
		const response = await api(`/api/boards/${board}/import`, {
			method: 'POST',
			token: link.token,
			body: 'name,value\nAcme,10\n'
		});
		expect(response.status).toBe(403);
		const detail = await api(`/api/boards/${board}`, { token: link.token });
		expect(((await detail.json()) as { cardCount: number }).cardCount).toBe(0);
	});

	it('rotation revokes older links', async () => {
		const board = await createBoard('Rotate');
		const old = await mintLink(board, 'editor');
		expect((await api(`/api/boards/${board}`, { token: old.token })).status).toBe(200);
		const rotated = await api(`/api/boards/${board}/links/rotate`, {
			method: 'POST',
			token: admin
		});
		expect(rotated.status).toBe(200);
		const rejected = await api(`/api/boards/${board}`, { token: old.token });
		expect(rejected.status).toBe(403);
		expect(await errorOf(rejected)).toMatch(/revoked/);
		const fresh = await mintLink(board, 'editor');
		expect((await api(`/api/boards/${board}`, { token: fresh.token })).status).toBe(200);
	});

	it('rotation survives a restart', async () => {
		const board = await createBoard('Rotate restart');
		const old = await mintLink(board, 'viewer');
		await api(`/api/boards/${board}/links/rotate`, { method: 'POST', token: admin });
		await server.restart();
		expect((await api(`/api/boards/${board}`, { token: old.token })).status).toBe(403);
	});

	it('bad link request is rejected', async () => {
		const board = await createBoard('Bad link');
		const response = await api(`/api/boards/${board}/links`, {
			method: 'POST',
			token: admin,
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ role: 'owner' })
		});
		expect(response.status).toBe(400);
		expect(await errorOf(response)).toMatch(/"editor" or "viewer"/);
	});
});

describe('websocket access', () => {
	it('no token closes 4401', async () => {
		const board = await createBoard('WS none');
		const closed = await closeOf(socketTo(board));
		expect(closed.code).toBe(CloseCode.UNAUTHORIZED);
		expect(closed.reason).toMatch(/needs an access token/);
	});

	it('expired token closes 4401', async () => {
		const board = await createBoard('WS expired');
		const expired = signToken(SECRET, {
			boardId: board,
			role: 'viewer',
			expiresAt: Math.floor(Date.now() / 1000) - 60,
			generation: 0
		});
		const closed = await closeOf(socketTo(board, expired));
		expect(closed.code).toBe(CloseCode.UNAUTHORIZED);
		expect(closed.reason).toMatch(/expired/);
	});

	it('wrong signature closes 4401', async () => {
		const board = await createBoard('WS forged');
		const { token } = await mintLink(board, 'editor');
		const forged = `${token.split('.')[0]}.${Buffer.alloc(32).toString('base64url')}`;
		const closed = await closeOf(socketTo(board, forged));
		expect(closed.code).toBe(CloseCode.UNAUTHORIZED);
	});

	it('revoked link closes 4403', async () => {
		const board = await createBoard('WS revoked');
		const { token } = await mintLink(board, 'editor');
		const live = connect(board, token);
		await waitUntil(() => live.provider.synced, 'editor synced');
		const liveClosed = new Promise<number>((resolve) =>
			live.provider.ws?.addEventListener('close', (event) => resolve(event.code))
		);
		await api(`/api/boards/${board}/links/rotate`, { method: 'POST', token: admin });
		expect(await liveClosed).toBe(CloseCode.FORBIDDEN);
		live.provider.destroy();
		const closed = await closeOf(socketTo(board, token));
		expect(closed.code).toBe(CloseCode.FORBIDDEN);
		expect(closed.reason).toMatch(/revoked/);
	});

	it('viewer edit is dropped and told', async () => {
		const board = await createBoard('WS viewer');
		const editorLink = await mintLink(board, 'editor');
		const viewerLink = await mintLink(board, 'viewer');
		const editor = connect(board, editorLink.token);
		const viewer = connect(board, viewerLink.token);
		try {
			await waitUntil(
				() => editor.provider.synced && viewer.provider.synced,
				'editor and viewer synced'
			);
			const denied: string[] = [];
			viewer.provider.messageHandlers[2] = (_encoder, decoder) => {
				decoding.readVarUint(decoder);
				denied.push(decoding.readVarString(decoder));
			};
			viewer.doc.getMap('meta').set('name', 'Changed by a viewer');
			await waitUntil(() => denied.length > 0, 'viewer told its change was denied');
			expect(denied[0]).toMatch(/view only/);

			editor.doc.getMap('meta').set('currency', 'EUR');
			await waitUntil(
				() => viewer.doc.getMap('meta').get('currency') === 'EUR',
				'editor change reached the viewer'
			);
			expect(editor.doc.getMap('meta').get('name')).toBe('WS viewer');

			viewer.provider.awareness.setLocalStateField('user', { name: 'Watcher' });
			await waitUntil(
				() =>
					[...editor.provider.awareness.getStates().values()].some(
						(state) => (state.user as { name?: string } | undefined)?.name === 'Watcher'
					),
				'viewer presence reached the editor'
			);
			const detail = await api(`/api/boards/${board}`, { token: admin });
			expect(((await detail.json()) as { name: string }).name).toBe('WS viewer');
		} finally {
			editor.provider.destroy();
			viewer.provider.destroy();
		}
	});
});

describe('metrics access', () => {
	it('metrics need the admin token', async () => {
		const anonymous = await api('/metrics');
		expect(anonymous.status).toBe(401);

		const board = await createBoard('Metrics');
		const editor = await mintLink(board, 'editor');
		expect((await api('/metrics', { token: editor.token })).status).toBe(403);

		const response = await api('/metrics', { token: admin });
		expect(response.status).toBe(200);
		expect(await response.text()).toContain('# TYPE');
	});
});
