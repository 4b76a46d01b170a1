/** The in-process fan-out and the channel message format it shares with Redis. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	decodeEnvelope,
	encodeEnvelope,
	EnvelopeError,
	newProcessId,
	PROCESS_ID_BYTES
} from '../../server/pubsub/envelope';
import { LocalHub, LocalPubSub } from '../../server/pubsub/local';
import type { BoardMessage } from '../../server/pubsub/pubsub';

/** Resolves once `condition` holds; rejects with `description` after `timeoutMs`. */
async function waitFor(
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

function message(text: string, type: BoardMessage['type'] = 'update'): BoardMessage {
	return { type, payload: new TextEncoder().encode(text) };
}

function text(received: BoardMessage): string {
	return new TextDecoder().decode(received.payload);
}

describe('envelope', () => {
	it('round-trips type, process and payload', () => {
		const processId = newProcessId();
		const payload = Uint8Array.from({ length: 300 }, (_, index) => index % 256);

		for (const type of ['update', 'awareness'] as const) {
			const decoded = decodeEnvelope(encodeEnvelope(processId, { type, payload }));
			expect(decoded.processId).toBe(processId);
			expect(decoded.message.type).toBe(type);
			expect(decoded.message.payload).toEqual(payload);
		}
	});

	it('process ids are random hex', () => {
		const first = newProcessId();

		expect(first).toMatch(new RegExp(`^[0-9a-f]{${PROCESS_ID_BYTES * 2}}$`));
		expect(newProcessId()).not.toBe(first);
	});

	it('decode rejects short message', () => {
		expect(() => decodeEnvelope(Uint8Array.from([1, 2, 3]))).toThrow(
			'Board message has 3 bytes, fewer than its 18-byte header.'
		);
	});

	it('decode rejects unknown format', () => {
		const bytes = encodeEnvelope(newProcessId(), message('x'));
		bytes[0] = 9;

		expect(() => decodeEnvelope(bytes)).toThrow(EnvelopeError);
		expect(() => decodeEnvelope(bytes)).toThrow(
			'Board message format 9 is not supported; this server reads format 1.'
		);
	});

	it('decode rejects unknown type', () => {
		const bytes = encodeEnvelope(newProcessId(), message('x'));
		bytes[1 + PROCESS_ID_BYTES] = 7;

		expect(() => decodeEnvelope(bytes)).toThrow('Board message type code 7 is not valid.');
	});

	it('encode rejects invalid process id', () => {
		expect(() => encodeEnvelope('not hex', message('x'))).toThrow(
			'Process id must be 16 bytes of hex, not "not hex".'
		);
	});

	it('encode rejects invalid type', () => {
		const invalid = { type: 'cursor', payload: new Uint8Array(1) } as unknown as BoardMessage;

		expect(() => encodeEnvelope(newProcessId(), invalid)).toThrow(
			'Board message type "cursor" is not valid.'
		);
	});
});

describe('LocalPubSub', () => {
	it('delivers to other members in order', async () => {
		const hub = new LocalHub();
		const first = new LocalPubSub(hub);
		const second = new LocalPubSub(hub);
		const received: BoardMessage[] = [];
		await second.subscribe('board-a', (each) => received.push(each));

		await first.publish('board-a', message('one'));
		await first.publish('board-a', message('two', 'awareness'));

		await waitFor(() => received.length === 2, 'two messages');
		expect(received.map(text)).toEqual(['one', 'two']);
		expect(received.map((each) => each.type)).toEqual(['update', 'awareness']);
	});

	it('skips its own messages', async () => {
		const hub = new LocalHub();
		const first = new LocalPubSub(hub);
		const second = new LocalPubSub(hub);
		const atFirst: string[] = [];
		const atSecond: string[] = [];
		await first.subscribe('board-a', (each) => atFirst.push(text(each)));
		await second.subscribe('board-a', (each) => atSecond.push(text(each)));

		await first.publish('board-a', message('own'));
		await second.publish('board-a', message('marker'));

		await waitFor(() => atFirst.length > 0 && atSecond.length > 0, 'one message each');
		expect(atFirst).toEqual(['marker']);
		expect(atSecond).toEqual(['own']);
	});

	it('hubs stay apart', async () => {
		const hub = new LocalHub();
		const first = new LocalPubSub(hub);
		const sameHub = new LocalPubSub(hub);
		// Without a hub argument an instance gets a hub of its own, as a single process does.
		const other = new LocalPubSub();
		const atOther: string[] = [];
		const atSameHub: string[] = [];
		await other.subscribe('board-a', (each) => atOther.push(text(each)));
		await sameHub.subscribe('board-a', (each) => atSameHub.push(text(each)));

		await first.publish('board-a', message('hello'));

		await waitFor(() => atSameHub.length === 1, 'the message in the same hub');
		expect(atOther).toEqual([]);
	});

	it('unsubscribe stops delivery', async () => {
		const hub = new LocalHub();
		const first = new LocalPubSub(hub);
		const second = new LocalPubSub(hub);
		const atA: string[] = [];
		const atB: string[] = [];
		await second.subscribe('board-a', (each) => atA.push(text(each)));
		await second.subscribe('board-b', (each) => atB.push(text(each)));

		await second.unsubscribe('board-a');
		await first.publish('board-a', message('after unsubscribe'));
		await first.publish('board-b', message('marker'));

		await waitFor(() => atB.length === 1, 'the marker');
		expect(atA).toEqual([]);
	});

	it('receiver gets a copy', async () => {
		const hub = new LocalHub();
		const first = new LocalPubSub(hub);
		const second = new LocalPubSub(hub);
		const received: BoardMessage[] = [];
		await second.subscribe('board-a', (each) => received.push(each));
		const payload = Uint8Array.from([1, 2, 3]);

		await first.publish('board-a', { type: 'update', payload });
		payload.fill(0);

		await waitFor(() => received.length === 1, 'one message');
		expect(received[0].payload).toEqual(Uint8Array.from([1, 2, 3]));
	});

	it('subscribe twice rejects', async () => {
		const pubsub = new LocalPubSub();
		await pubsub.subscribe('board-a', () => {});

		await expect(pubsub.subscribe('board-a', () => {})).rejects.toThrow(
			'Board "board-a" is already subscribed; unsubscribe it first.'
		);
	});

	it('closed member leaves the hub', async () => {
		const hub = new LocalHub();
		const first = new LocalPubSub(hub);
		const second = new LocalPubSub(hub);
		await second.close();

		expect(hub.members.has(second)).toBe(false);
		await expect(second.publish('board-a', message('late'))).rejects.toThrow(
			'Cannot publish to board "board-a": the pub/sub is closed.'
		);
		await expect(first.publish('board-a', message('to nobody'))).resolves.toBeUndefined();
	});

	it('two documents converge', async () => {
		const hub = new LocalHub();
		const remote = Symbol('remote');
		const publishErrors: unknown[] = [];
		const replicas = await Promise.all(
			[1, 2, 3].map(async (clientID) => {
				const pubsub = new LocalPubSub(hub);
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
				return doc;
			})
		);

		for (let step = 0; step < 200; step++) {
			const doc = replicas[step % replicas.length];
			const notes = doc.getText('notes');
			notes.insert((step * 7) % (notes.length + 1), `s${step} `);
			if (step % 5 === 4) notes.delete(0, 2);
			doc.getMap('cards').set(`card-${step % 9}`, step);
		}

		const expected = () => replicas[0].getText('notes').toString();
		await waitFor(
			() => replicas.every((doc) => doc.getText('notes').toString() === expected()),
			'every document to converge'
		);
		for (const doc of replicas) {
			expect(doc.getMap('cards').toJSON()).toEqual(replicas[0].getMap('cards').toJSON());
		}
		expect(publishErrors).toEqual([]);
	});
});
