/**
 * Websocket close codes the board server sends, shared by the server and its clients.
 *
 * Codes 1000-1015 are defined by RFC 6455. Codes 4000-4999 are for private use; the stock
 * y-websocket provider (3.x) does not reconnect after a code in 4400-4499, so those mark a
 * connection that reconnecting cannot fix, and every other code is retried.
 */
export const CloseCode = {
	/** The server is stopping; clients reconnect once it is back. */
	GOING_AWAY: 1001,
	/** A text frame arrived; the y-websocket protocol uses binary frames only. */
	UNSUPPORTED_DATA: 1003,
	/** A frame was larger than the server's `MAX_MESSAGE_BYTES`. */
	MESSAGE_TOO_BIG: 1009,
	/** The server failed while handling a valid message; reconnecting may work. */
	INTERNAL_ERROR: 1011,
	/** A binary frame that is not a y-websocket message: truncated, garbage or of unknown type. */
	MALFORMED_MESSAGE: 4400,
	/** The connection carried no access token, or one that is malformed, forged or expired. */
	UNAUTHORIZED: 4401,
	/** The access token is valid but not for this board, or its link was revoked by a rotation. */
	FORBIDDEN: 4403,
	/** A well-formed sync message whose Yjs update cannot be applied to the board. */
	INVALID_UPDATE: 4422,
	/** The client sent more messages or bytes per second than the server's rate limit. */
	RATE_LIMITED: 4429,
	/** The client did not read what the server sent, so its queue passed `MAX_BUFFERED_BYTES`. */
	SLOW_CONSUMER: 4508,
	/** The board could not be loaded from storage; reconnecting may work. */
	BOARD_UNAVAILABLE: 4503
} as const;

export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode];

/** Returns the name of a close code sent by the server, or `unknown` for any other code. */
export function closeCodeName(code: number): string {
	for (const [name, value] of Object.entries(CloseCode)) {
		if (value === code) return name;
	}
	return 'unknown';
}
