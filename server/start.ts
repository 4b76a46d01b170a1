/** Starting and stopping the server in this process, from a config. */
import { serve } from '@hono/node-server';
import { createNodeWebSocket } from '@hono/node-ws';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { CloseCode } from '../src/lib/sync/close-codes';
import { closeRevokedConnections, createApp } from './app';
import {
	Access,
	adminToken,
	FileLinkGenerations,
	resolveSecret,
	type LinkGenerations
} from './auth';
import { ensureClientBuild } from './client-build';
import { ConfigError, describeConfig, type ServerConfig } from './config';
import type { BoardConnection } from './connection';
import { createLogger } from './logger';
import { PostgresLinkGenerations } from './persistence/link-generations-postgres';
import { MemoryStore } from './persistence/memory';
import { PostgresStore } from './persistence/postgres';
import { LocalPubSub } from './pubsub/local';
import type { PubSub } from './pubsub/pubsub';
import { RedisPubSub } from './pubsub/redis';
import { SqliteStore } from './persistence/sqlite';
import type { BoardStore } from './persistence/store';
import { Rooms } from './rooms';

export interface RunningServer {
	/** Base URL, such as `http://127.0.0.1:3000`. */
	url: string;
	port: number;
	/** The admin link, only when the secret was generated at this start; show it once. */
	adminUrl: string | null;
	/** Stops accepting, closes websockets, stores pending writes and closes the store. */
	close(): Promise<void>;
}

/**
 * Parts a caller may pass in place of those the config names, as a test running two servers
 * in one process does. The caller then closes them; `close()` closes only what it opened.
 */
export interface ServerParts {
	store?: BoardStore;
	pubsub?: PubSub;
}

/**
 * Returns the schema named by `-c search_path=<schema>` in the `options` parameter of a Postgres
 * URL, such as `?options=-csearch_path%3Dtandem`, or undefined for the default, `public`.
 */
export function schemaOfDatabaseUrl(url: string): string | undefined {
	let options: string | null;
	try {
		options = new URL(url).searchParams.get('options');
	} catch (error) {
		throw new ConfigError(`DATABASE_URL is not a URL: ${(error as Error).message}`);
	}
	const match = options?.match(/(?:^|\s)-c\s*search_path=([^\s,]+)/);
	return match?.[1];
}

async function openStore(config: ServerConfig, logger: Logger): Promise<BoardStore> {
	if (config.databaseUrl !== '') {
		const schema = schemaOfDatabaseUrl(config.databaseUrl);
		return PostgresStore.open({ url: config.databaseUrl, schema, logger });
	}
	return config.storage === 'memory' ? new MemoryStore() : new SqliteStore(config.dataDir);
}

async function openPubSub(config: ServerConfig, logger: Logger): Promise<PubSub> {
	if (config.redisUrl === '') return new LocalPubSub();
	if (config.databaseUrl === '') {
		throw new ConfigError(
			'REDIS_URL is set but DATABASE_URL is not: processes that share boards through Redis must also share a Postgres store.'
		);
	}
	return RedisPubSub.connect({ url: config.redisUrl, logger });
}

function listen(app: Hono, config: ServerConfig): Promise<Server> {
	return new Promise((resolve, reject) => {
		const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }) as Server;
		server.once('error', reject);
		server.once('listening', () => {
			server.off('error', reject);
			resolve(server);
		});
	});
}

/** Returns where boards are stored, as printed at start: a file, a redacted URL or memory. */
function storeLocation(store: BoardStore, config: ServerConfig): string {
	if (store instanceof SqliteStore) return store.file;
	if (store instanceof PostgresStore) return describeConfig(config).databaseUrl as string;
	return 'memory (lost when the server stops)';
}

