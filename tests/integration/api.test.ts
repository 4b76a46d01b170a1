import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { dataFile, PIPELINE_CSV, GBK_CSV } from '../helpers/data';

const PIPELINE = dataFile(PIPELINE_CSV);
const GBK_FILE = dataFile(GBK_CSV);

let server: TestServer;

async function createBoard(name: string): Promise<string> {
	const response = await fetch(`${server.url}/api/boards`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ name })
	});
	expect(response.status).toBe(201);
	return ((await response.json()) as { id: string }).id;
}

async function importCsv(boardId: string, body: BodyInit, mapping?: object) {
	const query = mapping ? `?mapping=${encodeURIComponent(JSON.stringify(mapping))}` : '';
	return fetch(`${server.url}/api/boards/${boardId}/import${query}`, { method: 'POST', body });
}

interface BoardDetail {
	name: string;
	cardCount: number;
	members: { id: string; name: string }[];
	stages: { id: string; cardCount: number }[];
}

async function boardDetail(boardId: string): Promise<BoardDetail> {
	const response = await fetch(`${server.url}/api/boards/${boardId}`);
	expect(response.status).toBe(200);
	return (await response.json()) as BoardDetail;
}

/** Sums close_value over won deals, reading the CSV with a plain split: it has no quoted fields. */
function wonValueOfPipeline(): { won: number; lost: number; value: number } {
	const [header, ...lines] = fs.readFileSync(PIPELINE, 'utf8').trim().split('\n');
	const columns = header.split(',');
	const stage = columns.indexOf('deal_stage');
	const closeValue = columns.indexOf('close_value');
	let won = 0;
	let lost = 0;
	let value = 0;
	for (const line of lines) {
		const fields = line.split(',');
		if (fields[stage] === 'Won') {
			won++;
			value += Number(fields[closeValue]);
		}
		if (fields[stage] === 'Lost') lost++;
	}
	return { won, lost, value };
}

beforeAll(async () => {
	server = await startServer();
});

afterAll(async () => {
	await server.dispose();
});

describe('board API', () => {
	it('healthz reports storage', async () => {
		const response = await fetch(`${server.url}/healthz`);
		expect(response.status).toBe(200);
		expect(await response.json()).toMatchObject({ status: 'ok', storage: 'sqlite' });
	});

	it('created board is listed with its name', async () => {
		const id = await createBoard('  East region  ');
		const list = (await (await fetch(`${server.url}/api/boards`)).json()) as {
			id: string;
			name: string;
			cardCount: number;
			lastChange: string;
		}[];
		const board = list.find((entry) => entry.id === id);
		expect(board?.name).toBe('East region');
		expect(board?.cardCount).toBe(0);
		expect(Number.isNaN(Date.parse(board?.lastChange ?? ''))).toBe(false);
		const detail = await boardDetail(id);
		expect(detail.stages.map((stage) => stage.id)).toContain('lead');
	});

	it('board name rules are enforced', async () => {
		for (const body of [{ name: '' }, { name: '   ' }, { name: 'x'.repeat(101) }, { title: 'x' }]) {
			const response = await fetch(`${server.url}/api/boards`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body)
			});
			expect(response.status).toBe(400);
			expect(((await response.json()) as { error: string }).error).toMatch(/name/);
		}
		const notJson = await fetch(`${server.url}/api/boards`, { method: 'POST', body: '{name' });
		expect(notJson.status).toBe(400);
		expect(((await notJson.json()) as { error: string }).error).toMatch(/JSON/);
	});

	it('unknown board returns 404', async () => {
		for (const path of ['', '/kpis']) {
			const response = await fetch(`${server.url}/api/boards/no-such-board${path}`);
			expect(response.status).toBe(404);
			expect(await response.json()).toEqual({ error: 'Board "no-such-board" not found.' });
		}
		const imported = await importCsv('no-such-board', 'title\nAcme\n');
		expect(imported.status).toBe(404);
	});

	it('invalid board id returns 400', async () => {
		for (const path of [
			'/api/boards/bad%20id',
			'/api/boards/bad.id/kpis',
			`/api/boards/${'x'.repeat(65)}`
		]) {
			const response = await fetch(`${server.url}${path}`);
			expect(response.status).toBe(400);
			expect(((await response.json()) as { error: string }).error).toMatch(/Invalid board id/);
		}
	});

	it('invalid KPI option returns 400', async () => {
		const id = await createBoard('KPI options');
		const lane = await fetch(`${server.url}/api/boards/${id}/kpis?lane=middle`);
		expect(lane.status).toBe(400);
		expect(((await lane.json()) as { error: string }).error).toMatch(/lane must be one of/);
		const now = await fetch(`${server.url}/api/boards/${id}/kpis?now=yesterday`);
		expect(now.status).toBe(400);
		expect(((await now.json()) as { error: string }).error).toMatch(/now must be an ISO 8601/);
	});

	it('unknown API route returns JSON 404', async () => {
		const response = await fetch(`${server.url}/api/nothing-here`);
		expect(response.status).toBe(404);
		expect(((await response.json()) as { error: string }).error).toMatch(/No API route/);
	});
});

