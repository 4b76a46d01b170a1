/**
 * Redis fan-out between two `RedisPubSub` instances, each standing for a server process. Needs
 * a Redis server: `REDIS_TEST_URL=redis://127.0.0.1:6379`. Channels carry a prefix unique to
 * this run, so concurrent runs on one server do not see each other's messages.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { pino, type Logger } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { BoardMessage } from '../../server/pubsub/pubsub';
import { RedisPubSub } from '../../server/pubsub/redis';

const redisUrl = process.env.REDIS_TEST_URL ?? '';
if (redisUrl === '') {
	console.warn(
		'Redis pub/sub tests skipped: REDIS_TEST_URL is not set (for example redis://127.0.0.1:6379).'
	);
}

/** Resolves once `condition` holds; rejects with `description` after `timeoutMs`. */
async function waitFor(
	condition: () => boolean,
	description: string,
	timeoutMs = 5_000
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline)
			throw new Error(`Timed out after ${timeoutMs} ms waiting for ${description}.`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

function message(text: string, type: BoardMessage['type'] = 'update'): BoardMessage {
	return { type, payload: new TextEncoder().encode(text) };
}

function text(received: BoardMessage): string {
	return new TextDecoder().decode(received.payload);
}

interface LogLine {
	level: number;
	msg: string;
	[key: string]: unknown;
}

function capturingLogger(): { logger: Logger; lines: LogLine[] } {
	const lines: LogLine[] = [];
	const logger = pino(
		{ level: 'debug' },
		{ write: (line: string) => lines.push(JSON.parse(line)) }
	);
	return { logger, lines };
}

describe.runIf(redisUrl !== '')('RedisPubSub', () => {
	const channelPrefix = `tandem-test:${process.pid}:${randomBytes(4).toString('hex')}:`;
	const opened: { close(): Promise<unknown> }[] = [];

	async function connect(logger: Logger = pino({ level: 'silent' })): Promise<RedisPubSub> {
		const pubsub = await RedisPubSub.connect({ url: redisUrl, logger, channelPrefix });
		opened.push(pubsub);
		return pubsub;
	}

	function adminConnection(): Redis {
		const admin = new Redis(redisUrl);
		opened.push({ close: () => admin.quit() });
		return admin;
	}

	afterEach(async () => {
		for (const each of opened.splice(0)) await each.close();
	});

	it('delivers to the other process', async () => {
		const first = await connect();
		const second = await connect();
		const received: BoardMessage[] = [];
		await second.subscribe('board-a', (each) => received.push(each));

		await first.publish('board-a', message('hello', 'update'));
		await first.publish('board-a', message('presence', 'awareness'));

		await waitFor(() => received.length === 2, 'two messages');
		expect(received.map(text)).toEqual(['hello', 'presence']);
		expect(received.map((each) => each.type)).toEqual(['update', 'awareness']);
	});

	it('delivers in both directions', async () => {
		const first = await connect();
		const second = await connect();
		const atFirst: string[] = [];
		const atSecond: string[] = [];
		await first.subscribe('board-a', (each) => atFirst.push(text(each)));
		await second.subscribe('board-a', (each) => atSecond.push(text(each)));

		await first.publish('board-a', message('from first'));
		await second.publish('board-a', message('from second'));

		await waitFor(() => atFirst.length === 1 && atSecond.length === 1, 'one message each');
		expect(atFirst).toEqual(['from second']);
		expect(atSecond).toEqual(['from first']);
	});

	it('drops its own echo', async () => {
		const first = await connect();
		const second = await connect();
		const atFirst: string[] = [];
		const atSecond: string[] = [];
		await first.subscribe('board-a', (each) => atFirst.push(text(each)));
		await second.subscribe('board-a', (each) => atSecond.push(text(each)));

		await first.publish('board-a', message('own'));
		await waitFor(() => atSecond.length === 1, 'the message at the other process');
		// Redis sends the echo of `own` to the first subscriber before it handles this later
		// publish, so once `marker` arrives an echo would have arrived too.
		await second.publish('board-a', message('marker'));
		await waitFor(() => atFirst.length > 0, 'the marker');

		expect(atFirst).toEqual(['marker']);
	});

	it('keeps boards apart', async () => {
		const first = await connect();
		const second = await connect();
		const atA: string[] = [];
		const atB: string[] = [];
		await second.subscribe('board-a', (each) => atA.push(text(each)));
		await second.subscribe('board-b', (each) => atB.push(text(each)));

		await first.publish('board-a', message('for a'));
		await first.publish('board-b', message('for b'));
		await first.publish('board-c', message('for nobody'));

		await waitFor(() => atA.length === 1 && atB.length === 1, 'one message per board');
		expect(atA).toEqual(['for a']);
		expect(atB).toEqual(['for b']);
	});

	it('unsubscribe stops delivery', async () => {
		const first = await connect();
		const second = await connect();
		const atA: string[] = [];
		const atB: string[] = [];
		await second.subscribe('board-a', (each) => atA.push(text(each)));
		await second.subscribe('board-b', (each) => atB.push(text(each)));

		await second.unsubscribe('board-a');
		// One publisher connection keeps order, so `board-b` arriving means `board-a` would have.
		await first.publish('board-a', message('after unsubscribe'));
		await first.publish('board-b', message('marker'));

		await waitFor(() => atB.length === 1, 'the marker');
		expect(atA).toEqual([]);
	});

	it('subscribe again after unsubscribe', async () => {
		const first = await connect();
		const second = await connect();
		const received: string[] = [];
		await second.subscribe('board-a', () => received.push('old listener'));
		await second.unsubscribe('board-a');
		await second.subscribe('board-a', (each) => received.push(text(each)));

		await first.publish('board-a', message('new listener'));

		await waitFor(() => received.length === 1, 'one message');
		expect(received).toEqual(['new listener']);
	});

	it('binary payloads arrive byte for byte', async () => {
		const first = await connect();
		const second = await connect();
		const received: BoardMessage[] = [];
		await second.subscribe('board-a', (each) => received.push(each));
		const everyByte = Uint8Array.from({ length: 1_024 }, (_, index) => index % 256);
		const large = Uint8Array.from(randomBytes(1024 * 1024));
		const empty = new Uint8Array(0);
		const invalidUtf8 = Uint8Array.from([0xff, 0xfe, 0xc0, 0x80, 0x00, 0xed, 0xa0, 0x80]);

		for (const payload of [everyByte, large, empty, invalidUtf8]) {
			await first.publish('board-a', { type: 'update', payload });
		}

		await waitFor(() => received.length === 4, 'four payloads');
		expect(Buffer.from(received[0].payload).equals(everyByte)).toBe(true);
		expect(received[1].payload.byteLength).toBe(large.byteLength);
		expect(Buffer.from(received[1].payload).equals(large)).toBe(true);
		expect(received[2].payload.byteLength).toBe(0);
		expect(Buffer.from(received[3].payload).equals(invalidUtf8)).toBe(true);
	});

	it('board ids with any characters', async () => {
		const first = await connect();
		const second = await connect();
		const boardIds = ['with space', 'with:colon', 'ünïcødé', 'star*and?glob[chars]'];
		const received = new Map<string, string[]>();
		for (const boardId of boardIds) {
			received.set(boardId, []);
			await second.subscribe(boardId, (each) => received.get(boardId)?.push(text(each)));
		}

		for (const boardId of boardIds) await first.publish(boardId, message(`to ${boardId}`));

		await waitFor(
			() => [...received.values()].every((messages) => messages.length === 1),
			'one message per board'
		);
		for (const boardId of boardIds) expect(received.get(boardId)).toEqual([`to ${boardId}`]);
	});

	it('subscribe twice rejects', async () => {
		const pubsub = await connect();
		await pubsub.subscribe('board-a', () => {});

		await expect(pubsub.subscribe('board-a', () => {})).rejects.toThrow(
			'Board "board-a" is already subscribed; unsubscribe it first.'
		);
	});

	it('publish after close rejects', async () => {
		const pubsub = await connect();
		await pubsub.close();

		await expect(pubsub.publish('board-a', message('late'))).rejects.toThrow(
			'Cannot publish to board "board-a": the pub/sub is closed.'
		);
		await expect(pubsub.close()).resolves.toBeUndefined();
	});

	it('connect reports unreachable server', async () => {
		// Port 1 is privileged and no Redis server listens there, so the connection is refused.
		await expect(
			RedisPubSub.connect({
				url: 'redis://127.0.0.1:1',
				logger: pino({ level: 'silent' }),
				channelPrefix
			})
		).rejects.toThrow(
			/Redis pub\/sub could not connect to redis:\/\/127\.0\.0\.1:1: .*ECONNREFUSED/
		);
	});

	it('malformed message is logged and dropped', async () => {
		const { logger, lines } = capturingLogger();
		const pubsub = await connect(logger);
		const first = await connect();
		const received: string[] = [];
		await pubsub.subscribe('board-a', (each) => received.push(text(each)));
		const admin = adminConnection();

		await admin.publish(`${channelPrefix}board:board-a`, Buffer.from([1, 2, 3]));
		await first.publish('board-a', message('valid'));

		await waitFor(() => received.length === 1, 'the valid message');
		expect(received).toEqual(['valid']);
		const dropped = lines.filter((line) => line.msg === 'Redis board message dropped');
		expect(dropped.length).toBe(1);
		expect(dropped[0].boardId).toBe('board-a');
	});

	it('subscriber reconnect is logged and resubscribes', async () => {
		const { logger, lines } = capturingLogger();
		const pubsub = await connect(logger);
		const first = await connect();
		const received: string[] = [];
		let resubscribed = 0;
		pubsub.onResubscribed(() => resubscribed++);
		await pubsub.subscribe('board-a', (each) => received.push(text(each)));
		const admin = adminConnection();
		const clients = (await admin.client('LIST')) as string;
		const name = `tandem:${pubsub.processId}:subscriber`;
		const id = clients
			.split('\n')
			.find((line) => line.includes(` name=${name} `))
			?.match(/^id=(\d+) /)?.[1];
		expect(id).toBeDefined();

		await admin.client('KILL', 'ID', id as string);

		await waitFor(() => resubscribed === 1, 'the resubscription');
		const messages = lines.map((line) => line.msg);
		expect(messages).toContain('Redis connection lost, reconnecting');
		expect(messages).toContain('Redis connection restored');
		// Keep publishing until one arrives: the SUBSCRIBE that ioredis resends may still be in
		// flight when the connection reports ready.
		let sent = 0;
		const publishErrors: unknown[] = [];
		await waitFor(() => {
			if (received.length === 0) {
				first
					.publish('board-a', message(`after ${sent++}`))
					.catch((error: unknown) => publishErrors.push(error));
			}
			return received.length > 0;
		}, 'a message after the reconnect');
		expect(received[0]).toMatch(/^after \d+$/);
		expect(publishErrors).toEqual([]);
	});

	it('two documents converge through Redis', async () => {
		const remote = Symbol('remote');
		const publishErrors: unknown[] = [];
		const replicas = await Promise.all(
			[1, 2].map(async (clientID) => {
				const pubsub = await connect();
				const doc = new Y.Doc();
				doc.clientID = clientID;
				doc.on('update', (update: Uint8Array, origin: unknown) => {
					if (origin === remote) return;
					pubsub
						.publish('board-a', { type: 'update', payload: update })
						.catch((error: unknown) => publishErrors.push(error));
				});
				await pubsub.subscribe('board-a', (received) => {
					Y.applyUpdate(doc, received.payload, remote);
				});
				return { doc, pubsub };
			})
		);
		// A fixed-seed generator, so a failure repeats with the same edits.
		let seed = 7;
		const random = () => {
			seed = (seed * 48_271) % 2_147_483_647;
			return seed / 2_147_483_647;
		};

		for (let step = 0; step < 300; step++) {
			const { doc } = replicas[Math.floor(random() * replicas.length)];
			const notes = doc.getText('notes');
			const cards = doc.getMap<number>('cards');
			const choice = random();
			if (choice < 0.4) {
				notes.insert(Math.floor(random() * (notes.length + 1)), `s${step} `);
			} else if (choice < 0.6 && notes.length > 0) {
				const index = Math.floor(random() * notes.length);
				notes.delete(index, Math.min(3, notes.length - index));
			} else if (choice < 0.9) {
				cards.set(`card-${Math.floor(random() * 10)}`, step);
			} else {
				cards.delete(`card-${Math.floor(random() * 10)}`);
			}
		}

		const [first, second] = replicas.map((replica) => replica.doc);
		await waitFor(
			() =>
				Buffer.from(Y.encodeStateVector(first)).equals(Y.encodeStateVector(second)) &&
				first.getText('notes').toString() === second.getText('notes').toString(),
			'both documents to converge'
		);
		expect(first.getText('notes').toString()).toBe(second.getText('notes').toString());
		expect(first.getMap('cards').toJSON()).toEqual(second.getMap('cards').toJSON());
		expect(first.getText('notes').length).toBeGreaterThan(0);
		expect(publishErrors).toEqual([]);
	});
});
