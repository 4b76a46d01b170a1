import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { createCard, readCards, seedBoard, SYSTEM_MEMBER } from '../../src/lib/board';
import { CloseCode } from '../../src/lib/sync/close-codes';
import { startServer, type TestServer } from '../helpers/server';
import { connectClient, openSocket, waitUntil, type BoardClient } from './support';

// The server stops reading a connection at its first bad frame, so many short connections reach
// the decoder with more frames than a few long ones would.
const CONNECTIONS = 3_000;
const FRAMES_PER_CONNECTION = 34;
const CONCURRENCY = 8;
const BOARD = 'fuzzed';
const HONEST_CARDS = 20;
const MEMORY_SLACK = 64 * 1024 * 1024;

let server: TestServer;
let honest: BoardClient;
const honestIds: string[] = [];

beforeAll(async () => {
	server = await startServer();
	honest = await connectClient(server.wsUrl, BOARD);
	for (let index = 0; index < HONEST_CARDS; index++) {
		const id = createCard(honest.doc, { title: `Honest ${index}`, stageId: 'lead' }, { by: 'h' });
		honestIds.push(id);
	}
	await waitUntil(() => honest.provider.ws?.bufferedAmount === 0, 'the honest cards are sent');
});

afterAll(async () => {
	honest.destroy();
	await server.dispose();
});

/** xorshift32: the same seed gives the same frames, so a failure can be replayed. */
function random(seed: number): () => number {
	let state = seed >>> 0 || 1;
	return () => {
		state ^= state << 13;
		state >>>= 0;
		state ^= state >>> 17;
		state ^= state << 5;
		state >>>= 0;
		return state / 0x1_0000_0000;
	};
}

function message(...parts: (number | Uint8Array)[]): Uint8Array {
	const encoder = encoding.createEncoder();
	for (const part of parts) {
		if (typeof part === 'number') encoding.writeVarUint(encoder, part);
		else encoding.writeVarUint8Array(encoder, part);
	}
	return encoding.toUint8Array(encoder);
}

/** Valid messages of every type, built from a real board, as the seeds of the mutations. */
function validMessages(): Uint8Array[] {
	const doc = new Y.Doc();
	seedBoard(doc, { name: 'Seed' }, { by: SYSTEM_MEMBER });
	const updates: Uint8Array[] = [];
	doc.on('update', (update: Uint8Array) => updates.push(update));
	for (let index = 0; index < 5; index++) {
		createCard(doc, { title: `Seed ${index}`, stageId: 'lead' }, { by: 'fuzz' });
	}
	const awareness = new awarenessProtocol.Awareness(doc);
	awareness.setLocalState({ user: { name: 'Fuzz', color: '#123456' } });
	const seeds = [
		message(0, 0, Y.encodeStateVector(doc)),
		message(0, 1, Y.encodeStateAsUpdate(doc)),
		message(1, awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID])),
		message(2, 0, new TextEncoder().encode('reason')),
		message(3),
		...updates.map((update) => message(0, 2, update))
	];
	awareness.destroy();
	doc.destroy();
	return seeds;
}

type Frame = Uint8Array | string;

/** Builds one bad or odd frame of a kind picked by `next`. */
function fuzzFrame(next: () => number, seeds: Uint8Array[]): Frame {
	const pick = (count: number) => Math.floor(next() * count);
	const seed = seeds[pick(seeds.length)];
	const bytes = (length: number) => Uint8Array.from({ length }, () => pick(256));
	switch (pick(9)) {
		case 0:
			return bytes(pick(64));
		case 1:
			return seed.slice(0, pick(seed.length));
		case 2: {
			const flipped = seed.slice();
			for (let flip = 0; flip <= pick(3); flip++) {
				const position = pick(flipped.length);
				flipped[position] ^= 1 << pick(8);
			}
			return flipped;
		}
		case 3:
			// A varint that never ends: every byte has its continuation bit set.
			return Uint8Array.from([pick(4), ...new Array<number>(1 + pick(16)).fill(0xff)]);
		case 4:
			// A length prefix of about 4 GiB in front of a few bytes.
			return Uint8Array.from([0, 1 + pick(2), 0xff, 0xff, 0xff, 0xff, 0x0f, ...bytes(pick(8))]);
		case 5:
			return String.fromCharCode(...bytes(1 + pick(32)));
		case 6:
			return new Uint8Array(0);
		case 7:
			return Uint8Array.from([...seed, ...bytes(1 + pick(8))]);
		default:
			return Uint8Array.from([pick(2), 3 + pick(200), ...seed.slice(2)]);
	}
}