describe('CSV import endpoint', () => {
	it('imports the whole pipeline file and derives its KPIs', async () => {
		const boardId = await createBoard('Pipeline');
		const started = performance.now();
		const response = await importCsv(boardId, fs.readFileSync(PIPELINE));
		const elapsed = performance.now() - started;
		expect(response.status).toBe(200);
		const result = (await response.json()) as {
			imported: number;
			skipped: number;
			errors: unknown[];
		};
		expect(result.imported).toBe(8800);
		expect(result.skipped).toBe(0);
		expect(result.errors).toEqual([]);
		expect(elapsed).toBeLessThan(10_000);

		const detail = await boardDetail(boardId);
		expect(detail.cardCount).toBe(8800);
		expect(detail.members).toHaveLength(30);

		const expected = wonValueOfPipeline();
		expect(expected).toMatchObject({ won: 4238, lost: 2473 });
		const kpis = (await (await fetch(`${server.url}/api/boards/${boardId}/kpis`)).json()) as {
			winRate: number;
			wonValue: number;
		};
		expect(kpis.winRate).toBeCloseTo(4238 / 6711, 10);
		expect(kpis.wonValue).toBe(expected.value);
	});

	it('reimport skips rows already on the board', async () => {
		const boardId = await createBoard('Twice');
		const csv = 'opportunity_id,account,deal_stage\nA1,Acme,Won\nA2,Globex,Lost\n';
		await importCsv(boardId, csv);
		const again = (await (await importCsv(boardId, csv)).json()) as {
			imported: number;
			errors: { line: number; message: string }[];
		};
		expect(again.imported).toBe(0);
		expect(again.errors.map((error) => error.line)).toEqual([2, 3]);
		expect((await boardDetail(boardId)).cardCount).toBe(2);
	});

	it('reports bad rows by line and imports the rest', async () => {
		const boardId = await createBoard('Bad rows');
		const csv = [
			'opportunity_id,account,deal_stage,engage_date,close_date,close_value',
			'B1,Acme,Won,2017-01-02,2017-02-03,100',
			'B2,Globex,Won,2017-01-02,2017-02-03,lots',
			'B3,Initech,Won,2017-13-02,2017-02-03,100',
			'B4,Umbrella,Sleeping,2017-01-02,,',
			'B5,Hooli,Lost',
			'"B6","Quoted, Inc.",Engaging,2017-01-05,,',
			'B7,"Multi',
			'line",Won,2017-01-02,2017-02-03,250'
		].join('\r\n');
		const response = await importCsv(boardId, csv);
		expect(response.status).toBe(200);
		const result = (await response.json()) as {
			imported: number;
			skipped: number;
			errors: { line: number; message: string }[];
		};
		expect(result.imported).toBe(3);
		expect(result.skipped).toBe(4);
		expect(result.errors.map((error) => error.line)).toEqual([3, 4, 5, 6]);
		expect(result.errors[0].message).toMatch(/value.*"lots"/);
		expect(result.errors[1].message).toMatch(/createdAt.*"2017-13-02"/);
		expect(result.errors[2].message).toMatch(/unknown stage "Sleeping"/);
		expect(result.errors[3].message).toMatch(/3 fields but the header has 6/);
		const detail = await boardDetail(boardId);
		expect(detail.cardCount).toBe(3);
		expect(detail.stages.find((stage) => stage.id === 'won')?.cardCount).toBe(2);
	});

	it('applies a column and stage mapping', async () => {
		const boardId = await createBoard('Mapped');
		const csv = 'Kunde,Phase,Betrag\nMüller GmbH,Gewonnen,5000\nSchmidt AG,Offen,700\n';
		const mapping = {
			columns: { title: 'Kunde', stage: 'Phase', value: 'Betrag' },
			stages: { Gewonnen: 'won', Offen: 'proposal' }
		};
		const result = (await (await importCsv(boardId, csv, mapping)).json()) as { imported: number };
		expect(result.imported).toBe(2);
		const kpis = (await (await fetch(`${server.url}/api/boards/${boardId}/kpis`)).json()) as {
			wonValue: number;
		};
		expect(kpis.wonValue).toBe(5000);
	});

	it('rejects a mapping to a missing column', async () => {
		const boardId = await createBoard('Bad mapping');
		const response = await importCsv(boardId, 'a,b\n1,2\n', { columns: { title: 'Customer' } });
		expect(response.status).toBe(400);
		expect(((await response.json()) as { error: string }).error).toMatch(
			/"Customer".*not in the file/
		);
		const notJson = await fetch(`${server.url}/api/boards/${boardId}/import?mapping=%7Bx`, {
			method: 'POST',
			body: 'a\n1\n'
		});
		expect(notJson.status).toBe(400);
		expect((await boardDetail(boardId)).cardCount).toBe(0);
	});

	it('decodes a GB18030 file', async () => {
		const boardId = await createBoard('GBK');
		const mapping = { columns: { title: '来源明细', value: '访客数' } };
		const response = await importCsv(boardId, fs.readFileSync(GBK_FILE), mapping);
		const result = (await response.json()) as { imported: number; encoding: string };
		expect(result.encoding).toBe('gb18030');
		expect(result.imported).toBe(22);
	});

	it('rejects a body over MAX_IMPORT_BYTES', async () => {
		const small = await startServer({ env: { MAX_IMPORT_BYTES: '2048', STORAGE: 'memory' } });
		try {
			const created = await fetch(`${small.url}/api/boards`, {
				method: 'POST',
				body: JSON.stringify({ name: 'Small' })
			});
			const { id } = (await created.json()) as { id: string };
			const response = await fetch(`${small.url}/api/boards/${id}/import`, {
				method: 'POST',
				body: `title\n${'Acme\n'.repeat(1000)}`
			});
			expect(response.status).toBe(413);
			expect(((await response.json()) as { error: string }).error).toMatch(/MAX_IMPORT_BYTES/);
		} finally {
			await small.dispose();
		}
	});
});

describe('client files', () => {
	it('client route falls back to index.html', async () => {
		const response = await fetch(`${server.url}/boards/some-board/dashboard`);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toMatch(/text\/html/);
		expect(response.headers.get('cache-control')).toBe('no-cache');
		expect(await response.text()).toMatch(/<html/);
	});

	it('hashed assets are cached as immutable', async () => {
		const html = await (await fetch(`${server.url}/`)).text();
		const asset = /\/_app\/immutable\/[^"']+\.js/.exec(html)?.[0];
		expect(asset).toBeDefined();
		const response = await fetch(`${server.url}${asset}`);
		expect(response.status).toBe(200);
		expect(response.headers.get('cache-control')).toMatch(/immutable/);
	});

	it('missing asset returns 404', async () => {
		const response = await fetch(`${server.url}/_app/immutable/missing.js`);
		expect(response.status).toBe(404);
	});
});
