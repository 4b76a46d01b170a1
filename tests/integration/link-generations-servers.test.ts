/**
 * Share-link rotation across two server processes on one Postgres database (and one Redis
 * server when `REDIS_TEST_URL` is set). Needs `DATABASE_TEST_URL`; its schema is dropped.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { adminToken } from '../../server/auth';
import { CloseCode } from '../../src/lib/sync/close-codes';
import { startServer, type TestServer } from '../helpers/server';
import { waitUntil } from './support';

const databaseUrl = process.env.DATABASE_TEST_URL ?? '';
const redisUrl = process.env.REDIS_TEST_URL ?? '';
if (databaseUrl === '') {
	console.warn(
		'Link rotation tests across server processes skipped: DATABASE_TEST_URL is not set (for example postgres://postgres@127.0.0.1:5432/test).'
	);
}

const SECRET = 'link-generations-test-secret-0123456789abcdef';
const admin = adminToken(SECRET);

/** Returns `url` with its session search path set to `schema`, which the server stores in. */
function withSchema(url: string, schema: string): string {
	const parsed = new URL(url);
	parsed.searchParams.set('options', `-csearch_path=${schema}`);
	return parsed.toString();
}

function api(
	server: TestServer,
	path: string,
	init: RequestInit & { token?: string } = {}
): Promise<Response> {
	const headers = new Headers(init.headers);
	if (init.token) headers.set('authorization', `Bearer ${init.token}`);
	return fetch(`${server.url}${path}`, { ...init, headers });
}

async function postJson(server: TestServer, path: string, body: unknown): Promise<Response> {
	return api(server, path, {
		method: 'POST',
		token: admin,
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body)
	});
}

async function createBoard(server: TestServer, name: string): Promise<string> {
	const response = await postJson(server, '/api/boards', { name });
	expect(response.status).toBe(201);
	return ((await response.json()) as { id: string }).id;
}

async function mintViewerLink(server: TestServer, boardId: string): Promise<string> {
	const response = await postJson(server, `/api/boards/${boardId}/links`, { role: 'viewer' });
	expect(response.status).toBe(201);
	return ((await response.json()) as { token: string }).token;
}

async function statusOf(server: TestServer, boardId: string, token: string): Promise<number> {
	const response = await api(server, `/api/boards/${boardId}`, { token });
	await response.body?.cancel();
	return response.status;
}

describe.runIf(databaseUrl !== '')('link rotation across processes', () => {
	const schema = `tandem_test_${process.pid}_${randomBytes(4).toString('hex')}_links`;
	let first: TestServer;
	let second: TestServer;
	let client: pg.Client;

	beforeAll(async () => {
		client = new pg.Client({ connectionString: databaseUrl });
		await client.connect();
		const env: Record<string, string> = {
			DATABASE_URL: withSchema(databaseUrl, schema),
			TANDEM_AUTH: 'required',
			TANDEM_SECRET: SECRET
		};
		if (redisUrl !== '') env.REDIS_URL = redisUrl;
		first = await startServer({ env });
		second = await startServer({ env });
	}, 240_000);

	afterAll(async () => {
		await first?.dispose();
		await second?.dispose();
		try {
			await client.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`);
		} finally {
			await client.end();
		}
	});

	it('store and generations use URL schema', async () => {
		const result = await client.query<{ tablename: string }>(
			'SELECT tablename FROM pg_tables WHERE schemaname = $1 ORDER BY tablename',
			[schema]
		);

		expect(result.rows.map((row) => row.tablename)).toEqual([
			'board_updates',
			'boards',
			'link_generations'
		]);
	});

	it('rotation on one revokes link on other', async () => {
		const board = await createBoard(first, 'Rotated across processes');
		const viewer = await mintViewerLink(first, board);
		expect(await statusOf(first, board, viewer)).toBe(200);
		expect(await statusOf(second, board, viewer)).toBe(200);

		const doc = new Y.Doc();
		const provider = new WebsocketProvider(second.wsUrl, board, doc, {
			WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
			disableBc: true,
			params: { token: viewer }
		});
		try {
			await waitUntil(() => provider.synced, 'viewer on second process synced');
			const closed = new Promise<number>((resolve) =>
				provider.ws?.addEventListener('close', (event) => resolve(event.code))
			);

			const rotated = await api(first, `/api/boards/${board}/links/rotate`, {
				method: 'POST',
				token: admin
			});
			expect(rotated.status).toBe(200);
			expect(await rotated.json()).toEqual({ generation: 1 });

			await waitUntil(
				async () => (await statusOf(second, board, viewer)) === 403,
				'second process rejects the revoked link',
				3_000
			);
			expect(await closed).toBe(CloseCode.FORBIDDEN);
			expect(await statusOf(first, board, viewer)).toBe(403);
		} finally {
			provider.destroy();
			doc.destroy();
		}

		const fresh = await mintViewerLink(second, board);
		expect(await statusOf(first, board, fresh)).toBe(200);
		expect(await statusOf(second, board, fresh)).toBe(200);
	});

	it('failed rotate answers 500, link still works', async () => {
		const board = await createBoard(first, 'Failed rotation');
		const viewer = await mintViewerLink(first, board);
		await client.query(`DROP TABLE ${pg.escapeIdentifier(schema)}.link_generations`);

		const rotated = await api(first, `/api/boards/${board}/links/rotate`, {
			method: 'POST',
			token: admin
		});

		expect(rotated.status).toBe(500);
		const { error } = (await rotated.json()) as { error: string };
		expect(error).toMatch(
			new RegExp(
				`^Rotating the links of board "${board}" failed, so its links still work: Postgres rotate of board "${board}" failed: `
			)
		);
		expect(await statusOf(first, board, viewer)).toBe(200);
		expect(await statusOf(second, board, viewer)).toBe(200);
	});
});
