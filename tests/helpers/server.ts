/**
 * Starts the real server as a child process (`node --import tsx server/index.ts`) on a free
 * loopback port with a temporary data folder, and reads its address from its JSON log.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPOSITORY_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Long enough for a first start that has to build the client. */
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 20_000;

export interface StartOptions {
	/** Data folder to use; a new temporary one by default. */
	dataDir?: string;
	/** Extra environment variables, such as `MAX_MESSAGE_BYTES`. */
	env?: Record<string, string>;
}

/** One parsed JSON log line of the server. */
export type LogLine = Record<string, unknown> & { msg?: string; level?: number };

export interface TestServer {
	/** Base URL, such as `http://127.0.0.1:41234`; stays the same across `restart()`. */
	url: string;
	/** Websocket base for a `WebsocketProvider`, such as `ws://127.0.0.1:41234/ws`. */
	wsUrl: string;
	dataDir: string;
	/** Every JSON log line the server has written so far, across restarts. */
	logs: LogLine[];
	/** Sends `signal` (SIGTERM by default) and resolves with the exit code. */
	stop(signal?: NodeJS.Signals): Promise<number | null>;
	/** Stops the server if it runs and starts it again on the same port and data folder. */
	restart(): Promise<void>;
	/** Stops the server and removes the data folder when this helper created it. */
	dispose(): Promise<void>;
}

interface Running {
	child: ChildProcess;
	exited: Promise<number | null>;
}

function spawnServer(
	env: Record<string, string>,
	logs: LogLine[]
): Promise<Running & { url: string }> {
	const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
		cwd: REPOSITORY_ROOT,
		env: { ...process.env, ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const exited = new Promise<number | null>((resolve) =>
		child.once('exit', (code) => resolve(code))
	);
	let stderr = '';
	child.stderr?.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
	});
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`Server did not start within ${START_TIMEOUT_MS} ms.\n${stderr}`));
		}, START_TIMEOUT_MS);
		let buffered = '';
		child.stdout?.on('data', (chunk: Buffer) => {
			buffered += chunk.toString();
			let newline = buffered.indexOf('\n');
			while (newline !== -1) {
				const text = buffered.slice(0, newline);
				buffered = buffered.slice(newline + 1);
				newline = buffered.indexOf('\n');
				let line: LogLine;
				try {
					line = JSON.parse(text) as LogLine;
				} catch (error) {
					if (!(error instanceof SyntaxError)) throw error;
					line = { msg: text, unparsed: true };
				}
				logs.push(line);
				if (line.msg === 'server started' && typeof line.url === 'string') {
					clearTimeout(timer);
					resolve({ child, exited, url: line.url });
				}
			}
		});
		void exited.then((code) => {
			clearTimeout(timer);
			reject(new Error(`Server exited with code ${code} before it started.\n${stderr}`));
		});
	});
}

export async function startServer(options: StartOptions = {}): Promise<TestServer> {
	const ownsDataDir = options.dataDir === undefined;
	const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-test-'));
	const logs: LogLine[] = [];
	const baseEnv = { HOST: '127.0.0.1', ...options.env, DATA_DIR: dataDir };
	let running: Running | null = await spawnServer({ ...baseEnv, PORT: '0' }, logs);
	const first = running as Running & { url: string };
	const port = new URL(first.url).port;

	const server: TestServer = {
		url: first.url,
		wsUrl: `${first.url.replace(/^http/, 'ws')}/ws`,
		dataDir,
		logs,
		async stop(signal = 'SIGTERM') {
			if (!running) return null;
			const { child, exited } = running;
			running = null;
			child.kill(signal);
			const timeout = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
			const code = await exited;
			clearTimeout(timeout);
			return code;
		},
		async restart() {
			await server.stop();
			running = await spawnServer({ ...baseEnv, PORT: port }, logs);
		},
		async dispose() {
			await server.stop();
			if (ownsDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
		}
	};
	return server;
}