/**
 * Opens one connection, sends its frames in a burst and returns the close code once the socket
 * is closed.
 */
async function fuzzConnection(frames: Frame[]): Promise<number> {
	const socket = await openSocket(server.wsUrl, BOARD);
	const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
	socket.on('error', () => socket.terminate());
	for (const frame of frames) {
		if (socket.readyState !== WebSocket.OPEN) break;
		socket.send(frame);
	}
	// Most bursts are closed by the server; one made only of frames it accepts is closed here.
	const timer = setTimeout(() => socket.close(), 2_000);
	const code = await closed;
	clearTimeout(timer);
	return code;
}

async function memory(): Promise<{ rss: number; heap: number }> {
	const text = await (await fetch(`${server.url}/metrics`)).text();
	const read = (name: string) => {
		const line = text.split('\n').find((row) => row.startsWith(`${name} `));
		if (!line) throw new Error(`No ${name} in /metrics.`);
		return Number(line.split(' ')[1]);
	};
	return { rss: read('process_resident_memory_bytes'), heap: read('nodejs_heap_used_bytes') };
}

describe('websocket fuzzing', () => {
	it('100,000 bad frames leave the board intact', async () => {
		const baseline = await memory();
		const seeds = validMessages();
		const next = random(20_251_204);
		let sent = 0;
		let nextConnection = 0;
		const closeCodes = new Map<number, number>();
		const worker = async () => {
			while (nextConnection < CONNECTIONS) {
				nextConnection++;
				const frames = Array.from({ length: FRAMES_PER_CONNECTION }, () => fuzzFrame(next, seeds));
				sent += frames.length;
				const code = await fuzzConnection(frames);
				closeCodes.set(code, (closeCodes.get(code) ?? 0) + 1);
			}
		};
		await Promise.all(Array.from({ length: CONCURRENCY }, worker));
		expect(sent).toBeGreaterThanOrEqual(100_000);
		// Each connection ends with a close code the server sends for a bad frame, or with 1000
		// when this test closes a connection whose frames the server all accepted.
		const expected = new Set<number>([
			CloseCode.UNSUPPORTED_DATA,
			CloseCode.MALFORMED_MESSAGE,
			CloseCode.INVALID_UPDATE,
			1000
		]);
		for (const code of closeCodes.keys())
			expect(expected.has(code), `close code ${code}`).toBe(true);
		expect(closeCodes.get(CloseCode.MALFORMED_MESSAGE)).toBeGreaterThan(CONNECTIONS / 2);

		const health = await fetch(`${server.url}/healthz`);
		expect(health.status).toBe(200);
		const failures = server.logs.filter((line) => (line.level ?? 0) >= 50);
		expect(failures).toEqual([]);

		await waitUntil(
			async () => {
				const now = await memory();
				return now.heap < baseline.heap + MEMORY_SLACK && now.rss < baseline.rss + MEMORY_SLACK;
			},
			'server memory is back near its baseline',
			30_000
		);

		const reader = await connectClient(server.wsUrl, BOARD);
		const titles = new Map(readCards(reader.doc).map((card) => [card.id, card.title]));
		for (const [index, id] of honestIds.entries()) {
			expect(titles.get(id)).toBe(`Honest ${index}`);
		}
		const after = createCard(honest.doc, { title: 'After fuzz', stageId: 'lead' }, { by: 'h' });
		await waitUntil(
			() => readCards(reader.doc).some((card) => card.id === after),
			'a card made after the fuzzing syncs'
		);
		reader.destroy();
	}, 90_000);
});
