import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const folders: string[] = [];

function tempDir(): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-auth-'));
	folders.push(dir);
	return dir;
}

interface Run {
	stderr: () => string;
	stdout: () => string;
	exited: Promise<number | null>;
	stop: () => void;
}

function run(env: Record<string, string>): Run {
	const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
		cwd: ROOT,
		env: { ...process.env, TANDEM_SKIP_BUILD: '1', PORT: '0', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let stderr = '';
	let stdout = '';
	child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
	return { stderr: () => stderr, stdout: () => stdout, exited, stop: () => child.kill('SIGTERM') };
}

async function waitFor(check: () => boolean, condition: string): Promise<void> {
	const deadline = Date.now() + 60_000;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`Timed out waiting until ${condition}.`);
		await new Promise((resolve) => setTimeout(resolve, 25));
	}
}

afterEach(() => {
	for (const dir of folders.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('startup secret', () => {
	it('non-loopback without secret stops the start', async () => {
		const dataDir = tempDir();
		const server = run({ HOST: '0.0.0.0', DATA_DIR: dataDir, TANDEM_SECRET: '' });
		expect(await server.exited).toBe(2);
		expect(server.stderr()).toMatch(/did not start: HOST is 0\.0\.0\.0, not loopback/);
		expect(server.stderr()).toMatch(/TANDEM_SECRET/);
		expect(server.stdout()).not.toMatch(/server started/);
		expect(fs.existsSync(path.join(dataDir, 'secret'))).toBe(false);
	});

	it('non-loopback with auth off stops the start', async () => {
		const server = run({ HOST: '0.0.0.0', DATA_DIR: tempDir(), TANDEM_AUTH: 'off' });
		expect(await server.exited).toBe(2);
		expect(server.stderr()).toMatch(/only allowed on a loopback HOST/);
		expect(server.stdout()).not.toMatch(/server started/);
	});

	it('short secret stops the start', async () => {
		const server = run({
			HOST: '127.0.0.1',
			DATA_DIR: tempDir(),
			TANDEM_AUTH: 'required',
			TANDEM_SECRET: 'short'
		});
		expect(await server.exited).toBe(2);
		expect(server.stderr()).toMatch(/at least 32 characters/);
	});

	it('short stored secret stops the start', async () => {
		const dataDir = tempDir();
		fs.writeFileSync(path.join(dataDir, 'secret'), 'abc\n', { mode: 0o600 });
		const server = run({ HOST: '127.0.0.1', DATA_DIR: dataDir, TANDEM_AUTH: 'required' });
		expect(await server.exited).toBe(2);
		expect(server.stderr()).toMatch(/has 3 characters, fewer than 32/);
		expect(fs.readFileSync(path.join(dataDir, 'secret'), 'utf8')).toBe('abc\n');
	});

	it('corrupt generations file stops the start', async () => {
		const dataDir = tempDir();
		fs.writeFileSync(path.join(dataDir, 'link-generations.json'), '{"q3": 2');
		const server = run({
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			TANDEM_AUTH: 'required',
			TANDEM_SECRET: 'startup-test-secret-0123456789abcdefghijklmnop'
		});
		expect(await server.exited).toBe(2);
		expect(server.stderr()).toMatch(/link-generations\.json is not valid JSON/);
		expect(server.stdout()).not.toMatch(/server started/);
	});

	it('generated secret is 0600, link shown once', async () => {
		const dataDir = tempDir();
		const env = {
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			TANDEM_AUTH: 'required',
			TANDEM_SECRET: ''
		};
		const first = run(env);
		try {
			await waitFor(() => /Admin link.*\n\S+\n/.test(first.stderr()), 'the admin link is printed');
			const adminUrl = first.stderr().match(/Admin link.*\n(\S+)\n/)?.[1] ?? '';
			const secretFile = path.join(dataDir, 'secret');
			expect(fs.statSync(secretFile).mode & 0o777).toBe(0o600);
			const url = new URL(adminUrl);
			const token = url.searchParams.get('token') ?? '';
			const created = await fetch(`${url.origin}/api/boards`, {
				method: 'POST',
				headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
				body: JSON.stringify({ name: 'Made by admin' })
			});
			expect(created.status).toBe(201);
			const anonymous = await fetch(`${url.origin}/api/boards`);
			expect(anonymous.status).toBe(401);
		} finally {
			first.stop();
			await first.exited;
		}
		const secret = fs.readFileSync(path.join(dataDir, 'secret'), 'utf8');
		const second = run(env);
		try {
			await waitFor(() => /Tandem is running/.test(second.stderr()), 'the second start');
			expect(second.stderr()).not.toMatch(/Admin link/);
			expect(fs.readFileSync(path.join(dataDir, 'secret'), 'utf8')).toBe(secret);
		} finally {
			second.stop();
			await second.exited;
		}
	});

	it('loopback default needs no token', async () => {
		const server = run({ HOST: '127.0.0.1', DATA_DIR: tempDir(), TANDEM_SECRET: '' });
		try {
			await waitFor(() => /Tandem is running at (\S+)/.test(server.stderr()), 'the start');
			const base = server.stderr().match(/Tandem is running at (\S+)/)?.[1] ?? '';
			expect((await fetch(`${base}/api/boards`)).status).toBe(200);
		} finally {
			server.stop();
			await server.exited;
		}
	});
});
