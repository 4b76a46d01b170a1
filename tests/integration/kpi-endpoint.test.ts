import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';

let server: TestServer;
let boardId: string;

const CSV = [
	'opportunity_id,account,deal_stage,engage_date,close_date,close_value,sales_agent',
	'A1,Acme,Won,2024-01-02,2024-03-05,1000,Li Wei',
	'A2,Globex,Lost,2024-01-10,2024-02-20,0,Li Wei',
	'A3,Initech,Won,2024-02-01,2024-05-10,500,Anna Berg'
].join('\n');

beforeAll(async () => {
	server = await startServer();
	const created = await fetch(`${server.url}/api/boards`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ name: 'KPI history' })
	});
	boardId = ((await created.json()) as { id: string }).id;
	const imported = await fetch(`${server.url}/api/boards/${boardId}/import`, {
		method: 'POST',
		body: CSV
	});
	expect(((await imported.json()) as { imported: number }).imported).toBe(3);
});

afterAll(async () => {
	await server?.dispose();
});

async function kpis(query: string) {
	const response = await fetch(`${server.url}/api/boards/${boardId}/kpis${query}`);
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('GET /api/boards/:id/kpis asOf', () => {
	it('derives the board as it was on a past day', async () => {
		const march = await kpis('?asOf=2024-03-31');
		expect(march.status).toBe(200);
		expect(march.body.wonCount).toBe(1);
		expect(march.body.lostCount).toBe(1);
		expect(march.body.wonValue).toBe(1000);

		const january = await kpis('?asOf=2024-01-31');
		expect(january.body.wonCount).toBe(0);
		expect(january.body.winRate).toBeNull();
	});

	it('matches the live board on a day after every event', async () => {
		const live = await kpis('');
		const later = await kpis('?asOf=2024-12-31');
		expect(later.body.wonCount).toBe(live.body.wonCount);
		expect(later.body.wonValue).toBe(1500);
	});

	it('rejects an invalid day with a clear message', async () => {
		const invalid = await kpis('?asOf=yesterday');
		expect(invalid.status).toBe(400);
		expect(String(invalid.body.error)).toContain('asOf must be an ISO 8601 date');
	});
});
