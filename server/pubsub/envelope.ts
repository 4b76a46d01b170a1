/**
 * The bytes of a board message on a pub/sub channel:
 *
 *   byte 0       format version, 1
 *   bytes 1-16   id of the publishing process
 *   byte 17      message type: 0 Yjs update, 1 awareness update
 *   bytes 18-    payload
 */
import { randomBytes } from 'node:crypto';
import type { BoardMessage, BoardMessageType } from './pubsub';

const FORMAT_VERSION = 1;
export const PROCESS_ID_BYTES = 16;
const HEADER_BYTES = 2 + PROCESS_ID_BYTES;

const TYPE_CODES: Record<BoardMessageType, number> = { update: 0, awareness: 1 };
const TYPES_BY_CODE: BoardMessageType[] = ['update', 'awareness'];

/** A channel message that is not a board message of this format. */
export class EnvelopeError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'EnvelopeError';
	}
}

export interface Envelope {
	/** Publishing process, as lower-case hex. */
	processId: string;
	message: BoardMessage;
}

export function newProcessId(): string {
	return randomBytes(PROCESS_ID_BYTES).toString('hex');
}

export function encodeEnvelope(processId: string, message: BoardMessage): Buffer {
	const id = Buffer.from(processId, 'hex');
	if (id.length !== PROCESS_ID_BYTES) {
		throw new EnvelopeError(
			`Process id must be ${PROCESS_ID_BYTES} bytes of hex, not ${JSON.stringify(processId)}.`
		);
	}
	const code = TYPE_CODES[message.type];
	if (code === undefined) {
		throw new EnvelopeError(`Board message type ${JSON.stringify(message.type)} is not valid.`);
	}
	const bytes = Buffer.allocUnsafe(HEADER_BYTES + message.payload.byteLength);
	bytes[0] = FORMAT_VERSION;
	id.copy(bytes, 1);
	bytes[1 + PROCESS_ID_BYTES] = code;
	bytes.set(message.payload, HEADER_BYTES);
	return bytes;
}

/** Decodes a channel message; the payload is a view into `bytes`. */
export function decodeEnvelope(bytes: Uint8Array): Envelope {
	if (bytes.byteLength < HEADER_BYTES) {
		throw new EnvelopeError(
			`Board message has ${bytes.byteLength} bytes, fewer than its ${HEADER_BYTES}-byte header.`
		);
	}
	if (bytes[0] !== FORMAT_VERSION) {
		throw new EnvelopeError(
			`Board message format ${bytes[0]} is not supported; this server reads format ${FORMAT_VERSION}.`
		);
	}
	const type = TYPES_BY_CODE[bytes[1 + PROCESS_ID_BYTES]];
	if (type === undefined) {
		throw new EnvelopeError(`Board message type code ${bytes[1 + PROCESS_ID_BYTES]} is not valid.`);
	}
	const processId = Buffer.from(bytes.buffer, bytes.byteOffset + 1, PROCESS_ID_BYTES).toString(
		'hex'
	);
	const payload = new Uint8Array(
		bytes.buffer,
		bytes.byteOffset + HEADER_BYTES,
		bytes.byteLength - HEADER_BYTES
	);
	return { processId, message: { type, payload } };
}
