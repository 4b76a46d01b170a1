/**
 * Server configuration: one default object, overridden by environment variables and then by
 * command-line flags (`--port 3001`, `--data-dir /srv/tandem`).
 */
import path from 'node:path';
import type { AuthMode } from './auth';

export type StorageKind = 'sqlite' | 'memory';

export interface ServerConfig {
	/** TCP port; 0 picks a free one. */
	port: number;
	host: string;
	/** Folder of the SQLite database; relative paths start at the working directory. */
	dataDir: string;
	/** `memory` keeps boards only until the process exits. */
	storage: StorageKind;
	/** Postgres connection string; empty means SQLite in `dataDir`. */
	databaseUrl: string;
	/** Redis connection string for fan-out between processes; empty means one process. */
	redisUrl: string;
	/** Largest websocket frame accepted, in bytes. */
	maxMessageBytes: number;
	/** Websocket messages one connection may send per second before it is closed. */
	rateMessagesPerSecond: number;
	/** Websocket bytes one connection may send per second before it is closed. */
	rateBytesPerSecond: number;
	/** Bytes queued to one slow client beyond which it is disconnected. */
	maxBufferedBytes: number;
	/** Largest CSV body accepted by the import endpoint, in bytes. */
	maxImportBytes: number;
	/** Milliseconds a board stays loaded after its last client leaves. */
	roomGraceMs: number;
	/** Stored updates of one board that trigger a compaction into one snapshot. */
	compactAfterUpdates: number;
	/** Bytes of stored updates of one board that trigger a compaction. */
	compactAfterBytes: number;
	/** Folder of the built client. */
	buildDir: string;
	logLevel: string;
	/** `auto` requires share-link tokens off loopback only, `required` always, `off` never. */
	auth: AuthMode;
	/** Key that signs share-link tokens; empty means the one stored in `dataDir`, if any. */
	secret: string;
}

export const defaultConfig: ServerConfig = {
	port: 3_000,
	host: '127.0.0.1',
	dataDir: './data',
	storage: 'sqlite',
	databaseUrl: '',
	redisUrl: '',
	// The first sync of a 10,000-card board with every card field filled encodes to about
	// 7.1 MiB (measured with createCard and Y.encodeStateAsUpdate, yjs 13), so 16 MiB leaves
	// over twice that as headroom.
	maxMessageBytes: 16 * 1024 * 1024,
	rateMessagesPerSecond: 500,
	rateBytesPerSecond: 8 * 1024 * 1024,
	maxBufferedBytes: 32 * 1024 * 1024,
	maxImportBytes: 32 * 1024 * 1024,
	roomGraceMs: 10_000,
	compactAfterUpdates: 500,
	compactAfterBytes: 4 * 1024 * 1024,
	buildDir: './build',
	logLevel: 'info',
	auth: 'auto',
	secret: ''
};

/** An invalid setting; the message names the variable, the rule and the value. */
export class ConfigError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ConfigError';
	}
}

type Parse = (raw: string, name: string) => unknown;

interface Setting {
	key: keyof ServerConfig;
	env: string;
	flag: string;
	parse: Parse;
}

function integer(min: number, max: number): Parse {
	return (raw, name) => {
		const value = Number(raw.replaceAll('_', ''));
		if (raw.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
			throw new ConfigError(
				`${name} must be a whole number from ${min} to ${max}, not ${JSON.stringify(raw)}.`
			);
		}
		return value;
	};
}

const text: Parse = (raw) => raw.trim();

const storage: Parse = (raw, name) => {
	if (raw === 'sqlite' || raw === 'memory') return raw;
	throw new ConfigError(`${name} must be sqlite or memory, not ${JSON.stringify(raw)}.`);
};

const authMode: Parse = (raw, name) => {
	if (raw === 'auto' || raw === 'required' || raw === 'off') return raw;
	throw new ConfigError(`${name} must be auto, required or off, not ${JSON.stringify(raw)}.`);
};

const MAX_BYTES = 1024 * 1024 * 1024;

