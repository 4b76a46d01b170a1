import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { closeOf, openSocket } from './support';

let server: TestServer;

beforeAll(async () => {
	server = await startServer();
});

afterAll(async () => {
	await server?.dispose();
});

describe('rejected connection logs', () => {
	it('stay within the budget under a flood', async () => {
		const logsBefore = server.logs.length;
		const garbage = new Uint8Array([0xff, 0xfe, 0xfd]);
		const started = Date.now();
		for (let batch = 0; batch < 10; batch++) {
			const codes = await Promise.all(
				Array.from({ length: 10 }, async () => {
					const socket = await openSocket(server.wsUrl, 'flooded-board');
					const closed = closeOf(socket);
					socket.send(garbage);
					return (await closed).code;
				})
			);
			expect(codes).toEqual(Array(10).fill(4400));
		}
		// The budget is 20 lines per 10 s window; the flood may straddle windows on a slow machine.
		const windows = Math.ceil((Date.now() - started) / 10_000) + 1;
		const rejections = server.logs
			.slice(logsBefore)
			.filter((line) => String(line.msg).startsWith('connection closed:'));
		expect(rejections.length).toBeGreaterThan(0);
		expect(rejections.length).toBeLessThanOrEqual(20 * windows);
		expect(rejections.length).toBeLessThan(100);

		const health = await fetch(`${server.url}/healthz`);
		expect(health.status).toBe(200);
	});
});
