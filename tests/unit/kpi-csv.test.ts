/**
 * KPIs of the 8,800 deals in the CRM sample pipeline, checked against figures computed here from
 * the CSV rows directly. The board is built with `createCard`, one card per row.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createCard, readBoard, seedBoard, type BoardSnapshot } from '../../src/lib/board';
import { deriveKpis, type Kpis } from '../../src/lib/kpi';
import { dataFile, PIPELINE_CSV } from '../helpers/data';

const CSV = dataFile(PIPELINE_CSV);
const DAY = 86_400_000;
const IMPORTED_AT = new Date('2024-06-01T00:00:00Z');

interface Row {
	id: string;
	agent: string;
	stage: string;
	engageDate: string;
	closeDate: string;
	closeValue: string;
}

/** Reads the pipeline CSV, which has a header line and no quoted fields. */
function readRows(): Row[] {
	const lines = readFileSync(CSV, 'utf8').trim().split('\n');
	expect(lines[0]).toBe(
		'opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value'
	);
	return lines.slice(1).map((line) => {
		const [id, agent, , , stage, engageDate, closeDate, closeValue] = line.split(',');
		return { id, agent, stage, engageDate, closeDate, closeValue };
	});
}

const STAGE_OF_DEAL: Record<string, string> = {
	Prospecting: 'lead',
	Engaging: 'qualified',
	Won: 'won',
	Lost: 'lost'
};

function buildBoard(rows: Row[]): BoardSnapshot {
	const doc = new Y.Doc();
	const context = { by: 'system', now: IMPORTED_AT };
	seedBoard(doc, { name: 'CRM', currency: 'USD' }, context);
	rows.forEach((row, index) => {
		createCard(
			doc,
			{
				id: row.id,
				title: row.id,
				stageId: STAGE_OF_DEAL[row.stage],
				// Explicit ranks skip the scan for the last rank of the stage on every insert.
				rank: `a${index.toString(36).padStart(4, '1')}1`,
				value: row.closeValue === '' ? 0 : Number(row.closeValue),
				salesOwner: row.agent,
				createdAt: row.engageDate || undefined,
				closedAt: row.closeDate || undefined
			},
			context
		);
	});
	return readBoard(doc);
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

describe('crm sample pipeline', () => {
	let rows: Row[];
	let board: BoardSnapshot;
	let kpis: Kpis;

	beforeAll(() => {
		rows = readRows();
		board = buildBoard(rows);
		kpis = deriveKpis(board, { now: IMPORTED_AT });
	}, 60_000);

	it('has 8,800 deals', () => {
		expect(rows).toHaveLength(8800);
		expect(kpis.cardCount).toBe(8800);
	});

	it('counts cards per stage', () => {
		expect(kpis.cardsByStage).toMatchObject({ lead: 500, qualified: 1589, won: 4238, lost: 2473 });
	});

	it('computes the win rate', () => {
		expect(kpis.wonCount).toBe(4238);
		expect(kpis.lostCount).toBe(2473);
		expect(kpis.winRate).toBe(4238 / 6711);
	});

	it('sums the won value', () => {
		const expected = rows
			.filter((row) => row.stage === 'Won')
			.reduce((sum, row) => sum + Number(row.closeValue), 0);
		expect(expected).toBe(10_005_534);
		expect(kpis.wonValue).toBe(expected);
		expect(kpis.valueByStage.won).toBe(expected);
		expect(kpis.valueByStage.lost).toBe(0);
	});

	it('groups wins by close month', () => {
		const months = new Map<string, { count: number; value: number }>();
		for (const row of rows.filter((row) => row.stage === 'Won')) {
			const month = row.closeDate.slice(0, 7);
			const total = months.get(month) ?? { count: 0, value: 0 };
			total.count += 1;
			total.value += Number(row.closeValue);
			months.set(month, total);
		}
		const expected = [...months]
			.sort(([a], [b]) => (a < b ? -1 : 1))
			.map(([month, total]) => ({ month, ...total }));
		expect(kpis.wonByMonth).toEqual(expected);
		expect(kpis.wonByMonth[0]).toEqual({ month: '2017-03', count: 531, value: expect.any(Number) });
		expect(kpis.wonByMonth).toHaveLength(10);
	});

	it('measures the sales cycle', () => {
		const days = rows
			.filter((row) => row.stage === 'Won')
			.map((row) => (Date.parse(row.closeDate) - Date.parse(row.engageDate)) / DAY);
		const mean = days.reduce((sum, value) => sum + value, 0) / days.length;
		expect(kpis.salesCycleDays.count).toBe(4238);
		expect(kpis.salesCycleDays.median).toBe(median(days));
		expect(kpis.salesCycleDays.mean).toBeCloseTo(mean, 9);
	});

	it('has no pipeline value without close values', () => {
		expect(kpis.openPipelineValue).toBe(0);
		expect(kpis.handoffLagDays.count).toBe(0);
		expect(kpis.retentionRate).toBeNull();
	});

	it('filters by sales agent', () => {
		const agent = 'Darcel Schlecht';
		const own = rows.filter((row) => row.agent === agent);
		const won = own.filter((row) => row.stage === 'Won').length;
		const lost = own.filter((row) => row.stage === 'Lost').length;
		const filtered = deriveKpis(board, { now: IMPORTED_AT, owner: agent });
		expect(filtered.cardCount).toBe(own.length);
		expect(filtered.winRate).toBe(won / (won + lost));
	});
});