const SETTINGS: Setting[] = [
	{ key: 'port', env: 'PORT', flag: '--port', parse: integer(0, 65_535) },
	{ key: 'host', env: 'HOST', flag: '--host', parse: text },
	{ key: 'dataDir', env: 'DATA_DIR', flag: '--data-dir', parse: text },
	{ key: 'storage', env: 'STORAGE', flag: '--storage', parse: storage },
	{ key: 'databaseUrl', env: 'DATABASE_URL', flag: '--database-url', parse: text },
	{ key: 'redisUrl', env: 'REDIS_URL', flag: '--redis-url', parse: text },
	{
		key: 'maxMessageBytes',
		env: 'MAX_MESSAGE_BYTES',
		flag: '--max-message-bytes',
		parse: integer(1_024, MAX_BYTES)
	},
	{
		key: 'rateMessagesPerSecond',
		env: 'RATE_MESSAGES_PER_SECOND',
		flag: '--rate-messages-per-second',
		parse: integer(1, 1_000_000)
	},
	{
		key: 'rateBytesPerSecond',
		env: 'RATE_BYTES_PER_SECOND',
		flag: '--rate-bytes-per-second',
		parse: integer(1_024, MAX_BYTES)
	},
	{
		key: 'maxBufferedBytes',
		env: 'MAX_BUFFERED_BYTES',
		flag: '--max-buffered-bytes',
		parse: integer(1_024, MAX_BYTES)
	},
	{
		key: 'maxImportBytes',
		env: 'MAX_IMPORT_BYTES',
		flag: '--max-import-bytes',
		parse: integer(1_024, MAX_BYTES)
	},
	{
		key: 'roomGraceMs',
		env: 'ROOM_GRACE_MS',
		flag: '--room-grace-ms',
		parse: integer(0, 3_600_000)
	},
	{
		key: 'compactAfterUpdates',
		env: 'COMPACT_AFTER_UPDATES',
		flag: '--compact-after-updates',
		parse: integer(1, 1_000_000)
	},
	{
		key: 'compactAfterBytes',
		env: 'COMPACT_AFTER_BYTES',
		flag: '--compact-after-bytes',
		parse: integer(1_024, MAX_BYTES)
	},
	{ key: 'buildDir', env: 'BUILD_DIR', flag: '--build-dir', parse: text },
	{ key: 'logLevel', env: 'LOG_LEVEL', flag: '--log-level', parse: text },
	{ key: 'auth', env: 'TANDEM_AUTH', flag: '--auth', parse: authMode },
	{ key: 'secret', env: 'TANDEM_SECRET', flag: '--secret', parse: text }
];

/** Merges the defaults with `env` and then `argv` flags; throws a `ConfigError` on a bad value. */
export function loadConfig(
	env: Record<string, string | undefined> = process.env,
	argv: readonly string[] = []
): ServerConfig {
	const config: Record<string, unknown> = { ...defaultConfig };
	for (const setting of SETTINGS) {
		const raw = env[setting.env];
		if (raw !== undefined && raw !== '') config[setting.key] = setting.parse(raw, setting.env);
	}
	for (let index = 0; index < argv.length; index++) {
		const [flag, inline] = argv[index].split('=', 2);
		const setting = SETTINGS.find((candidate) => candidate.flag === flag);
		if (!setting) {
			throw new ConfigError(
				`Unknown option ${JSON.stringify(argv[index])}; the options are ${SETTINGS.map((s) => s.flag).join(', ')}.`
			);
		}
		const raw = inline ?? argv[++index];
		if (raw === undefined) throw new ConfigError(`${flag} needs a value.`);
		config[setting.key] = setting.parse(raw, flag);
	}
	return config as unknown as ServerConfig;
}

/** Returns the config as printed at start, with the credentials in connection strings hidden. */
export function describeConfig(config: ServerConfig): Record<string, unknown> {
	return {
		...config,
		dataDir: path.resolve(config.dataDir),
		databaseUrl: redactCredentials(config.databaseUrl),
		redisUrl: redactCredentials(config.redisUrl),
		secret: config.secret === '' ? '' : '***'
	};
}

function redactCredentials(url: string): string {
	return url.replace(/\/\/[^@/]*@/, '//***@');
}
