import { createHash } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { startServer, type TestServer } from '../helpers/server';
import { waitUntil } from './support';

let server: TestServer;

function policyOf(response: Response): Map<string, string> {
	const header = response.headers.get('content-security-policy') ?? '';
	const directives = new Map<string, string>();
	for (const part of header.split(';')) {
		const [name, ...sources] = part.trim().split(/\s+/);
		if (name) directives.set(name, sources.join(' '));
	}
	return directives;
}

beforeAll(async () => {
	server = await startServer();
});

afterAll(async () => {
	await server.dispose();
});

describe('security headers', () => {
	it('page policy allows only own scripts', async () => {
		const response = await fetch(`${server.url}/`);
		const html = await response.text();
		const policy = policyOf(response);
		expect(policy.get('default-src')).toBe("'self'");
		expect(policy.get('frame-ancestors')).toBe("'none'");
		expect(policy.get('object-src')).toBe("'none'");
		const scriptSources = policy.get('script-src') ?? '';
		expect(scriptSources).not.toContain('unsafe-inline');
		const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) => match[1]);
		expect(inline.length).toBeGreaterThan(0);
		for (const script of inline) {
			const hash = createHash('sha256').update(script).digest('base64');
			expect(scriptSources).toContain(`'sha256-${hash}'`);
		}
	});

	it('page and API carry frame headers', async () => {
		for (const path of ['/', '/boards/abc', '/api/boards', '/healthz']) {
			const response = await fetch(`${server.url}${path}`);
			expect(response.headers.get('x-frame-options')).toBe('DENY');
			expect(response.headers.get('x-content-type-options')).toBe('nosniff');
			expect(response.headers.get('referrer-policy')).toBe('no-referrer');
		}
	});

	it('no CORS headers for other origins', async () => {
		const simple = await fetch(`${server.url}/api/boards`, {
			headers: { origin: 'http://other.invalid' }
		});
		expect(simple.headers.get('access-control-allow-origin')).toBeNull();
		const preflight = await fetch(`${server.url}/api/boards`, {
			method: 'OPTIONS',
			headers: {
				origin: 'http://other.invalid',
				'access-control-request-method': 'POST'
			}
		});
		expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
		expect(preflight.headers.get('access-control-allow-methods')).toBeNull();
	});
});

describe('body limits', () => {
	it('oversized board JSON gets 413', async () => {
		const before = (await (await fetch(`${server.url}/api/boards`)).json()) as unknown[];
		const response = await fetch(`${server.url}/api/boards`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ name: 'x'.repeat(100 * 1024) })
		});
		expect(response.status).toBe(413);
		expect(((await response.json()) as { error: string }).error).toMatch(/larger than the limit/);
		const after = (await (await fetch(`${server.url}/api/boards`)).json()) as unknown[];
		expect(after.length).toBe(before.length);
	});
});

describe('policy in a browser', () => {
	let browser: Browser;

	beforeAll(async () => {
		browser = await launchBrowser();
	});

	afterAll(async () => {
		await browser.close();
	});

	it('board list renders without violations', async () => {
		const page = await browser.newPage();
		const violations: string[] = [];
		page.on('console', (message) => {
			if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
		});
		await page.goto(`${server.url}/`);
		await waitUntil(
			async () => (await page.locator('main, h1').count()) > 0,
			'the board list rendered'
		);
		const theme = await page.evaluate(() => document.documentElement.dataset.theme);
		expect(theme === 'light' || theme === 'dark').toBe(true);
		expect(violations).toEqual([]);
		await page.close();
	});

	it('board page connects without violations', async () => {
		const created = await fetch(`${server.url}/api/boards`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ name: 'Policy board' })
		});
		const { id } = (await created.json()) as { id: string };
		const page = await browser.newPage();
		const violations: string[] = [];
		page.on('console', (message) => {
			if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
		});
		let framesReceived = 0;
		page.on('websocket', (socket) => socket.on('framereceived', () => framesReceived++));
		await page.goto(`${server.url}/boards/${id}`);
		await waitUntil(() => framesReceived > 0, 'the board websocket received a frame');
		expect(violations).toEqual([]);
		await page.close();
	});
});
