/**
 * Fan-out between server processes through Redis pub/sub (ioredis).
 *
 * One connection publishes and one subscribes, because a Redis connection in subscribe mode
 * accepts no other commands. Messages are read as buffers (`messageBuffer`), so payloads arrive
 * byte for byte. Each message carries the publishing process's id, and a process drops the echo
 * of its own messages that Redis sends back to its subscriber connection.
 */
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { decodeEnvelope, encodeEnvelope, newProcessId } from './envelope';
import type { BoardMessage, BoardMessageListener, PubSub } from './pubsub';

export interface RedisPubSubOptions {
	/** Connection string, such as `redis://127.0.0.1:6379`. */
	url: string;
	logger: Logger;
	/** Start of every channel name, so deployments that share a Redis server stay apart. */
	channelPrefix?: string;
}

export const DEFAULT_CHANNEL_PREFIX = 'tandem:';

type Role = 'publisher' | 'subscriber';

function redactCredentials(url: string): string {
	return url.replace(/\/\/[^@/]*@/, '//***@');
}

function describeError(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

export class RedisPubSub implements PubSub {
	readonly kind = 'redis';
	readonly processId = newProcessId();
	readonly channelPrefix: string;
	private readonly publisher: Redis;
	private readonly subscriber: Redis;
	private readonly logger: Logger;
	/** Listener of each subscribed board, by channel name. */
	private readonly listeners = new Map<
		string,
		{ boardId: string; listener: BoardMessageListener }
	>();
	private readonly resubscribedCallbacks = new Set<() => void>();
	/** Latest connection error; ioredis rejects `connect()` with only "Connection is closed." */
	private lastError: Error | undefined;
	private closed = false;

	private constructor(options: RedisPubSubOptions) {
		this.channelPrefix = options.channelPrefix ?? DEFAULT_CHANNEL_PREFIX;
		this.logger = options.logger.child({ pubsub: 'redis', processId: this.processId });
		this.publisher = this.createConnection(options.url, 'publisher');
		this.subscriber = this.createConnection(options.url, 'subscriber');
		this.subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) =>
			this.receive(channel.toString('utf8'), message)
		);
	}

	/**
	 * Opens both connections; rejects when Redis cannot be reached. After that, a lost connection
	 * is retried with ioredis's backoff and each retry is logged.
	 */
	static async connect(options: RedisPubSubOptions): Promise<RedisPubSub> {
		const pubsub = new RedisPubSub(options);
		try {
			await Promise.all([pubsub.publisher.connect(), pubsub.subscriber.connect()]);
		} catch (error) {
			pubsub.publisher.disconnect();
			pubsub.subscriber.disconnect();
			const reason = describeError(pubsub.lastError ?? error);
			throw new Error(
				`Redis pub/sub could not connect to ${redactCredentials(options.url)}: ${reason}`,
				{ cause: error }
			);
		}
		pubsub.logger.info(
			{ url: redactCredentials(options.url), channelPrefix: pubsub.channelPrefix },
			'Redis pub/sub connected'
		);
		return pubsub;
	}

	private createConnection(url: string, role: Role): Redis {
		const connection = new Redis(url, {
			lazyConnect: true,
			connectionName: `tandem:${this.processId}:${role}`
		});
		let connectedBefore = false;
		// Errors repeat on every failed retry; the first of each outage is logged, the rest counted.
		let failedAttempts = 0;
		connection.on('error', (error: Error) => {
			failedAttempts++;
			this.lastError = error;
			if (failedAttempts === 1) this.logger.error({ err: error, role }, 'Redis connection error');
		});
		connection.on('reconnecting', (delayMs: number) => {
			if (!this.closed) this.logger.warn({ role, delayMs }, 'Redis connection lost, reconnecting');
		});
		connection.on('ready', () => {
			if (connectedBefore) {
				this.logger.info({ role, failedAttempts }, 'Redis connection restored');
				if (role === 'subscriber') this.notifyResubscribed();
			}
			connectedBefore = true;
			failedAttempts = 0;
		});
		return connection;
	}

	private notifyResubscribed(): void {
		for (const callback of this.resubscribedCallbacks) {
			try {
				callback();
			} catch (error) {
				this.logger.error({ err: error }, 'Redis resubscription callback failed');
			}
		}
	}

	private channel(boardId: string): string {
		return `${this.channelPrefix}board:${boardId}`;
	}

	private receive(channel: string, bytes: Buffer): void {
		const subscription = this.listeners.get(channel);
		if (!subscription) return;
		let envelope;
		try {
			envelope = decodeEnvelope(bytes);
		} catch (error) {
			this.logger.warn(
				{ err: error, boardId: subscription.boardId, bytes: bytes.byteLength },
				'Redis board message dropped'
			);
			return;
		}
		if (envelope.processId === this.processId) return;
		try {
			subscription.listener(envelope.message);
		} catch (error) {
			this.logger.error(
				{ err: error, boardId: subscription.boardId, type: envelope.message.type },
				'Redis board message listener failed'
			);
		}
	}

	async publish(boardId: string, message: BoardMessage): Promise<void> {
		if (this.closed) {
			throw new Error(`Cannot publish to board ${JSON.stringify(boardId)}: the pub/sub is closed.`);
		}
		const bytes = encodeEnvelope(this.processId, message);
		try {
			await this.publisher.publish(this.channel(boardId), bytes);
		} catch (error) {
			throw new Error(
				`Redis publish to board ${JSON.stringify(boardId)} failed: ${describeError(error)}`,
				{ cause: error }
			);
		}
	}

	async subscribe(boardId: string, listener: BoardMessageListener): Promise<void> {
		if (this.closed) {
			throw new Error(
				`Cannot subscribe to board ${JSON.stringify(boardId)}: the pub/sub is closed.`
			);
		}
		const channel = this.channel(boardId);
		if (this.listeners.has(channel)) {
			throw new Error(
				`Board ${JSON.stringify(boardId)} is already subscribed; unsubscribe it first.`
			);
		}
		this.listeners.set(channel, { boardId, listener });
		try {
			await this.subscriber.subscribe(channel);
		} catch (error) {
			this.listeners.delete(channel);
			throw new Error(
				`Redis subscribe to board ${JSON.stringify(boardId)} failed: ${describeError(error)}`,
				{ cause: error }
			);
		}
	}

	async unsubscribe(boardId: string): Promise<void> {
		const channel = this.channel(boardId);
		if (!this.listeners.delete(channel) || this.closed) return;
		try {
			await this.subscriber.unsubscribe(channel);
		} catch (error) {
			throw new Error(
				`Redis unsubscribe from board ${JSON.stringify(boardId)} failed: ${describeError(error)}`,
				{ cause: error }
			);
		}
	}

	onResubscribed(callback: () => void): void {
		this.resubscribedCallbacks.add(callback);
	}

	/** Sends pending commands, then closes both connections. */
	async close(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		this.listeners.clear();
		await Promise.all([quit(this.publisher), quit(this.subscriber)]);
		this.logger.info('Redis pub/sub closed');
	}
}

/** Closes a connection politely when it is up, and at once when it is not. */
async function quit(connection: Redis): Promise<void> {
	if (connection.status === 'ready') {
		await connection.quit();
	} else {
		connection.disconnect();
	}
}
