/**
 * Per-connection limits: a token bucket on received messages and bytes, and a cap on the data
 * queued to a client that does not read it.
 */

export interface ConnectionLimits {
	/** Messages a connection may send per second, sustained. */
	messagesPerSecond: number;
	/** Bytes a connection may send per second, sustained. */
	bytesPerSecond: number;
	/**
	 * Largest frame accepted, in bytes. The byte bucket holds at least this much, so one frame of
	 * the maximum size is never rate-limited on its own.
	 */
	maxMessageBytes: number;
	/** Bytes queued to one client beyond which the server disconnects it instead of queuing more. */
	maxBufferedBytes: number;
}

/**
 * Tokens refill continuously at `ratePerSecond` up to `capacity`; a request takes tokens when
 * enough are left and is rejected, taking none, when not.
 */
export class TokenBucket {
	private tokens: number;
	private refilledAt: number;

	constructor(
		readonly capacity: number,
		readonly ratePerSecond: number,
		now: number = performance.now()
	) {
		this.tokens = capacity;
		this.refilledAt = now;
	}

	/** Takes `amount` tokens; returns false, taking none, when fewer are left. */
	take(amount: number, now: number = performance.now()): boolean {
		const elapsedSeconds = Math.max(0, now - this.refilledAt) / 1_000;
		this.tokens = Math.min(this.capacity, this.tokens + elapsedSeconds * this.ratePerSecond);
		this.refilledAt = now;
		if (amount > this.tokens) return false;
		this.tokens -= amount;
		return true;
	}
}

/** Which limit a received frame exceeded. */
export type RateLimitKind = 'messages' | 'bytes';

/** Rate limit of the frames one connection sends: one message bucket and one byte bucket. */
export class ConnectionRateLimit {
	private readonly messages: TokenBucket;
	private readonly bytes: TokenBucket;

	/** Both buckets hold one second of their rate, so a client may burst for one second. */
	constructor(limits: ConnectionLimits, now: number = performance.now()) {
		this.messages = new TokenBucket(limits.messagesPerSecond, limits.messagesPerSecond, now);
		const byteCapacity = Math.max(limits.bytesPerSecond, limits.maxMessageBytes);
		this.bytes = new TokenBucket(byteCapacity, limits.bytesPerSecond, now);
	}

	/** Counts one received frame of `byteLength` bytes; returns the exceeded limit, or null. */
	admit(byteLength: number, now: number = performance.now()): RateLimitKind | null {
		if (!this.messages.take(1, now)) return 'messages';
		if (!this.bytes.take(byteLength, now)) return 'bytes';
		return null;
	}
}

/** Returns the bytes a websocket from the `ws` package has queued but not yet written, or 0. */
export function bufferedBytes(raw: unknown): number {
	const amount = (raw as { bufferedAmount?: unknown } | null | undefined)?.bufferedAmount;
	return typeof amount === 'number' ? amount : 0;
}
