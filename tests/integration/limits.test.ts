import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardRoots, createCard, readCards, seedBoard, SYSTEM_MEMBER } from '../../src/lib/board';
import { CloseCode } from '../../src/lib/sync/close-codes';
import { startServer, type TestServer } from '../helpers/server';
import { closeOf, connectClient, openSocket, waitUntil, type BoardClient } from './support';

const servers: TestServer[] = [];
const clients: BoardClient[] = [];

async function start(env: Record<string, string>): Promise<TestServer> {
	const server = await startServer({ env });
	servers.push(server);
	return server;
}

async function connect(server: TestServer, boardId: string): Promise<BoardClient> {
	const client = await connectClient(server.wsUrl, boardId);
	clients.push(client);
	return client;
}

afterEach(() => {
	for (const client of clients.splice(0)) client.destroy();
});

afterAll(async () => {
	for (const server of servers.splice(0)) await server.dispose();
});

function message(...parts: (number | Uint8Array)[]): Uint8Array {
	const encoder = encoding.createEncoder();
	for (const part of parts) {
		if (typeof part === 'number') encoding.writeVarUint(encoder, part);
		else encoding.writeVarUint8Array(encoder, part);
	}
	return encoding.toUint8Array(encoder);
}

/** Builds a valid `auth` message, which the server reads and ignores, of about `bytes` bytes. */
function ignoredMessage(bytes: number): Uint8Array {
	return message(2, 0, new Uint8Array(bytes));
}

async function expectSyncing(from: BoardClient, to: BoardClient): Promise<void> {
	const id = createCard(from.doc, { title: `Check ${Date.now()}`, stageId: 'lead' }, { by: 'a' });
	await waitUntil(() => boardRoots(to.doc).cards.has(id), 'the other client receives a card');
}

function logCount(server: TestServer, code: number): number {
	return server.logs.filter((line) => line.closeCode === code && line.level === 40).length;
}

async function residentBytes(server: TestServer): Promise<number> {
	const text = await (await fetch(`${server.url}/metrics`)).text();
	const line = text.split('\n').find((row) => row.startsWith('process_resident_memory_bytes '));
	if (!line) throw new Error(`No process_resident_memory_bytes in /metrics:\n${text}`);
	return Number(line.split(' ')[1]);
}

describe('connection rate limit', () => {
	const FRAME_LIMIT = 64 * 1024;
	let server: TestServer;

	it('message flood closes with 4429', async () => {
		server = await start({
			RATE_MESSAGES_PER_SECOND: '50',
			RATE_BYTES_PER_SECOND: String(FRAME_LIMIT),
			MAX_MESSAGE_BYTES: String(FRAME_LIMIT)
		});
		const alice = await connect(server, 'flood');
		const bob = await connect(server, 'flood');
		const flooder = await openSocket(server.wsUrl, 'flood');
		const closed = closeOf(flooder);
		for (let index = 0; index < 500 && flooder.readyState === WebSocket.OPEN; index++) {
			flooder.send(message(3));
		}
		const { code, reason } = await closed;
		expect(code).toBe(CloseCode.RATE_LIMITED);
		expect(reason).toContain('messages');
		await waitUntil(() => logCount(server, CloseCode.RATE_LIMITED) > 0, 'the server logs it');
		await expectSyncing(alice, bob);
		await expectSyncing(bob, alice);
		expect(logCount(server, CloseCode.RATE_LIMITED)).toBe(1);
	});

	it('byte flood closes with 4429', async () => {
		const alice = await connect(server, 'flood');
		const bob = await connect(server, 'flood');
		const flooder = await openSocket(server.wsUrl, 'flood');
		const closed = closeOf(flooder);
		for (let index = 0; index < 20 && flooder.readyState === WebSocket.OPEN; index++) {
			flooder.send(ignoredMessage(FRAME_LIMIT / 2));
		}
		const { code, reason } = await closed;
		expect(code).toBe(CloseCode.RATE_LIMITED);
		expect(reason).toContain('bytes');
		await expectSyncing(alice, bob);
	});

	it('paced client stays open', async () => {
		const socket = await openSocket(server.wsUrl, 'flood');
		// 80 messages at most 40 per second: more than the bucket of 50 holds, so it must refill.
		for (let index = 0; index < 80; index++) {
			expect(socket.readyState, `socket open before message ${index}`).toBe(WebSocket.OPEN);
			socket.send(message(3));
			await new Promise((resolve) => setTimeout(resolve, 25));
		}
		const answered = new Promise((resolve) => socket.once('message', resolve));
		socket.send(message(0, 0, Y.encodeStateVector(new Y.Doc())));
		await answered;
		expect(socket.readyState).toBe(WebSocket.OPEN);
		socket.close();
	});

	it('oversize frame closes with 1009', async () => {
		const alice = await connect(server, 'flood');
		const bob = await connect(server, 'flood');
		const socket = await openSocket(server.wsUrl, 'flood');
		const closed = closeOf(socket);
		socket.send(ignoredMessage(FRAME_LIMIT + 1));
		expect((await closed).code).toBe(CloseCode.MESSAGE_TOO_BIG);
		await expectSyncing(alice, bob);
	});
});

