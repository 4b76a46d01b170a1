import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardRoots, createCard } from '../../src/lib/board';
import { CloseCode } from '../../src/lib/sync/close-codes';
import { startServer, type TestServer } from '../helpers/server';
import { closeOf, connectClient, openSocket, waitUntil, type BoardClient } from './support';

/** Small enough that a test frame can pass it without allocating much. */
const MAX_MESSAGE_BYTES = 64 * 1024;

let server: TestServer;
let alice: BoardClient;
let bob: BoardClient;
const BOARD = 'frames';

function message(...parts: (number | Uint8Array)[]): Uint8Array {
	const encoder = encoding.createEncoder();
	for (const part of parts) {
		if (typeof part === 'number') encoding.writeVarUint(encoder, part);
		else encoding.writeVarUint8Array(encoder, part);
	}
	return encoding.toUint8Array(encoder);
}

/** Checks that the two healthy clients still sync through the server. */
async function expectStillSyncing(): Promise<void> {
	const id = createCard(
		alice.doc,
		{ title: `Still here ${Date.now()}`, stageId: 'lead' },
		{ by: 'a' }
	);
	await waitUntil(() => boardRoots(bob.doc).cards.has(id), 'bob receives a card from alice');
}

beforeAll(async () => {
	server = await startServer({ env: { MAX_MESSAGE_BYTES: String(MAX_MESSAGE_BYTES) } });
	alice = await connectClient(server.wsUrl, BOARD);
	bob = await connectClient(server.wsUrl, BOARD);
});

afterAll(async () => {
	alice.destroy();
	bob.destroy();
	await server.dispose();
});

const BAD_FRAMES: { name: string; frame: () => Uint8Array | string; code: number }[] = [
	{
		name: 'random bytes',
		frame: () =>
			Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]),
		code: CloseCode.MALFORMED_MESSAGE
	},
	{
		name: 'unknown message type',
		frame: () => message(9, 1, 2, 3),
		code: CloseCode.MALFORMED_MESSAGE
	},
	{
		name: 'unknown sync step',
		frame: () => message(0, 7, new Uint8Array(2)),
		code: CloseCode.MALFORMED_MESSAGE
	},
	{
		name: 'truncated update',
		frame: () => message(0, 2, Uint8Array.from([1, 2, 3, 4, 5])).slice(0, 5),
		code: CloseCode.MALFORMED_MESSAGE
	},
	{ name: 'empty frame', frame: () => new Uint8Array(0), code: CloseCode.MALFORMED_MESSAGE },
	{
		name: 'trailing bytes',
		frame: () => Uint8Array.from([...message(3), 0, 0]),
		code: CloseCode.MALFORMED_MESSAGE
	},
	{ name: 'text frame', frame: () => 'hello', code: CloseCode.UNSUPPORTED_DATA },
	{
		name: 'update Yjs cannot apply',
		frame: () => message(0, 2, Uint8Array.from([200, 1, 7, 7, 7, 7, 255, 255, 255, 255, 15])),
		code: CloseCode.INVALID_UPDATE
	},
	{
		name: 'garbage awareness update',
		frame: () => message(1, Uint8Array.from([5, 1, 2])),
		code: CloseCode.MALFORMED_MESSAGE
	}
];

describe('bad websocket frames', () => {
	for (const { name, frame, code } of BAD_FRAMES) {
		it(`${name} closes only that connection`, async () => {
			const socket = await openSocket(server.wsUrl, BOARD);
			const closed = closeOf(socket);
			const logsBefore = server.logs.length;
			socket.send(frame());
			const { code: received, reason } = await closed;
			expect(received).toBe(code);
			expect(reason).not.toBe('');
			await waitUntil(
				() =>
					server.logs
						.slice(logsBefore)
						.some((line) => line.closeCode === code && line.level === 40),
				'the server logs the closed connection'
			);
			await expectStillSyncing();
		});
	}

	it('oversize frame is rejected', async () => {
		const socket = await openSocket(server.wsUrl, BOARD);
		const closed = closeOf(socket);
		const doc = new Y.Doc();
		doc.getText('padding').insert(0, 'x'.repeat(MAX_MESSAGE_BYTES + 1));
		socket.send(message(0, 2, Y.encodeStateAsUpdate(doc)));
		expect((await closed).code).toBe(CloseCode.MESSAGE_TOO_BIG);
		await expectStillSyncing();
		expect(JSON.stringify(alice.doc.toJSON())).not.toContain('xxxx');
	});

	it('frame under the limit is accepted', async () => {
		const socket = await openSocket(server.wsUrl, BOARD);
		const doc = new Y.Doc();
		doc.getText('padding').insert(0, 'y'.repeat(MAX_MESSAGE_BYTES / 2));
		socket.send(message(0, 2, Y.encodeStateAsUpdate(doc)));
		await waitUntil(
			() => alice.doc.getText('padding').length === MAX_MESSAGE_BYTES / 2,
			'alice receives the text'
		);
		expect(socket.readyState).toBe(WebSocket.OPEN);
		socket.close();
	});

	it('invalid board id is refused at upgrade', async () => {
		const socket = new WebSocket(`${server.wsUrl}/bad.id`);
		const status = await new Promise<number>((resolve, reject) => {
			socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
			socket.once('open', () => reject(new Error('the socket opened')));
		});
		expect(status).toBe(400);
	});
});
