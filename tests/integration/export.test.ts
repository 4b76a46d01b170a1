import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';

let server: TestServer;

beforeAll(async () => {
	server = await startServer();
});

afterAll(async () => {
	await server?.dispose();
});

describe('GET /api/boards/:id/export.csv', () => {
	it('exports imported cards with formulas escaped', async () => {
		const created = await fetch(`${server.url}/api/boards`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ name: 'Export' })
		});
		const { id } = (await created.json()) as { id: string };
		const csv = 'title,value,stage\n"=cmd|\' /C calc\'!A0",100,Lead\n+Plain,5,Won\n';
		const imported = await fetch(`${server.url}/api/boards/${id}/import`, {
			method: 'POST',
			body: csv
		});
		expect(((await imported.json()) as { imported: number }).imported).toBe(2);

		const response = await fetch(`${server.url}/api/boards/${id}/export.csv`);

		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toContain('text/csv');
		expect(response.headers.get('content-disposition')).toContain(`${id}.csv`);
		const text = await response.text();
		expect(text).toContain(",'=cmd|' /C calc'!A0,");
		expect(text).toContain("'+Plain");
		expect(text.split('\r\n').filter((line) => line !== '')).toHaveLength(3);
	});

	it('answers 404 for an unknown board', async () => {
		const response = await fetch(`${server.url}/api/boards/no-such-board/export.csv`);
		expect(response.status).toBe(404);
		expect(((await response.json()) as { error: string }).error).toMatch(
			/not found|does not exist/i
		);
	});

	it('answers 400 for an invalid board id', async () => {
		const response = await fetch(`${server.url}/api/boards/bad%20id/export.csv`);
		expect(response.status).toBe(400);
	});
});
