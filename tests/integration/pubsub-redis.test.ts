/**
 * Redis fan-out between two `RedisPubSub` instances, each standing for a server process. Needs
 * a Redis server: `REDIS_TEST_URL=redis://127.0.0.1:6379`. Channels carry a prefix unique to
 * this run, so concurrent runs on one server do not see each other's messages.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { pino, type Logger } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { RedisPubSub } from '../../server/pubsub/redis';
import { describePubSubContract, message, text, waitFor } from '../helpers/pubsub-suite';

const redisUrl = process.env.REDIS_TEST_URL ?? '';
if (redisUrl === '') {
	console.warn(
		'Redis pub/sub tests skipped: REDIS_TEST_URL is not set (for example redis://127.0.0.1:6379).'
	);
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

	describePubSubContract(
		'contract',
		async () => () =>
			RedisPubSub.connect({ url: redisUrl, logger: pino({ level: 'silent' }), channelPrefix })
	);

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
});