function urlOf(host: string, port: number): string {
	return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

export async function startServer(
	config: ServerConfig,
	logger: Logger = createLogger(config.logLevel),
	parts: ServerParts = {}
): Promise<RunningServer> {
	// Checked first, so a server that must not run without a secret never listens.
	const secret = resolveSecret(config);
	// Processes that share a Postgres store share link generations through it too.
	const sharedGenerations = secret !== null && config.databaseUrl !== '';
	let generations: LinkGenerations | null =
		secret && !sharedGenerations ? new FileLinkGenerations(config.dataDir) : null;
	await ensureClientBuild(config.buildDir, logger);
	const store = parts.store ?? (await openStore(config, logger));
	let pubsub: PubSub | null = null;
	try {
		pubsub = parts.pubsub ?? (await openPubSub(config, logger));
		if (sharedGenerations) {
			generations = await PostgresLinkGenerations.open({
				url: config.databaseUrl,
				schema: schemaOfDatabaseUrl(config.databaseUrl),
				logger
			});
		}
	} catch (error) {
		if (pubsub && !parts.pubsub) await pubsub.close();
		if (!parts.store) await store.close();
		throw error;
	}
	const openedPubSub: PubSub = pubsub;
	const access = secret && generations ? new Access(secret.secret, generations) : null;
	const closeParts = async () => {
		if (generations instanceof PostgresLinkGenerations) await generations.close();
		if (!parts.pubsub) await openedPubSub.close();
		if (!parts.store) await store.close();
	};
	const rooms = new Rooms(
		store,
		openedPubSub,
		{
			graceMs: config.roomGraceMs,
			compaction: {
				afterUpdates: config.compactAfterUpdates,
				afterBytes: config.compactAfterBytes
			},
			connections: {
				messagesPerSecond: config.rateMessagesPerSecond,
				bytesPerSecond: config.rateBytesPerSecond,
				maxMessageBytes: config.maxMessageBytes,
				maxBufferedBytes: config.maxBufferedBytes
			}
		},
		logger
	);
	const connections = new Set<BoardConnection>();
	rooms.onEvicted((room) => {
		for (const connection of connections) {
			if (connection.currentRoom === room) {
				connection.close(
					CloseCode.INTERNAL_ERROR,
					'The board failed to store a change; reconnect.'
				);
			}
		}
	});

	if (generations instanceof PostgresLinkGenerations) {
		generations.onRotated((boardId, generation) => {
			closeRevokedConnections(connections, boardId);
			logger.info({ boardId, generation }, 'share links rotated by another process');
		});
	}

	const app = new Hono();
	const nodeWebSocket = createNodeWebSocket({ app });
	// ws closes a connection whose frame is larger than this with 1009 (message too big).
	nodeWebSocket.wss.options.maxPayload = config.maxMessageBytes;
	createApp(
		{ config, store, rooms, logger, connections, access },
		app,
		nodeWebSocket.upgradeWebSocket
	);

	let server: Server;
	try {
		server = await listen(app, config);
	} catch (error) {
		await closeParts();
		throw error;
	}
	nodeWebSocket.injectWebSocket(server);
	const port = (server.address() as AddressInfo).port;
	const url = urlOf(config.host, port);
	logger.info(
		{
			url,
			storage: store.kind,
			location: storeLocation(store, config),
			fanOut: openedPubSub.kind,
			maxMessageBytes: config.maxMessageBytes,
			maxImportBytes: config.maxImportBytes,
			shareLinks: access ? 'required' : 'off'
		},
		'server started'
	);
	const adminUrl = secret?.generated ? `${url}/?token=${adminToken(secret.secret)}` : null;

	let closing: Promise<void> | null = null;
	const close = () => {
		closing ??= (async () => {
			const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
			for (const connection of [...connections]) {
				connection.close(CloseCode.GOING_AWAY, 'The server is stopping; reconnect later.');
			}
			const boards = await rooms.closeAll();
			nodeWebSocket.wss.close();
			server.closeAllConnections();
			await stopped;
			await closeParts();
			logger.info({ flushedBoards: boards.length }, 'server stopped');
		})();
		return closing;
	};
	return { url, port, adminUrl, close };
}
