/** The in-process fan-out and the channel message format it shares with Redis. */
import { describe, expect, it } from 'vitest';
import {
	decodeEnvelope,
	encodeEnvelope,
	EnvelopeError,
	newProcessId,
	PROCESS_ID_BYTES
} from '../../server/pubsub/envelope';
import { LocalHub, LocalPubSub } from '../../server/pubsub/local';
import type { BoardMessage } from '../../server/pubsub/pubsub';
import { describePubSubContract, message, text, waitFor } from '../helpers/pubsub-suite';

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
	describePubSubContract('contract', async () => {
		const hub = new LocalHub();
		return async () => new LocalPubSub(hub);
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
});
