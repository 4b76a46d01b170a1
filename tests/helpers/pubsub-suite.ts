/**
 * The contract every `PubSub` passes. `describePubSubContract` registers one vitest suite. Each
 * test connects its members through a fresh `open()` result and closes them afterwards.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { BoardMessage, PubSub } from '../../server/pubsub/pubsub';

/** Resolves once `condition` is true, and rejects naming `description` after `timeoutMs`. */
export async function waitFor(
	condition: () => boolean,
	description: string,
	timeoutMs = 5_000
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) {
			throw new Error(`Timed out after ${timeoutMs} ms waiting for ${description}.`);
		}
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}

export function message(text: string, type: BoardMessage['type'] = 'update'): BoardMessage {
	return { type, payload: new TextEncoder().encode(text) };
}

export function text(received: BoardMessage): string {
	return new TextDecoder().decode(received.payload);
}

/**
 * Factory run once a test. The function it returns connects members that all reach each other,
 * as processes sharing one fan-out do.
 */
export type OpenPubSub = () => Promise<() => Promise<PubSub>>;

export function describePubSubContract(name: string, open: OpenPubSub): void {
	describe(name, () => {
		const opened: PubSub[] = [];
		let connectMember: () => Promise<PubSub>;

		async function connect(): Promise<PubSub> {
			const pubsub = await connectMember();
			opened.push(pubsub);
			return pubsub;
		}

		beforeEach(async () => {
			connectMember = await open();
		});

		afterEach(async () => {
			for (const each of opened.splice(0)) await each.close();
		});

		it('delivers to other members in order', async () => {
			const first = await connect();
			const second = await connect();
			const received: BoardMessage[] = [];
			await second.subscribe('board-a', (each) => received.push(each));

			await first.publish('board-a', message('one'));
			await first.publish('board-a', message('two', 'awareness'));

			await waitFor(() => received.length === 2, 'two messages');
			expect(received.map(text)).toEqual(['one', 'two']);
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
			await waitFor(() => atSecond.length === 1, 'the message at the other member');
			// The echo of `own` reaches the first member before this later publish does, so once
			// `marker` arrives an echo would have arrived too.
			await second.publish('board-a', message('marker'));
			await waitFor(() => atFirst.length > 0, 'the marker');

			expect(atFirst).toEqual(['marker']);
			expect(atSecond).toEqual(['own']);
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
			// One publisher keeps order, so `board-b` arriving means `board-a` would have.
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

		it('receiver gets a copy', async () => {
			const first = await connect();
			const second = await connect();
			const received: BoardMessage[] = [];
			await second.subscribe('board-a', (each) => received.push(each));
			const payload = Uint8Array.from([1, 2, 3]);

			await first.publish('board-a', { type: 'update', payload });
			payload.fill(0);

			await waitFor(() => received.length === 1, 'one message');
			expect(received[0].payload).toEqual(Uint8Array.from([1, 2, 3]));
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

		it('three documents converge', async () => {
			const replicas = await linkedDocs(connect, 3);

			for (let step = 0; step < 200; step++) {
				const doc = replicas.docs[step % replicas.docs.length];
				const notes = doc.getText('notes');
				notes.insert((step * 7) % (notes.length + 1), `s${step} `);
				if (step % 5 === 4) notes.delete(0, 2);
				doc.getMap('cards').set(`card-${step % 9}`, step);
			}

			const expected = () => replicas.docs[0].getText('notes').toString();
			await waitFor(
				() => replicas.docs.every((doc) => doc.getText('notes').toString() === expected()),
				'every document to converge'
			);
			for (const doc of replicas.docs) {
				expect(doc.getMap('cards').toJSON()).toEqual(replicas.docs[0].getMap('cards').toJSON());
			}
			expect(replicas.publishErrors).toEqual([]);
		});

		it('two documents converge on random edits', async () => {
			const replicas = await linkedDocs(connect, 2);
			// A fixed-seed generator, so a failure repeats with the same edits.
			let seed = 7;
			const random = () => {
				seed = (seed * 48_271) % 2_147_483_647;
				return seed / 2_147_483_647;
			};

			for (let step = 0; step < 300; step++) {
				const doc = replicas.docs[Math.floor(random() * replicas.docs.length)];
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

			const [first, second] = replicas.docs;
			await waitFor(
				() =>
					Buffer.from(Y.encodeStateVector(first)).equals(Y.encodeStateVector(second)) &&
					first.getText('notes').toString() === second.getText('notes').toString(),
				'both documents to converge'
			);
			expect(first.getText('notes').toString()).toBe(second.getText('notes').toString());
			expect(first.getMap('cards').toJSON()).toEqual(second.getMap('cards').toJSON());
			expect(first.getText('notes').length).toBeGreaterThan(0);
			expect(replicas.publishErrors).toEqual([]);
		});
	});
}

/**
 * Connects `count` documents through members of one fan-out: each publishes its local updates
 * and applies the ones it receives. Failed publishes collect in `publishErrors`.
 */
async function linkedDocs(
	connect: () => Promise<PubSub>,
	count: number
): Promise<{ docs: Y.Doc[]; publishErrors: unknown[] }> {
	const remote = Symbol('remote');
	const publishErrors: unknown[] = [];
	const docs = await Promise.all(
		Array.from({ length: count }, async (_, index) => {
			const pubsub = await connect();
			const doc = new Y.Doc();
			doc.clientID = index + 1;
			doc.on('update', (update: Uint8Array, origin: unknown) => {
				if (origin === remote) return;
				pubsub
					.publish('board-a', { type: 'update', payload: update })
					.catch((error: unknown) => publishErrors.push(error));
			});
			await pubsub.subscribe('board-a', (received) => {
				Y.applyUpdate(doc, received.payload, remote);
			});
			return doc;
		})
	);
	return { docs, publishErrors };
}
