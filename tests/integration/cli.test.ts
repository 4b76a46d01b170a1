import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { dataFile, PIPELINE_CSV } from '../helpers/data';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PIPELINE = dataFile(PIPELINE_CSV);

let server: TestServer;

interface CliRun {
	code: number | null;
	stdout: string;
	stderr: string;
}

function runCli(args: string[], port: string): Promise<CliRun> {
	return new Promise((resolve) => {
		execFile(
			process.execPath,
			['--import', 'tsx', 'server/cli/import.ts', ...args],
			{ cwd: ROOT, env: { ...process.env, PORT: port, HOST: '127.0.0.1' } },
			(error, stdout, stderr) => {
				let code: number | null = 0;
				if (error) code = typeof error.code === 'number' ? error.code : null;
				resolve({ code, stdout, stderr });
			}
		);
	});
}

/** Returns a loopback port that nothing listens on. */
function freePort(): Promise<string> {
	return new Promise((resolve, reject) => {
		const probe = net.createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as net.AddressInfo;
			probe.close(() => resolve(String(port)));
		});
	});
}

async function createBoard(name: string): Promise<string> {
	const response = await fetch(`${server.url}/api/boards`, {
		method: 'POST',
		body: JSON.stringify({ name })
	});
	return ((await response.json()) as { id: string }).id;
}

beforeAll(async () => {
	server = await startServer({ env: { STORAGE: 'memory' } });
});

afterAll(async () => {
	await server.dispose();
});

describe('import command', () => {
	const port = () => new URL(server.url).port;

	it('imports a file into a board', async () => {
		const boardId = await createBoard('CLI');
		const run = await runCli([PIPELINE, '--board', boardId], port());
		expect(run.stderr).toBe('');
		expect(run.code).toBe(0);
		expect(run.stdout).toContain(`Imported 8800 rows into board ${boardId}; skipped 0.`);
		const detail = await (await fetch(`${server.url}/api/boards/${boardId}`)).json();
		expect((detail as { cardCount: number }).cardCount).toBe(8800);
	});

	it('lists skipped rows with their lines', async () => {
		const boardId = await createBoard('CLI rows');
		const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-cli-')), 'rows.csv');
		fs.writeFileSync(file, 'Kunde,Phase\nAcme,Won\nGlobex,Maybe\n');
		const mapping = JSON.stringify({ columns: { title: 'Kunde', stage: 'Phase' } });
		const run = await runCli([file, '--board', boardId, '--mapping', mapping], port());
		expect(run.code).toBe(0);
		expect(run.stdout).toContain(`Imported 1 row into board ${boardId}; skipped 1.`);
		expect(run.stdout).toMatch(/line 3: unknown stage "Maybe"/);
		fs.rmSync(path.dirname(file), { recursive: true });
	});

	it('unknown board fails with the server message', async () => {
		const run = await runCli([PIPELINE, '--board', 'missing-board'], port());
		expect(run.code).toBe(1);
		expect(run.stderr).toMatch(/HTTP 404.*not found/);
	});

	it('no running server gives a clear message', async () => {
		const run = await runCli([PIPELINE, '--board', 'any'], await freePort());
		expect(run.code).toBe(1);
		expect(run.stderr).toMatch(/No Tandem server is running at http:\/\/127\.0\.0\.1:\d+/);
	});

	it('missing board option prints usage', async () => {
		const run = await runCli([PIPELINE], port());
		expect(run.code).toBe(2);
		expect(run.stderr).toMatch(/--board is required/);
	});

	it('help describes the options', async () => {
		const run = await runCli(['--help'], port());
		expect(run.code).toBe(0);
		expect(run.stdout).toMatch(/--mapping JSON/);
	});
});
