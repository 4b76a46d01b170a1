/**
 * The y-websocket protocol, server side, on top of y-protocols.
 *
 * Every binary frame is one message: a varuint message type, then its body. The types are
 * `MessageType` below; sync messages carry a second varuint, the sync step, then one
 * varuint-length byte array.
 *
 * Handshake, for each connection:
 *
 *   1. Once the board is loaded, the server sends sync step 1 (its state vector) and the
 *      awareness states of the other clients.
 *   2. The client sends sync step 1 (its state vector). The server replies with sync step 2:
 *      the updates the client lacks, encoded as one update. The server replies only after the
 *      updates in that reply are stored, so no client sees a change that could be lost.
 *   3. The client answers the server's step 1 with sync step 2: the updates the server lacks.
 *   4. From then on both sides send `update` messages as the document changes, and awareness
 *      messages as presence changes. Each update is stored before it is relayed.
 *
 * `auth` messages travel from server to client only (permission denied); one received from a
 * client is checked for shape and ignored. `query-awareness` asks for all awareness states.
 *
 * Any frame that does not decode as exactly one message of this form is malformed: the server
 * closes that connection with a code from `CloseCode`.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { CloseCode, type CloseCodeValue } from '../src/lib/sync/close-codes';

/** The first varuint of every y-websocket message. */
export const MessageType = {
	SYNC: 0,
	AWARENESS: 1,
	AUTH: 2,
	QUERY_AWARENESS: 3
} as const;

/** The second varuint of a sync message, as y-protocols numbers them. */
export const SyncStep = {
	STEP_1: syncProtocol.messageYjsSyncStep1,
	STEP_2: syncProtocol.messageYjsSyncStep2,
	UPDATE: syncProtocol.messageYjsUpdate
} as const;

/** A message received from a client, decoded but not yet applied. */
export type ClientMessage =
	| { type: 'sync-step-1'; stateVector: Uint8Array }
	| { type: 'sync-step-2'; update: Uint8Array }
	| { type: 'update'; update: Uint8Array }
	| { type: 'awareness'; update: Uint8Array }
	| { type: 'auth'; reason: string }
	| { type: 'query-awareness' };

/** A frame the server cannot accept; `closeCode` is sent when closing the connection. */
export class ProtocolError extends Error {
	constructor(
		message: string,
		readonly closeCode: CloseCodeValue
	) {
		super(message);
		this.name = 'ProtocolError';
	}
}

function malformed(message: string): ProtocolError {
	return new ProtocolError(message, CloseCode.MALFORMED_MESSAGE);
}

function readType(decoder: decoding.Decoder, what: string): number {
	if (!decoding.hasContent(decoder)) throw malformed(`Message ends before its ${what}.`);
	try {
		return decoding.readVarUint(decoder);
	} catch (error) {
		throw malformed(`Message has an unreadable ${what}: ${(error as Error).message}.`);
	}
}

/** Reads a varuint-length byte array, checking the length against the bytes left. */
function readBytes(decoder: decoding.Decoder, what: string): Uint8Array {
	const length = readType(decoder, `${what} length`);
	const left = decoder.arr.length - decoder.pos;
	if (length > left) {
		throw malformed(`Message is truncated: its ${what} has ${length} bytes but ${left} remain.`);
	}
	return decoding.readUint8Array(decoder, length);
}

/**
 * Decodes one client frame. Throws a `ProtocolError` for a text frame, an unknown type, a
 * truncated body or bytes after the end of the message. The update inside a sync message is
 * checked later, when it is applied.
 */
export function decodeMessage(data: ArrayBuffer | Uint8Array | string): ClientMessage {
	if (typeof data === 'string') {
		throw new ProtocolError(
			'Text frames are not part of the y-websocket protocol: send binary frames.',
			CloseCode.UNSUPPORTED_DATA
		);
	}
	const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
	const decoder = decoding.createDecoder(bytes);
	const message = decodeBody(decoder, readType(decoder, 'message type'));
	if (decoding.hasContent(decoder)) {
		const extra = bytes.length - decoder.pos;
		throw malformed(`Message has ${extra} bytes after its end; send one message per frame.`);
	}
	return message;
}

function decodeBody(decoder: decoding.Decoder, messageType: number): ClientMessage {
	switch (messageType) {
		case MessageType.SYNC:
			return decodeSync(decoder);
		case MessageType.AWARENESS:
			return { type: 'awareness', update: readBytes(decoder, 'awareness update') };
		case MessageType.AUTH: {
			readType(decoder, 'auth message type');
			const reasonBytes = readBytes(decoder, 'auth reason');
			return { type: 'auth', reason: new TextDecoder().decode(reasonBytes) };
		}
		case MessageType.QUERY_AWARENESS:
			return { type: 'query-awareness' };
		default:
			throw malformed(
				`Unknown message type ${messageType}; the types are ${Object.values(MessageType).join(', ')}.`
			);
	}
}

function decodeSync(decoder: decoding.Decoder): ClientMessage {
	const step = readType(decoder, 'sync step');
	switch (step) {
		case SyncStep.STEP_1:
			return { type: 'sync-step-1', stateVector: readBytes(decoder, 'state vector') };
		case SyncStep.STEP_2:
			return { type: 'sync-step-2', update: readBytes(decoder, 'update') };
		case SyncStep.UPDATE:
			return { type: 'update', update: readBytes(decoder, 'update') };
		default:
			throw malformed(`Unknown sync step ${step}; the steps are 0, 1 and 2.`);
	}
}

/**
 * Applies a client's update to the board. Decoding it first rejects most garbage before any of
 * it reaches the document; an update that still fails to integrate is rejected the same way.
 */
export function applyClientUpdate(doc: Y.Doc, update: Uint8Array, origin: unknown): void {
	try {
		Y.decodeUpdate(update);
		Y.applyUpdate(doc, update, origin);
	} catch (error) {
		throw new ProtocolError(
			`Update cannot be applied: ${(error as Error).message}.`,
			CloseCode.INVALID_UPDATE
		);
	}
}

/** Decodes a state vector, so a garbage one is a protocol error and not a server failure. */
export function checkStateVector(stateVector: Uint8Array): void {
	try {
		Y.decodeStateVector(stateVector);
	} catch (error) {
		throw malformed(`State vector cannot be read: ${(error as Error).message}.`);
	}
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MessageType.SYNC);
	syncProtocol.writeSyncStep1(encoder, doc);
	return encoding.toUint8Array(encoder);
}

export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MessageType.SYNC);
	syncProtocol.writeSyncStep2(encoder, doc, stateVector);
	return encoding.toUint8Array(encoder);
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MessageType.SYNC);
	syncProtocol.writeUpdate(encoder, update);
	return encoding.toUint8Array(encoder);
}

/** Encodes the awareness states of `clients`; a removed client is encoded as a null state. */
export function encodeAwareness(
	awareness: awarenessProtocol.Awareness,
	clients: number[]
): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MessageType.AWARENESS);
	encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
	return encoding.toUint8Array(encoder);
}