describe('slow consumer', () => {
	const MAX_BUFFERED = 256 * 1024;
	const BLOB_BYTES = 64 * 1024;
	const ROUNDS = 1_500;

	it('paused reader closes with 4508', async () => {
		const server = await start({
			MAX_BUFFERED_BYTES: String(MAX_BUFFERED),
			RATE_MESSAGES_PER_SECOND: '100000',
			RATE_BYTES_PER_SECOND: String(1024 * 1024 * 1024)
		});
		const alice = await connect(server, 'slow');
		const bob = await connect(server, 'slow');
		const slow = await openSocket(server.wsUrl, 'slow');
		const closed = closeOf(slow);
		await new Promise((resolve) => slow.once('message', resolve));
		(slow as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
		const baseline = await residentBytes(server);

		// Awareness replaces the previous state, so the server keeps one blob while relaying
		// ROUNDS of them (about 94 MiB) to the reader that does not read.
		let peak = baseline;
		for (let round = 0; round < ROUNDS; round++) {
			const blob = String(round % 10).repeat(BLOB_BYTES);
			alice.provider.awareness.setLocalStateField('blob', `${round}:${blob}`);
			if (round % 100 === 99) {
				const marker = `${round}:`;
				await waitUntil(() => {
					const state = bob.provider.awareness.getStates().get(alice.doc.clientID);
					return String(state?.blob ?? '').startsWith(marker);
				}, `bob receives awareness round ${round}`);
				peak = Math.max(peak, await residentBytes(server));
			}
		}

		const logged = server.logs.find((line) => line.closeCode === CloseCode.SLOW_CONSUMER);
		expect(logged).toBeDefined();
		expect(logged?.queuedBytes).toBeLessThanOrEqual(MAX_BUFFERED + 2 * BLOB_BYTES);
		expect(peak - baseline).toBeLessThan(64 * 1024 * 1024);

		(slow as unknown as { _socket: { resume(): void } })._socket.resume();
		expect((await closed).code).toBe(CloseCode.SLOW_CONSUMER);
		await expectSyncing(alice, bob);
	}, 60_000);
});

describe('frame size default', () => {
	it('first sync of 10,000 cards fits', async () => {
		const server = await start({});
		const doc = new Y.Doc();
		seedBoard(doc, { name: 'Big' }, { by: SYSTEM_MEMBER });
		for (let index = 0; index < 10_000; index++) {
			const rank = `a${String(index).padStart(5, '0')}`;
			createCard(
				doc,
				{
					title: `Customer ${index}`,
					stageId: 'lead',
					rank,
					company: `Company ${index} Trading Co`,
					contact: `contact${index}@example.com`,
					tags: ['renewal', `q${index % 4}`],
					value: 1_000 + index
				},
				{ by: 'importer' }
			);
		}
		const size = Y.encodeStateAsUpdate(doc).byteLength;
		expect(size).toBeGreaterThan(4 * 1024 * 1024);

		const writer = new Y.Doc();
		Y.applyUpdate(writer, Y.encodeStateAsUpdate(doc));
		doc.destroy();
		const socket = await openSocket(server.wsUrl, 'big');
		const closed = closeOf(socket);
		socket.send(message(0, 1, Y.encodeStateAsUpdate(writer)));
		writer.destroy();

		await waitUntil(
			async () => {
				const response = await fetch(`${server.url}/api/boards/big`);
				if (!response.ok) return false;
				const board = (await response.json()) as { cardCount: number };
				return board.cardCount >= 10_000;
			},
			'the server holds 10,000 cards',
			30_000
		);
		const reader = await connect(server, 'big');
		expect(readCards(reader.doc)).toHaveLength(10_000);
		expect(socket.readyState).toBe(WebSocket.OPEN);
		socket.close();
		await closed;
	}, 60_000);
});
